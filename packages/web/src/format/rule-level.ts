// A rule's level as the organisation runs it: the override when there is one, else the rule's own
// level (the server runs a rule without one as medium).
import type { Severity, SigmaRuleSummary } from '@bulwark/contracts';

export const DEFAULT_RULE_LEVEL: Severity = 'medium';

export function ownLevel(rule: Pick<SigmaRuleSummary, 'level'>): Severity {
  return rule.level ?? DEFAULT_RULE_LEVEL;
}

/** True when the organisation set a level of its own for the rule. */
export function isLevelOverridden(rule: Pick<SigmaRuleSummary, 'levelOverride'>): boolean {
  return rule.levelOverride !== null;
}
