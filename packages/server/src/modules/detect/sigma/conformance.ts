// Test helper: table-driven (detection YAML, event, expected) cases for the conformance suites.
import { expect, it } from 'vitest';
import type { CompileOptions } from './compile.ts';
import { matchYaml, ruleWithDetection } from './match-yaml.ts';

export type Case = [name: string, detection: string, event: Record<string, unknown>, expected: boolean];
export type ErrorCase = [name: string, detection: string, reasonPart: string];

/** `sel:` with one item, and `condition: sel`. */
export const sel = (item: string): string => `sel:\n    ${item}\ncondition: sel`;

export function runCases(cases: readonly Case[], options: CompileOptions = {}): void {
  it.each(cases)('%s', (_name, detection, event, expected) => {
    const r = matchYaml(ruleWithDetection(detection), event, options);
    expect(r.errors).toEqual([]);
    expect(r.match).toBe(expected);
  });
}

export function runErrorCases(cases: readonly ErrorCase[], options: CompileOptions = {}): void {
  it.each(cases)('%s', (_name, detection, reasonPart) => {
    const r = matchYaml(ruleWithDetection(detection), {}, options);
    expect(r.match).toBe(false);
    expect(r.errors.map((e) => e.reason).join('\n')).toContain(reasonPart);
  });
}
