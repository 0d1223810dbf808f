// Live matching: a whole pattern against one observation (one event). What needs several
// observations — AND or FOLLOWEDBY between observation expressions, REPEATS more than once — is
// refused with PATTERN_UNSUPPORTED and the offset of the part. START/STOP is checked against the
// observation's time; WITHIN always holds for one observation (its span is that of one event).
import type { ObservationExpr, Pattern } from './ast.ts';
import { unsupportedError, type PatternError } from './errors.ts';
import { compileComparison, type Witness } from './evaluate.ts';
import type { ParseOptions } from './limits.ts';
import { ObservationContext, type Observation } from './observation.ts';
import { parsePattern } from './parser.ts';

export interface LiveMatcher {
  readonly pattern: Pattern;
  /** Object types the pattern can match at all (an event without any of them never matches). */
  readonly objectTypes: ReadonlySet<string>;
  /** The first test that made the pattern hold, or undefined when it does not. */
  match(observation: Observation, ctx?: ObservationContext): Witness | undefined;
}

export interface LiveProblem {
  readonly offset: number;
  readonly message: string;
}

/** Every part of the pattern live matching cannot evaluate (empty when all of it can). */
export function liveProblems(pattern: Pattern): LiveProblem[] {
  const out: LiveProblem[] = [];
  const walk = (e: ObservationExpr): void => {
    switch (e.kind) {
      case 'observation':
        return;
      case 'or':
        e.operands.forEach(walk);
        return;
      case 'and':
      case 'followedby': {
        const word = e.kind === 'and' ? 'AND' : 'FOLLOWEDBY';
        out.push({
          offset: (e.operands[1] as ObservationExpr).start,
          message: `${word} between observation expressions needs several events correlated over time, which live matching does not do` +
            (e.kind === 'and' ? '; to test one event, join the comparisons with AND inside one [ ]' : ''),
        });
        e.operands.forEach(walk);
        return;
      }
      case 'qualified':
        if (e.qualifier.kind === 'repeats' && e.qualifier.times > 1) {
          out.push({ offset: e.qualifier.start, message: `REPEATS ${e.qualifier.times} TIMES needs the same observation seen several times, which live matching does not count` });
        }
        walk(e.expr);
        return;
    }
  };
  walk(pattern.root);
  return out;
}

/** Compiles a pattern for live matching; throws PatternError (syntax, limit or unsupported). */
export function compileLive(pattern: string | Pattern, options?: ParseOptions): LiveMatcher {
  const p = typeof pattern === 'string' ? parsePattern(pattern, options) : pattern;
  const problems = liveProblems(p);
  if (problems.length > 0) {
    const first = problems[0] as LiveProblem;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more unsupported part${problems.length > 2 ? 's' : ''})` : '';
    throw unsupportedError(`${first.message}${more}`, first.offset) as PatternError;
  }
  const types = new Set<string>();
  const test = compileObservation(p.root, types);
  return {
    pattern: p,
    objectTypes: types,
    match(observation, ctx) {
      return test(observation, ctx ?? new ObservationContext(observation));
    },
  };
}

type ObsTest = (o: Observation, ctx: ObservationContext) => Witness | undefined;

function compileObservation(e: ObservationExpr, types: Set<string>): ObsTest {
  switch (e.kind) {
    case 'observation': {
      const c = compileComparison(e.comparison);
      for (const t of c.objectTypes) types.add(t);
      return (o, ctx) => {
        for (const obj of o.objects) {
          if (!c.objectTypes.has(obj.type)) continue;
          const w = c.test(obj, ctx);
          if (w) return w;
        }
        return undefined;
      };
    }
    case 'or': {
      const parts = e.operands.map((x) => compileObservation(x, types));
      return (o, ctx) => {
        for (const p of parts) {
          const w = p(o, ctx);
          if (w) return w;
        }
        return undefined;
      };
    }
    case 'qualified': {
      const inner = compileObservation(e.expr, types);
      const q = e.qualifier;
      if (q.kind === 'startstop') {
        return (o, ctx) => {
          const first = o.firstObserved ?? o.lastObserved;
          const last = o.lastObserved ?? o.firstObserved;
          if (first === undefined || last === undefined || first < q.from.ms || last >= q.to.ms) return undefined;
          return inner(o, ctx);
        };
      }
      if (q.kind === 'within') {
        const limit = q.seconds * 1000;
        return (o, ctx) => {
          const span = (o.lastObserved ?? 0) - (o.firstObserved ?? o.lastObserved ?? 0);
          return span <= limit ? inner(o, ctx) : undefined;
        };
      }
      return inner; // REPEATS 1 TIMES
    }
    case 'and':
    case 'followedby':
      throw unsupportedError(`${e.kind.toUpperCase()} between observation expressions is not supported in live matching`, e.start);
  }
}
