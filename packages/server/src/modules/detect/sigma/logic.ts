// Boolean combinators over predicates, written as plain loops (the hot path of every rule). Each result
// carries its required literals (required.ts) derived from those of its parts.
import { needAll, needAny, withNeed } from './required.ts';
import type { Predicate } from './values.ts';

export function allOf(ps: readonly Predicate[]): Predicate {
  if (ps.length === 1) return ps[0] as Predicate;
  if (ps.length === 2) {
    const [a, b] = ps as [Predicate, Predicate];
    return withNeed((get) => a(get) && b(get), needAll(ps));
  }
  return withNeed((get) => {
    for (let i = 0; i < ps.length; i++) if (!(ps[i] as Predicate)(get)) return false;
    return true;
  }, needAll(ps));
}

export function anyOf(ps: readonly Predicate[]): Predicate {
  if (ps.length === 1) return ps[0] as Predicate;
  if (ps.length === 2) {
    const [a, b] = ps as [Predicate, Predicate];
    return withNeed((get) => a(get) || b(get), needAny(ps));
  }
  return withNeed((get) => {
    for (let i = 0; i < ps.length; i++) if ((ps[i] as Predicate)(get)) return true;
    return false;
  }, needAny(ps));
}

/** At least `n` of the predicates hold. */
export function atLeast(n: number, ps: readonly Predicate[]): Predicate {
  return withNeed((get) => {
    let hits = 0;
    for (let i = 0; i < ps.length; i++) if ((ps[i] as Predicate)(get) && ++hits >= n) return true;
    return false;
  }, n >= 1 ? needAny(ps) : undefined);
}
