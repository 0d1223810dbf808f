// The specification's own example rules, correlation rules and meta filters parse (and rules and filters compile).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileRule } from './compile.ts';
import { compileFilter } from './filter.ts';
import { parseRuleText } from './load.ts';

const corpora = process.env.BULWARK_CORPORA ?? fileURLToPath(new URL('../../../../../../../shared/corpora', import.meta.url));
const dir = join(corpora, 'sigma-spec', 'tests', 'schema');
const present = existsSync(dir);
if (!present) console.log(`sigma-spec corpus not found at ${dir}: skipping the specification examples`);
const files = (sub: string) => (present ? readdirSync(join(dir, sub)).filter((f) => f.endsWith('.yml')).map((f) => join(dir, sub, f)) : []);

describe.skipIf(!present)('specification examples', () => {
  it.each(files('correlation'))('correlation %s', (file) => {
    const r = parseRuleText(readFileSync(file, 'utf8'), file);
    expect(r.errors).toEqual([]);
    expect(r.correlations).toHaveLength(1);
    const c = r.correlations[0]!;
    expect(file).toContain(c.type);
    expect(c.rules.length).toBeGreaterThan(0);
    expect(c.timespanMs).toBeGreaterThan(0);
  });
  it.each(files('rules'))('rule %s', (file) => {
    const r = parseRuleText(readFileSync(file, 'utf8'), file);
    expect(r.errors).toEqual([]);
    const compiled = compileRule(r.rules[0]!);
    expect(compiled.errors).toEqual([]);
  });
  it.each(files('filter'))('meta filter %s', (file) => {
    const r = parseRuleText(readFileSync(file, 'utf8'), file);
    expect(r.errors).toEqual([]);
    expect(r.filters).toHaveLength(1);
    const f = r.filters[0]!;
    expect(f.rules).toEqual(['6f3e2987-db24-4c78-a860-b4f4095a7095', 'df0841c0-9846-4e9f-ad8a-7df91571771b']);
    const compiled = compileFilter(f);
    expect(compiled.errors).toEqual([]);
    const target = { kind: 'rule' as const, title: 'target', id: f.rules[0], logsource: { ...f.logsource }, detection: {}, condition: [], tags: [], references: [], falsepositives: [], fields: [], locate: () => undefined };
    expect(compiled.filter?.appliesTo(target)).toBe(true);
    expect(compiled.filter?.appliesTo({ ...target, logsource: { product: 'linux' } })).toBe(false);
  });
  it('has both meta filter examples', () => {
    expect(files('filter').length).toBeGreaterThanOrEqual(2);
  });
});
