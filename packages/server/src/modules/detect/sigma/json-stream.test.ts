import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonObjectStream, type JsonItem } from './json-stream.ts';

function all(text: string, chunk = text.length): JsonItem[] {
  const s = new JsonObjectStream();
  const out: JsonItem[] = [];
  for (let i = 0; i < text.length; i += Math.max(1, chunk)) out.push(...s.push(text.slice(i, i + Math.max(1, chunk))));
  return [...out, ...s.end()];
}

describe('JsonObjectStream', () => {
  it('reads NDJSON, concatenated pretty-printed objects and a top-level array, with line numbers', () => {
    expect(all('{"a":1}\n{"b":2}\n').map((x) => [x.line, x.value])).toEqual([[1, { a: 1 }], [2, { b: 2 }]]);
    const pretty = '{\n  "Event": {\n    "x": "}{"\n  }\n}{\n  "Event": {}\n}\n';
    expect(all(pretty).map((x) => [x.line, x.value])).toEqual([[1, { Event: { x: '}{' } }], [5, { Event: {} }]]);
    expect(all('[{"a":1},\n {"b":"\\"}"}]').map((x) => x.value)).toEqual([{ a: 1 }, { b: '"}' }]);
  });

  it('reports a malformed object and goes on', () => {
    const out = all('{"a":1}\n{"b":,}\n{"c":3}\n{"d":');
    expect(out.map((x) => (x.value ? 'ok' : x.error?.slice(0, 12)))).toEqual(['ok', 'invalid JSON', 'ok', 'input ends i']);
    expect(out[1]!.line).toBe(2);
  });

  it('skips an object over the size bound', () => {
    const s = new JsonObjectStream({ maxObjectBytes: 50 });
    const out = [...s.push(`{"big":"${'x'.repeat(40)}`), ...s.push(`${'y'.repeat(40)}"}\n{"ok":1}`)];
    expect(out[0]!.error).toMatch(/larger than 50/);
    expect(out[1]!.value).toEqual({ ok: 1 });
  });

  it('reports an unterminated object, and reads nothing from empty input', () => {
    expect(all('{"a": 1')).toEqual([{ line: 1, error: 'input ends inside an object' }]);
    expect(all('  \n')).toEqual([]);
  });

  it('gives the same objects however the text is split', () => {
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer())), { maxLength: 6 }), fc.integer({ min: 1, max: 17 }), (objs, chunk) => {
        const text = objs.map((o) => JSON.stringify(o, null, 2)).join('\n');
        expect(all(text, chunk).map((x) => x.value)).toEqual(objs);
      }),
    );
  });
});
