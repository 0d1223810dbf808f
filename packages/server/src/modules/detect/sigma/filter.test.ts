// Meta filters: which rules they apply to (id, name, logsource), what they suppress, several filters,
// the required-literal router, and a pack with filters, errors and warnings.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePack, compileRule, type CompiledRule } from './compile.ts';
import { applyFilters, compileFilter, type CompiledFilter, logsourceFits } from './filter.ts';
import { parseRuleText } from './load.ts';
import { routeMatch, routesFor, RuleRouter } from './logsources.ts';
import { needOf } from './required.ts';
import { fieldResolver } from './resolver.ts';

const ID = '6f3e2987-db24-4c78-a860-b4f4095a7095';
const OTHER = 'df0841c0-9846-4e9f-ad8a-7df91571771b';
const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

const RULE = `title: Rar compression
id: ${ID}
name: rar_compression
logsource:
    product: windows
    category: process_creation
detection:
    selection:
        Image|endswith: '\\rar.exe'
    condition: selection
`;

function rule(text = RULE): CompiledRule {
  const r = parseRuleText(text);
  const c = compileRule(r.rules[0]!);
  if (!c.ok) throw new Error(c.errors[0]?.reason);
  return { rule: r.rules[0]!, matcher: c.matcher };
}

/** A filter document: `refs` under `filter.rules`, `body` (indented by 4) after it. */
function filter(refs: string[], body: string, logsource = '{product: windows, category: process_creation}'): CompiledFilter {
  const text = `title: tuning\nlogsource: ${logsource}\nfilter:\n    rules:\n${refs.map((r) => `        - ${r}\n`).join('')}${body.replace(/^/gm, '    ')}\n`;
  const parsed = parseRuleText(text);
  expect(parsed.errors).toEqual([]);
  const c = compileFilter(parsed.filters[0]!);
  if (!c.ok) throw new Error(c.errors[0]?.reason);
  return c.filter;
}

const ADMINS = "selection:\n    User|startswith: 'adm_'\ncondition: selection";
const proc = (data: Record<string, unknown>) => fieldResolver({ Event: { System: { Channel: SYSMON, EventID: 1 }, EventData: { Image: 'C:\\bin\\rar.exe', ...data } } });
const matches = (r: CompiledRule, data: Record<string, unknown>) => r.matcher(proc(data));

describe('meta filters on one rule', () => {
  it('a filter naming the rule by id suppresses the events its condition matches', () => {
    const base = rule();
    const [tuned] = applyFilters([base], [filter([ID], ADMINS)]);
    expect(tuned).not.toBe(base);
    expect(tuned!.rule).toBe(base.rule);
    expect(matches(base, { User: 'adm_jane' })).toBe(true);
    expect(matches(tuned!, { User: 'adm_jane' })).toBe(false);
    expect(matches(tuned!, { User: 'ADM_jane' })).toBe(false); // values are case-insensitive, as in rules
    expect(matches(tuned!, { User: 'jane' })).toBe(true);
    expect(matches(tuned!, {})).toBe(true); // no User field: the filter does not match, the rule still does
    expect(matches(tuned!, { Image: 'C:\\bin\\zip.exe', User: 'jane' })).toBe(false);
  });

  it('applies by rule name and by an id written in upper case', () => {
    for (const ref of ['rar_compression', ID.toUpperCase()]) {
      const [tuned] = applyFilters([rule()], [filter([ref], ADMINS)]);
      expect(matches(tuned!, { User: 'adm_jane' })).toBe(false);
    }
  });

  it('a filter for another rule id leaves the rule as it is', () => {
    const base = rule();
    const f = filter([OTHER], ADMINS);
    expect(f.appliesTo(base.rule)).toBe(false);
    const [same] = applyFilters([base], [f]);
    expect(same).toBe(base);
    expect(matches(same!, { User: 'adm_jane' })).toBe(true);
  });

  it.each([
    ['same product and category', '{product: windows, category: process_creation}', true],
    ['product only', '{product: windows}', true],
    ['case-insensitive', '{product: Windows, category: PROCESS_CREATION}', true],
    ['no logsource fields', '{}', true],
    ['another product', '{product: linux, category: process_creation}', false],
    ['another category', '{product: windows, category: file_event}', false],
    ['a service the rule lacks', '{product: windows, service: sysmon}', false],
  ])('logsource: %s', (_name, logsource, applies) => {
    const f = filter([ID], ADMINS, logsource);
    expect(f.appliesTo(rule().rule)).toBe(applies);
    const [tuned] = applyFilters([rule()], [f]);
    expect(matches(tuned!, { User: 'adm_jane' })).toBe(!applies);
  });

  it('logsourceFits compares only the fields the filter sets', () => {
    expect(logsourceFits({ service: 'dns' }, { category: 'network', service: 'DNS' })).toBe(true);
    expect(logsourceFits({ category: 'network', service: 'dns' }, { service: 'dns' })).toBe(false);
  });

  it('filter conditions use the rule grammar: 1 of, not, modifiers, numbers as text', () => {
    const f = filter(
      [ID],
      [
        'sel_admin:',
        "    User|startswith: 'adm_'",
        'sel_tool:',
        '    ParentImage|contains|all: ["\\\\tools\\\\", "backup"]',
        'sel_pid:',
        '    ProcessId: 0x10',
        'risky:',
        "    CommandLine|re: '(?i)-hp\\S+'",
        'condition: 1 of sel_* and not risky',
      ].join('\n'),
    );
    const [tuned] = applyFilters([rule()], [f]);
    expect(matches(tuned!, { User: 'adm_x' })).toBe(false);
    expect(matches(tuned!, { ParentImage: 'D:\\Tools\\Backup.exe' })).toBe(false);
    expect(matches(tuned!, { ParentImage: 'D:\\tools\\other.exe' })).toBe(true);
    expect(matches(tuned!, { ProcessId: '0x10' })).toBe(false);
    expect(matches(tuned!, { ProcessId: 16 })).toBe(true);
    expect(matches(tuned!, { User: 'adm_x', CommandLine: 'rar a -HPsecret x.rar' })).toBe(true);
    expect(matches(tuned!, { User: 'bob' })).toBe(true);
  });

  it('with two filters, a match is suppressed when either filter matches', () => {
    const a = filter([ID], ADMINS);
    const b = filter([OTHER, ID], "selection:\n    CommandLine|contains: ' a -r '\ncondition: selection");
    const [tuned] = applyFilters([rule()], [a, b]);
    expect(matches(tuned!, { User: 'adm_x' })).toBe(false);
    expect(matches(tuned!, { CommandLine: 'rar a -r x.rar' })).toBe(false);
    expect(matches(tuned!, { User: 'bob', CommandLine: 'rar x y' })).toBe(true);
    // Applying one filter and then the other gives the same rule.
    const [twice] = applyFilters(applyFilters([rule()], [a]), [b]);
    for (const data of [{ User: 'adm_x' }, { CommandLine: 'rar a -r x.rar' }, { User: 'bob' }]) expect(matches(twice!, data)).toBe(matches(tuned!, data));
  });

  it('reports compile errors in the filter section with their path and line', () => {
    const parsed = parseRuleText(`title: bad\nlogsource: {product: windows}\nfilter:\n    rules: [${ID}]\n    selection:\n        User|bogus: x\n    condition: selection and other\n`);
    expect(parsed.errors).toEqual([]);
    const c = compileFilter(parsed.filters[0]!);
    expect(c.ok).toBe(false);
    expect(c.errors[0]).toMatchObject({ code: 'modifier', path: 'filter.selection.User|bogus', line: 6 });
  });
});

describe('meta filters and the rule router', () => {
  const whoami = rule(`title: Whoami\nid: ${OTHER}\nlogsource: {product: windows, category: process_creation}\ndetection:\n    sel:\n        Image|endswith: '\\whoami.exe'\n    condition: sel\n`);
  const rar = rule();
  const filtered = applyFilters([whoami, rar], [filter([OTHER], "selection:\n    ParentImage|endswith: '\\monitor.exe'\ncondition: selection")]);
  const win = (channel: string, eventId: number, data: Record<string, unknown>) => fieldResolver({ Event: { System: { Channel: channel, EventID: eventId }, EventData: data } });
  const events = [
    win(SYSMON, 1, { Image: 'C:\\Windows\\whoami.exe', ParentImage: 'C:\\agent\\monitor.exe' }),
    win(SYSMON, 1, { Image: 'C:\\Windows\\whoami.exe', ParentImage: 'C:\\Windows\\cmd.exe' }),
    // Security 4688 names Sigma's Image and ParentImage NewProcessName and ParentProcessName: the filter's fields are mapped too.
    win('Security', 4688, { NewProcessName: 'C:\\Windows\\whoami.exe', ParentProcessName: 'C:\\agent\\MONITOR.EXE' }),
    win('Security', 4688, { NewProcessName: 'C:\\Windows\\whoami.exe', ParentProcessName: 'C:\\Windows\\explorer.exe' }),
    win(SYSMON, 1, { Image: 'C:\\bin\\rar.exe', ParentImage: 'C:\\agent\\monitor.exe' }),
  ];

  it('keeps the rule’s required literals on the filtered matcher', () => {
    expect(filtered[0]!.matcher).not.toBe(whoami.matcher);
    expect(needOf(filtered[0]!.matcher)).toEqual(needOf(whoami.matcher));
    expect(needOf(filtered[0]!.matcher)).toEqual([{ field: 'Image', text: '\\whoami.exe' }]);
  });

  it('the router finds what plain evaluation of the filtered rules finds', () => {
    const router = new RuleRouter(filtered);
    const found = events.map((get) => router.match(get).map((r) => r.rule.title));
    const plain = events.map((get) =>
      filtered
        .filter((r) => {
          const acc = routeMatch(routesFor(r.rule.logsource), get);
          return acc !== undefined && r.matcher(acc);
        })
        .map((r) => r.rule.title),
    );
    expect(found).toEqual(plain);
    expect(found).toEqual([[], ['Whoami'], [], ['Whoami'], ['Rar compression']]);
  });
});

describe('compilePack with meta filters', () => {
  it('applies the filters of the pack, reports their errors and the rules they name that are missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-sigma-filter-'));
    writeFileSync(join(dir, 'rar.yml'), RULE);
    writeFileSync(join(dir, 'mf_admins.yml'), `title: Admins\nid: 0a1b2c3d-0000-4000-8000-00000000f111\nlogsource: {product: windows}\nfilter:\n    rules:\n        - ${ID}\n        - ${OTHER}\n    selection:\n        User|startswith: adm_\n    condition: selection\n`);
    writeFileSync(join(dir, 'mf_linux.yml'), `title: Linux only\nlogsource: {product: linux}\nfilter:\n    rules: [${ID}]\n    selection:\n        User: root\n    condition: selection\n`);
    writeFileSync(join(dir, 'mf_bad.yml'), `title: Broken\nid: 0a1b2c3d-0000-4000-8000-00000000f222\nlogsource: {product: windows}\nfilter:\n    rules: [${ID}]\n    selection:\n        User|bogus: adm_\n    condition: selection\n`);
    const pack = await compilePack(dir);
    expect(pack.filters.map((f) => f.filter.title)).toEqual(['Admins', 'Linux only']);
    expect(pack.errors).toEqual([
      { file: join(dir, 'mf_bad.yml'), filterId: '0a1b2c3d-0000-4000-8000-00000000f222', title: 'Broken', code: 'modifier', line: 7, reason: expect.stringContaining('filter.selection.User|bogus: unknown modifier "bogus"') },
    ]);
    expect(pack.warnings).toEqual([
      { file: join(dir, 'mf_admins.yml'), filterId: '0a1b2c3d-0000-4000-8000-00000000f111', title: 'Admins', line: 7, reason: expect.stringContaining(`"${OTHER}", which is not among the loaded rules`) },
      { file: join(dir, 'mf_linux.yml'), filterId: undefined, title: 'Linux only', line: 4, reason: expect.stringContaining('whose logsource does not fit') },
    ]);
    const [tuned] = pack.rules;
    expect(matches(tuned!, { User: 'adm_x' })).toBe(false);
    expect(matches(tuned!, { User: 'root' })).toBe(true);
  });

  it('a pack without filters keeps its compiled rules as they are', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-sigma-filter-'));
    writeFileSync(join(dir, 'rar.yml'), RULE);
    const pack = await compilePack(dir);
    expect(pack.filters).toEqual([]);
    expect(pack.warnings).toEqual([]);
    expect(needOf(pack.rules[0]!.matcher)).toBeDefined();
  });
});
