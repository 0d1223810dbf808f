// Per-rule statistics of the live Sigma detector: matches, evaluations (events that reached the rule's
// matcher after routing and the literal index) and evaluation time. Timing every call would cost more
// than many matchers do, so one evaluation in SAMPLE is timed and the total is estimated from those.
import type { CompiledRule } from './sigma/compile.ts';
import { needOf, withNeed } from './sigma/required.ts';

const SAMPLE = 32;

export interface RuleStat {
  hits: number;
  evaluations: number;
  sampledNs: number;
  samples: number;
  lastHitAt?: Date;
}

export interface RuleStatDelta {
  readonly key: string;
  readonly hits: number;
  readonly evaluations: number;
  /** Estimated evaluation time of these evaluations. */
  readonly costNs: number;
  readonly lastHitAt?: Date;
}

/** The rule key the API and the settings use: the rule's id, else its name, else its title (as correlations name rules). */
export function ruleKey(rule: { readonly id?: string; readonly name?: string; readonly title: string }): string {
  return rule.id ?? rule.name ?? rule.title;
}

export class RuleMeter {
  private readonly byOrg = new Map<string, Map<string, RuleStat>>();
  private current = new Map<string, RuleStat>();
  private tick = 0;

  /** Subsequent evaluations count for this organisation. */
  begin(orgId: string): void {
    let m = this.byOrg.get(orgId);
    if (!m) this.byOrg.set(orgId, (m = new Map()));
    this.current = m;
  }

  private stat(key: string): RuleStat {
    let s = this.current.get(key);
    if (!s) this.current.set(key, (s = { hits: 0, evaluations: 0, sampledNs: 0, samples: 0 }));
    return s;
  }

  /** The same rule with a matcher that counts (and sometimes times) its evaluations. */
  instrument(compiled: CompiledRule): CompiledRule {
    const key = ruleKey(compiled.rule);
    const inner = compiled.matcher;
    // The wrapper keeps the matcher's required literals, so the router's index still skips the rule.
    return {
      rule: compiled.rule,
      matcher: withNeed((get) => {
        const s = this.stat(key);
        s.evaluations++;
        // Every SAMPLE-th evaluation is timed, and the first one of a rule, so that rare rules get a figure too.
        if (++this.tick % SAMPLE !== 0 && s.samples > 0) return inner(get);
        const t0 = process.hrtime.bigint();
        const r = inner(get);
        s.sampledNs += Number(process.hrtime.bigint() - t0);
        s.samples++;
        return r;
      }, needOf(inner)),
    };
  }

  hit(key: string, at: Date): void {
    const s = this.stat(key);
    s.hits++;
    s.lastHitAt = at;
  }

  /** The counts gathered since the last call, per organisation; timing averages carry over. */
  drain(): Map<string, RuleStatDelta[]> {
    const out = new Map<string, RuleStatDelta[]>();
    for (const [orgId, stats] of this.byOrg) {
      const list: RuleStatDelta[] = [];
      for (const [key, s] of stats) {
        if (s.hits === 0 && s.evaluations === 0) continue;
        const mean = s.samples > 0 ? s.sampledNs / s.samples : 0;
        list.push({ key, hits: s.hits, evaluations: s.evaluations, costNs: Math.round(mean * s.evaluations), lastHitAt: s.lastHitAt });
        s.hits = 0;
        s.evaluations = 0;
        s.lastHitAt = undefined;
      }
      if (list.length) out.set(orgId, list);
    }
    return out;
  }
}
