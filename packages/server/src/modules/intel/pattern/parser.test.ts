import { describe, expect, it } from 'vitest';
import type { ComparisonExpr, Literal, ObservationExpr } from './ast.ts';
import { formatPattern } from './format.ts';
import { parsePattern } from './parser.ts';

/** The examples of STIX 2.1 part 9 (and of the OASIS pattern validator's spec_examples.txt). */
export const SPEC_EXAMPLES = [
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
  "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']",
  "[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
  "([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS",
  "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']",
  "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
  "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
  "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
  "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
  "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
  "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
  "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
  "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']",
  "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
  "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\CryptoLocker\\\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Microsoft\\\\CurrentVersion\\\\Run\\\\CryptoLocker_0388']",
  "[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']",
  "[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']",
  "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']",
  "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
  "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
  "([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']",
  "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']",
  "[domain-name:value = 'example.com'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
  "[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] REPEATS 5 TIMES WITHIN 300 SECONDS",
  "[network-traffic:src_ref.value = '203.0.113.10' AND network-traffic:dst_port IN (80, 443)]",
  "[windows-registry-key:values[*].name = 'Foo' AND windows-registry-key:values[*].data LIKE '%.exe']",
  "[process:pid = 4 AND process:is_hidden = true]",
  "[artifact:payload_bin = b'ZXhhbXBsZQ==']",
];

const first = (e: ObservationExpr): ComparisonExpr => {
  if (e.kind !== 'observation') throw new Error(`not an observation: ${e.kind}`);
  return e.comparison;
};
const test = (text: string) => first(parsePattern(text).root) as Extract<ComparisonExpr, { kind: 'compare' }>;

describe('parsePattern: the specification examples', () => {
  it.each(SPEC_EXAMPLES)('%s', (text) => {
    const p = parsePattern(text);
    // The canonical text reads back to the same tree (spans aside).
    const again = parsePattern(formatPattern(p));
    expect(formatPattern(again)).toBe(formatPattern(p));
    expect(strip(again.root)).toEqual(strip(p.root));
  });
});

describe('parsePattern: comparison operators', () => {
  it.each([
    ['=', "[file:name = 'a']"],
    ['!=', "[file:name != 'a']"],
    ['<', '[file:size < 10]'],
    ['<=', '[file:size <= 10]'],
    ['>', '[file:size > 10]'],
    ['>=', '[file:size >= 10]'],
    ['IN', "[file:name IN ('a', 'b')]"],
    ['LIKE', "[file:name LIKE 'a%']"],
    ['MATCHES', "[file:name MATCHES '^a']"],
    ['ISSUBSET', "[ipv4-addr:value ISSUBSET '10.0.0.0/8']"],
    ['ISSUPERSET', "[ipv4-addr:value ISSUPERSET '10.0.0.1']"],
  ])('%s', (op, text) => {
    const t = test(text);
    expect(t.op).toBe(op);
    expect(t.negated).toBe(false);
    const n = test(text.replace(` ${op} `, ` NOT ${op} `));
    expect(n.op).toBe(op);
    expect(n.negated).toBe(true);
  });

  it('reads the STIX 2.0 spellings == and <> as = and !=', () => {
    expect(test("[file:name == 'a']").op).toBe('=');
    expect(test("[file:name <> 'a']").op).toBe('!=');
  });

  it('EXISTS and NOT EXISTS', () => {
    const e = first(parsePattern('[EXISTS file:name]').root);
    expect(e).toMatchObject({ kind: 'exists', negated: false, path: { objectType: 'file', steps: [{ kind: 'key', key: 'name' }] } });
    expect(first(parsePattern('[NOT EXISTS file:name]').root)).toMatchObject({ kind: 'exists', negated: true });
  });

  it('an empty IN set', () => expect(test('[file:name IN ()]').value).toEqual([]));

  it('AND binds tighter than OR; parentheses group', () => {
    const e = first(parsePattern("[a:x = 1 OR a:y = 2 AND a:z = 3]").root);
    expect(e.kind).toBe('or');
    expect((e as unknown as { operands: ComparisonExpr[] }).operands[1]?.kind).toBe('and');
    const g = first(parsePattern("[(a:x = 1 OR a:y = 2) AND a:z = 3]").root);
    expect(g.kind).toBe('and');
  });
});

describe('parsePattern: object paths', () => {
  it('quoted keys, list indexes and [*]', () => {
    const t = test("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]");
    expect(t.path.steps).toEqual([
      { kind: 'key', key: 'extensions' }, { kind: 'key', key: 'windows-pebinary-ext' }, { kind: 'key', key: 'sections' },
      { kind: 'any' }, { kind: 'key', key: 'entropy' },
    ]);
    expect(test("[email-message:to_refs[0].value = 'a@b.c']").path.steps[1]).toEqual({ kind: 'index', index: 0 });
    expect(test("[x-foo:list[-1] = 'a']").path.steps[1]).toEqual({ kind: 'index', index: -1 });
    expect(test("[file:'quoted first' = 'a']").path.steps[0]).toEqual({ kind: 'key', key: 'quoted first' });
  });

  it('custom object types with hyphens', () => expect(test("[x-usb-device:usbdrive.serial_number = '1']").path.objectType).toBe('x-usb-device'));

  it('keywords are not reserved inside paths', () => expect(test("[x-foo:in = 'a']").path.steps).toEqual([{ kind: 'key', key: 'in' }]));

  it('lenient mode accepts unquoted hyphenated keys', () => {
    expect(() => parsePattern('[file:extensions.windows-pebinary-ext.size > 1]')).toThrow(/quote it/);
    const p = parsePattern('[file:extensions.windows-pebinary-ext.size > 1]', { lenient: true });
    expect((first(p.root) as unknown as { path: { steps: unknown[] } }).path.steps[1]).toEqual({ kind: 'key', key: 'windows-pebinary-ext' });
  });
});

describe('parsePattern: constants', () => {
  const lit = (text: string): Literal => test(`[x:y = ${text}]`).value as Literal;
  it.each([
    ["'it\\'s'", { type: 'string', value: "it's" }],
    ["'a\\\\b'", { type: 'string', value: 'a\\b' }],
    ["''", { type: 'string', value: '' }],
    ['42', { type: 'int', value: 42 }],
    ['-7', { type: 'int', value: -7 }],
    ['+7', { type: 'int', value: 7 }],
    ['0', { type: 'int', value: 0 }],
    ['3.25', { type: 'float', value: 3.25 }],
    ['-.5', { type: 'float', value: -0.5 }],
    ['true', { type: 'bool', value: true }],
    ['false', { type: 'bool', value: false }],
    ["h'ffD8'", { type: 'hex', text: 'ffD8' }],
    ["b'ZXhhbXBsZQ=='", { type: 'binary', text: 'ZXhhbXBsZQ==' }],
    ["t'2014-01-13T07:03:17Z'", { type: 'timestamp', ms: Date.UTC(2014, 0, 13, 7, 3, 17) }],
    ["t'2014-01-13T07:03:17.123456Z'", { type: 'timestamp', ms: Date.UTC(2014, 0, 13, 7, 3, 17, 123) }],
  ])('%s', (text, expected) => expect(lit(text)).toMatchObject(expected));

  it('decodes binary and hex bytes', () => {
    expect(Buffer.from((lit("b'ZXhhbXBsZQ=='") as { bytes: Uint8Array }).bytes).toString()).toBe('example');
    expect([...(lit("h'ffd8'") as { bytes: Uint8Array }).bytes]).toEqual([0xff, 0xd8]);
  });

  it('lenient mode keeps unknown escapes as written', () => {
    expect(() => parsePattern("[file:name = 'C:\\Windows']")).toThrow(/invalid escape/);
    expect((first(parsePattern("[file:name = 'C:\\Windows']", { lenient: true }).root) as { value: Literal }).value).toMatchObject({ value: 'C:\\Windows' });
  });
});

describe('parsePattern: observation operators and qualifiers', () => {
  it('precedence: AND over OR over FOLLOWEDBY', () => {
    const r = parsePattern('[a:x = 1] FOLLOWEDBY [a:x = 2] OR [a:x = 3] AND [a:x = 4]').root;
    expect(r.kind).toBe('followedby');
    const right = (r as unknown as { operands: ObservationExpr[] }).operands[1] as ObservationExpr;
    expect(right.kind).toBe('or');
    expect((right as unknown as { operands: ObservationExpr[] }).operands[1]?.kind).toBe('and');
  });

  it.each([
    ['[a:x = 1] WITHIN 300 SECONDS', { kind: 'within', seconds: 300 }],
    ['[a:x = 1] WITHIN 2.5 SECONDS', { kind: 'within', seconds: 2.5 }],
    ['[a:x = 1] REPEATS 5 TIMES', { kind: 'repeats', times: 5 }],
    ["[a:x = 1] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'", { kind: 'startstop', from: { ms: Date.UTC(2016, 5, 1) }, to: { ms: Date.UTC(2016, 6, 1) } }],
  ])('%s', (text, q) => {
    const r = parsePattern(text).root;
    expect(r).toMatchObject({ kind: 'qualified', qualifier: q });
  });

  it('qualifiers chain, and apply to a parenthesised expression', () => {
    const r = parsePattern('([a:x = 1] AND [a:x = 2]) REPEATS 2 TIMES WITHIN 10 SECONDS').root;
    expect(r).toMatchObject({ kind: 'qualified', qualifier: { kind: 'within' }, expr: { kind: 'qualified', qualifier: { kind: 'repeats' }, expr: { kind: 'and' } } });
  });

  it('comments and unusual white space are skipped', () => {
    const p = parsePattern("/* c */ [file:name\u00a0=\t'a'] // trailing\n");
    expect(formatPattern(p)).toBe("[file:name = 'a']");
  });

  it('counts comparisons', () => expect(parsePattern('[a:x = 1 AND EXISTS a:y] OR [a:z IN (1, 2)]').comparisons).toBe(3));
});

/** The tree without source positions, for comparing two parses. */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v instanceof Uint8Array) return [...v];
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'start' && k !== 'end') out[k] = strip(x);
    return out;
  }
  return v;
}
