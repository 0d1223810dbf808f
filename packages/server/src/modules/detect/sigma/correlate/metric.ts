// value_sum, value_avg (numeric condition field) and value_percentile.
//
// value_percentile (spec example: "a process name seen in less than 1% of all processes of the computer
// in 24h", `field: Image, lte: 1`): the value compared is the percentage (0–100) of the group's window
// events whose field equals that of the arriving event. Alerts are deduplicated per value.
import { conditionHolds } from './condition.ts';
import type { Evaluator } from './evaluate.ts';

function sum(window: readonly { v?: string | number }[]): number {
  let s = 0;
  for (const e of window) s += e.v as number;
  return s;
}

const valueSum: Evaluator = (rule, window) => {
  const value = sum(window);
  return { holds: conditionHolds(rule.condition ?? {}, value), value, entries: window, dedupe: '' };
};

const valueAvg: Evaluator = (rule, window) => {
  const value = window.length ? sum(window) / window.length : NaN;
  return { holds: conditionHolds(rule.condition ?? {}, value), value, entries: window, dedupe: '' };
};

const valuePercentile: Evaluator = (rule, window, arrival) => {
  const same = window.filter((e) => e.v === arrival.v);
  const value = window.length ? (100 * same.length) / window.length : NaN;
  return { holds: conditionHolds(rule.condition ?? {}, value), value, entries: same, dedupe: `v:${String(arrival.v)}` };
};

export const metricEvaluators = { value_sum: valueSum, value_avg: valueAvg, value_percentile: valuePercentile };
