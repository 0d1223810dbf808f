// event_count (events in the window) and value_count (distinct values of the condition field).
import type { Evaluator } from './evaluate.ts';
import { conditionHolds } from './condition.ts';

const eventCount: Evaluator = (rule, window) => {
  const value = window.length;
  return { holds: conditionHolds(rule.condition ?? {}, value), value, entries: window, dedupe: '' };
};

const valueCount: Evaluator = (rule, window) => {
  const distinct = new Set<string | number | undefined>();
  for (const e of window) distinct.add(e.v);
  const value = distinct.size;
  return { holds: conditionHolds(rule.condition ?? {}, value), value, entries: window, dedupe: '' };
};

export const countEvaluators = { event_count: eventCount, value_count: valueCount };
