// Test helpers: correlation rules from YAML text and matches from short tuples.
import { parseRuleText } from '../load.ts';
import type { CorrelationRule } from '../rule.ts';
import type { BaseMatch } from './types.ts';

/** Parses YAML correlation documents; throws on any error so that a test cannot run on a half rule set. */
export function correlations(yaml: string): CorrelationRule[] {
  const parsed = parseRuleText(yaml);
  if (parsed.errors.length) throw new Error(parsed.errors.map((e) => e.reason).join('; '));
  return parsed.correlations;
}

/** A match of rule `ref` at second `s` with the given fields; the event id is `${ref}@${s}` unless given. */
export function m(ref: string, s: number, fields: Record<string, unknown> = {}, eventId?: string): BaseMatch {
  return { ruleRefs: [ref], time: s * 1000, event: fields, eventId: eventId ?? `${ref}@${s}` };
}
