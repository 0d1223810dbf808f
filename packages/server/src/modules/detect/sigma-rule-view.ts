// Rules as the API lists them: every compiled rule and correlation of the packs an organisation runs,
// with its settings (enabled, level override) and statistics.
import type { Severity, SigmaRuleSummary } from '@bulwark/contracts';
import type { Pack } from './sigma-catalog.ts';
import { ruleKey } from './sigma-meter.ts';
import type { RuleSetting, StoredStat } from './sigma-store.ts';
import type { CorrelationRule, SigmaRule } from './sigma/rule.ts';

export interface RuleEntry {
  readonly key: string;
  readonly pack: Pack;
  readonly rule: SigmaRule | CorrelationRule;
}

export function ruleEntries(packs: readonly Pack[]): RuleEntry[] {
  const out: RuleEntry[] = [];
  for (const pack of packs) {
    for (const r of pack.compiled.rules) out.push({ key: ruleKey(r.rule), pack, rule: r.rule });
    for (const c of pack.compiled.correlations) out.push({ key: ruleKey(c), pack, rule: c });
  }
  return out;
}

export function ruleSummary(e: RuleEntry, settings: ReadonlyMap<string, RuleSetting>, stats: ReadonlyMap<string, StoredStat>): SigmaRuleSummary {
  const { rule } = e;
  const setting = settings.get(e.key);
  const stat = stats.get(e.key);
  const level = (rule.level ?? null) as Severity | null;
  const logsource: Record<string, string> = {};
  if (rule.kind === 'rule') for (const k of ['product', 'category', 'service'] as const) if (rule.logsource[k]) logsource[k] = rule.logsource[k];
  return {
    key: e.key,
    title: rule.title,
    pack: e.pack.name,
    source: e.pack.source,
    kind: rule.kind,
    status: rule.status ?? null,
    level,
    effectiveLevel: setting?.level ?? level ?? 'medium',
    levelOverride: setting?.level ?? null,
    enabled: setting?.enabled !== false,
    logsource,
    tags: rule.kind === 'rule' ? rule.tags : [],
    hits: stat?.hits ?? 0,
    evaluations: stat?.evaluations ?? 0,
    costMs: Math.round((stat?.costNs ?? 0) / 1e3) / 1e3,
    lastHitAt: stat?.lastHitAt?.toISOString() ?? null,
  };
}

export function sortRules(list: SigmaRuleSummary[], by: 'title' | 'hits' | 'cost'): void {
  if (by === 'hits') list.sort((a, b) => b.hits - a.hits || a.title.localeCompare(b.title));
  else if (by === 'cost') list.sort((a, b) => b.costMs - a.costMs || a.title.localeCompare(b.title));
  else list.sort((a, b) => a.title.localeCompare(b.title) || a.key.localeCompare(b.key));
}
