// Boolean combinators over predicates, written as plain loops (the hot path of every rule).
import type { Predicate } from './values.ts';

export function allOf(ps: readonly Predicate[]): Predicate {
  if (ps.length === 1) return ps[0] as Predicate;
  if (ps.length === 2) {
    const [a, b] = ps as [Predicate, Predicate];
    return (get) => a(get) && b(get);
  }
  return (get) => {
    for (let i = 0; i < ps.length; i++) if (!(ps[i] as Predicate)(get)) return false;
    return true;
  };
}

export function anyOf(ps: readonly Predicate[]): Predicate {
  if (ps.length === 1) return ps[0] as Predicate;
  if (ps.length === 2) {
    const [a, b] = ps as [Predicate, Predicate];
    return (get) => a(get) || b(get);
  }
  return (get) => {
    for (let i = 0; i < ps.length; i++) if ((ps[i] as Predicate)(get)) return true;
    return false;
  };
}

/** At least `n` of the predicates hold. */
export function atLeast(n: number, ps: readonly Predicate[]): Predicate {
  return (get) => {
    let hits = 0;
    for (let i = 0; i < ps.length; i++) if ((ps[i] as Predicate)(get) && ++hits >= n) return true;
    return false;
  };
}
