// Precision and recall of the anomaly jobs against the generator's ground truth: a finding is a true
// positive when its job and entity match an injected attack and its time falls within the attack's
// window (plus `slackMs` after, for jobs that judge at the end of an hour).
import type { Finding } from '../jobs/index.ts';
import type { AttackKind, TruthItem } from './generate.ts';

export interface Score {
  readonly kind: AttackKind;
  readonly job: string;
  readonly attacks: number;
  readonly detected: number;
  readonly findings: number;
  readonly truePositives: number;
  readonly precision: number;
  readonly recall: number;
}

export function evaluate(findings: readonly Pick<Finding, 'job' | 'entity' | 'time'>[], truth: readonly TruthItem[], slackMs = 2 * 3_600_000): Score[] {
  const kinds = [...new Set(truth.map((t) => t.kind))];
  return kinds.map((kind) => {
    const items = truth.filter((t) => t.kind === kind);
    const job = items[0]!.job;
    const mine = findings.filter((f) => f.job === job);
    const hit = (f: Pick<Finding, 'entity' | 'time'>, t: TruthItem) =>
      f.entity === t.entity.toLowerCase() && f.time >= Date.parse(t.start) - 60_000 && f.time <= Date.parse(t.end) + slackMs;
    const tp = mine.filter((f) => items.some((t) => hit(f, t))).length;
    const detected = items.filter((t) => mine.some((f) => hit(f, t))).length;
    return {
      kind, job, attacks: items.length, detected, findings: mine.length, truePositives: tp,
      precision: mine.length ? tp / mine.length : 1, recall: items.length ? detected / items.length : 1,
    };
  });
}

export function formatScores(scores: readonly Score[]): string {
  const lines = ['attack              job                 attacks  found  findings  precision  recall'];
  for (const s of scores) {
    lines.push(`${s.kind.padEnd(20)}${s.job.padEnd(20)}${String(s.attacks).padStart(7)}${String(s.detected).padStart(7)}${String(s.findings).padStart(10)}${s.precision.toFixed(2).padStart(11)}${s.recall.toFixed(2).padStart(8)}`);
  }
  return lines.join('\n');
}
