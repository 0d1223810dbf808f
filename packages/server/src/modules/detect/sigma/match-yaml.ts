// Evaluates a rule given as YAML text against one event: for tests, rule editors and quick checks.
import { compileRule, type CompileOptions } from './compile.ts';
import type { SigmaError } from './errors.ts';
import { parseRuleText } from './load.ts';
import { fieldResolver } from './resolver.ts';

/** Parses and compiles the first rule of `yaml`; matches `event` (via fieldResolver) or returns the errors. */
export function matchYaml(yaml: string, event: unknown, options: CompileOptions = {}): { match: boolean; errors: SigmaError[] } {
  const parsed = parseRuleText(yaml);
  const rule = parsed.rules[0];
  if (!rule) return { match: false, errors: parsed.errors.length ? parsed.errors : [{ code: 'schema', reason: 'no rule in the text' }] };
  const compiled = compileRule(rule, options);
  if (!compiled.ok) return { match: false, errors: compiled.errors };
  return { match: compiled.matcher(fieldResolver(event)), errors: [] };
}

/** A rule text around a detection section (indented YAML) — keeps table-driven tests short. */
export function ruleWithDetection(detection: string): string {
  const body = detection
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  return `title: test\nlogsource:\n    product: test\ndetection:\n${body}\n`;
}
