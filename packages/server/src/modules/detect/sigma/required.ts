// Required literals: for a compiled predicate, a set of (field, lower-cased literal) pairs at least one
// of which must occur (as a substring of a lower-cased string value of that field) whenever the predicate
// holds. The router's index (rule-index.ts) uses them to skip rules that cannot match. A predicate with
// no entry has no requirement and is always evaluated.
import type { Predicate } from './values.ts';
import type { Tok } from './wildcard.ts';

export interface Literal {
  /** The Sigma field name; '' for keywords (any value of the event, as `EventAccessor.values` lists them). */
  field: string;
  /** Lower-cased; the field's lower-cased value contains it whenever the predicate holds. */
  text: string;
}

/** Any one of these literals must be present (a disjunction). */
export type Need = readonly Literal[];

const needs = new WeakMap<Predicate, Need>();

/** Records the requirement of a predicate (none when `need` is undefined) and returns the predicate. */
export function withNeed(p: Predicate, need: Need | undefined): Predicate {
  if (need && need.length) needs.set(p, need);
  return p;
}

export function needOf(p: Predicate): Need | undefined {
  return needs.get(p);
}

/**
 * A lower-cased literal that the lower-cased form of every string matching the tokens contains (the
 * longest literal run; each token lower-cased on its own, as stringMatcher does).
 */
export function tokenLiteral(toks: readonly Tok[], cased: boolean): string | undefined {
  let best = '';
  let run = '';
  for (const t of toks) {
    if (t.k === 'lit') run += cased ? t.s : t.s.toLowerCase();
    else {
      if (run.length > best.length) best = run;
      run = '';
    }
  }
  if (run.length > best.length) best = run;
  if (!best) return undefined;
  // A cased literal is only safe to compare lower-cased when lower-casing is per character (ASCII).
  if (cased) {
    for (let i = 0; i < best.length; i++) if (best.charCodeAt(i) >= 128) return undefined;
    return best.toLowerCase();
  }
  return best;
}

/** A cost estimate: the shorter and more numerous the literals, the more events pass the filter. */
function cost(n: Need): number {
  let c = 0;
  for (const l of n) c += 1 / Math.min(l.text.length, 8) ** 2;
  return c;
}

/** AND: any one child's requirement holds; the cheapest is kept. */
export function needAll(ps: readonly Predicate[]): Need | undefined {
  let best: Need | undefined;
  for (const p of ps) {
    const n = needs.get(p);
    if (n && (!best || cost(n) < cost(best))) best = n;
  }
  return best;
}

/** OR (and "at least n" with n ≥ 1): the union, only if every child has a requirement. */
export function needAny(ps: readonly Predicate[]): Need | undefined {
  const out: Literal[] = [];
  for (const p of ps) {
    const n = needs.get(p);
    if (!n) return undefined;
    out.push(...n);
  }
  return out;
}
