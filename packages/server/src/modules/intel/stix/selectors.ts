// Granular-marking selectors (specification 7.2.3.1): dot-separated property names / dictionary keys
// and `[n]` list indexes, which must select content present in the marked object.
import type { Ctx } from './context.ts';
import { childPath } from './defects.ts';
import { isPlainObject } from './types.ts';

const INDEX = /^\[(0|[1-9]\d*)\]$/;
const KEY = /^[A-Za-z0-9_-]+$/;

/** Why a selector selects nothing in `root`, or `undefined` when it selects content. */
export function selectorProblem(root: unknown, selector: string): string | undefined {
  if (selector.length === 0) return 'empty selector';
  let current: unknown = root;
  for (const part of selector.split('.')) {
    const index = INDEX.exec(part);
    if (index) {
      const i = Number(index[1]);
      if (!Array.isArray(current)) return `"${part}" indexes something that is not a list`;
      if (i >= current.length) return `"${part}" is past the end of the list`;
      current = current[i];
    } else {
      if (!KEY.test(part)) return `"${part}" is neither a property name nor a [n] list index`;
      if (!isPlainObject(current)) return `"${part}" names a property of something that is not an object`;
      if (!Object.hasOwn(current, part)) return `"${part}" is not present`;
      current = current[part];
    }
  }
  return undefined;
}

export function checkSelectors(obj: Readonly<Record<string, unknown>>, path: string, ctx: Ctx): void {
  const markings = obj.granular_markings;
  if (!Array.isArray(markings)) return;
  markings.forEach((marking, i) => {
    if (!isPlainObject(marking) || !Array.isArray(marking.selectors)) return;
    marking.selectors.forEach((selector, j) => {
      if (typeof selector !== 'string') return;
      const problem = selectorProblem(obj, selector);
      if (problem) ctx.sink.error(childPath(childPath(childPath(childPath(path, 'granular_markings'), i), 'selectors'), j), 'selector', `selector "${selector}": ${problem}`);
    });
  });
}
