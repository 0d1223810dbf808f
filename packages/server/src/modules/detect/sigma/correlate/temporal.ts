// temporal (every referenced rule in the window, any order) and temporal_ordered (in the order of `rules`).
// With a condition, the count compared is the number of distinct rules seen (temporal) or the length of the
// longest prefix of `rules` seen in order (temporal_ordered); without one, all rules are required.
import type { CorrelationRule } from '../rule.ts';
import { conditionHolds } from './condition.ts';
import type { Evaluator } from './evaluate.ts';
import type { Entry } from './types.ts';

const holds = (rule: CorrelationRule, value: number) => conditionHolds(rule.condition ?? { gte: rule.rules.length }, value);

const temporal: Evaluator = (rule, window) => {
  const seen = new Set<number>();
  for (const e of window) seen.add(e.r);
  const value = seen.size;
  return { holds: holds(rule, value), value, entries: window, dedupe: '' };
};

const temporalOrdered: Evaluator = (rule, window) => {
  // Greedy: the earliest event of rule 0, then the earliest event of rule 1 after it, and so on. Taking
  // the earliest candidate each time finds an ordered sequence whenever one exists in the window.
  // The alert lists the events of that sequence (one per rule), not the whole window.
  const chosen: Entry[] = [];
  for (const e of window) {
    if (e.r !== chosen.length) continue;
    chosen.push(e);
    if (chosen.length === rule.rules.length) break;
  }
  return { holds: holds(rule, chosen.length), value: chosen.length, entries: chosen, dedupe: '' };
};

export const temporalEvaluators = { temporal, temporal_ordered: temporalOrdered };
