// What each correlation type computes over a group's window, and whether its condition holds.
import type { CorrelationRule, CorrelationType } from '../rule.ts';
import { countEvaluators } from './count.ts';
import { metricEvaluators } from './metric.ts';
import { temporalEvaluators } from './temporal.ts';
import type { Entry } from './types.ts';

export interface Evaluation {
  holds: boolean;
  value: number;
  /** The window entries the alert is about. */
  entries: readonly Entry[];
  /** Alerts are deduplicated per key: '' for the whole group, the value for value_percentile. */
  dedupe: string;
}

/** `window`: the group's entries in time order after eviction; `arrival`: the entry that just came in. */
export type Evaluator = (rule: CorrelationRule, window: readonly Entry[], arrival: Entry) => Evaluation;

export const EVALUATORS: Record<CorrelationType, Evaluator> = { ...countEvaluators, ...temporalEvaluators, ...metricEvaluators };

/** How the condition field is kept on an entry: as text (distinct values), as a number, or not at all. */
export function valueKind(type: CorrelationType): 'text' | 'number' | undefined {
  if (type === 'value_count' || type === 'value_percentile') return 'text';
  if (type === 'value_sum' || type === 'value_avg') return 'number';
  return undefined;
}
