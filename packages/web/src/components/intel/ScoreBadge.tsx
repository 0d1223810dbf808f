// An indicator's decayed score: 0 (expired or a false positive) in red, low in orange, else green; the
// model and the last sighting as its title.
import { Badge } from '@mantine/core';
import type { IntelObjectSummary } from '@bulwark/contracts';

export function scoreTitle(s: IntelObjectSummary): string {
  const d = s.decay;
  if (!d) return '';
  const model = d.model === 'exponential' ? `exponential decay, half-life ${d.halfLifeDays} days` : d.model === 'polynomial' ? `polynomial decay, lifetime ${d.lifetimeDays} days` : 'no decay';
  const state = d.falsePositive ? `false positive since ${d.falsePositive}` : s.score === 0 ? 'expired' : `last seen ${d.lastSighting ?? 'never'}`;
  return `Score ${s.score ?? '—'} of ${d.baseScore} (${model} for ${d.observable}); ${state}`;
}

/** `compact`: the number only (tables), with the reason when it is 0. */
export function ScoreBadge({ summary, compact = false }: { summary: IntelObjectSummary; compact?: boolean }) {
  if (summary.score === undefined) return null;
  const score = summary.score;
  const color = score === 0 ? 'red.9' : score < 50 ? 'orange.9' : 'green.9';
  const reason = summary.decay?.falsePositive ? 'false positive' : 'expired';
  const label = compact ? (score === 0 ? `0 ${reason === 'expired' ? 'exp.' : 'FP'}` : String(score)) : score === 0 ? reason : `score ${score}`;
  return <Badge color={color} variant="filled" radius="sm" title={scoreTitle(summary)} data-score={score}>{label}</Badge>;
}
