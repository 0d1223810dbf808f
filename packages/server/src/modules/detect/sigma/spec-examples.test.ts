// The specification's own example rules and correlation rules parse (and the rules compile).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileRule } from './compile.ts';
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
});
