// The correlation condition: a map of gt/gte/lt/lte/eq/neq, all of which must hold (spec "Condition").
import type { CountCondition } from '../rule.ts';

export function conditionHolds(cond: CountCondition, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (cond.gt !== undefined && !(value > cond.gt)) return false;
  if (cond.gte !== undefined && !(value >= cond.gte)) return false;
  if (cond.lt !== undefined && !(value < cond.lt)) return false;
  if (cond.lte !== undefined && !(value <= cond.lte)) return false;
  if (cond.eq !== undefined && !(value === cond.eq)) return false;
  if (cond.neq !== undefined && !(value !== cond.neq)) return false;
  return true;
}

/** The smallest count that can satisfy the condition, to warn when a window cap makes it unreachable. */
export function minimumCount(cond: CountCondition): number {
  let min = 0;
  if (cond.gt !== undefined) min = Math.max(min, Math.floor(cond.gt) + 1);
  if (cond.gte !== undefined) min = Math.max(min, Math.ceil(cond.gte));
  if (cond.eq !== undefined) min = Math.max(min, cond.eq);
  return min;
}
