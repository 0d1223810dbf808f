// Evaluation of comparison expressions over one observation. A comparison expression holds for an
// observation when one object of the observation satisfies it: the tests joined by AND must hold
// for the same root object (our reading of STIX 2.1 part 9: comparisons joined by AND describe one
// object), and a test on a list or a `[*]` path holds when one of the values satisfies it.
import type { ComparisonExpr, Literal } from './ast.ts';
import { FOLDED_KINDS } from './canonical.ts';
import { Constant, equals, observedText, order, subset } from './compare.ts';
import { formatPath } from './format.ts';
import type { ObservationContext, ObservedObject } from './observation.ts';
import { resolvePath, type PathValue } from './path.ts';
import { compileLike, compileMatches, type TextTest } from './regex.ts';

/** Which test held, and the observed value it held for. */
export interface Witness {
  /** The object path as text, e.g. `ipv4-addr:value` or `file:hashes.'SHA-256'`. */
  readonly observable: string;
  readonly value: string;
}

export interface CompiledComparison {
  /** Object types this expression can hold for. */
  readonly objectTypes: ReadonlySet<string>;
  test(root: ObservedObject, ctx: ObservationContext): Witness | undefined;
}

export function compileComparison(e: ComparisonExpr): CompiledComparison {
  switch (e.kind) {
    case 'and':
    case 'or': {
      const parts = e.operands.map(compileComparison);
      const types = new Set<string>();
      if (e.kind === 'or') for (const p of parts) for (const t of p.objectTypes) types.add(t);
      else {
        // AND: only the types every operand can hold for.
        const [first, ...rest] = parts;
        for (const t of first?.objectTypes ?? []) if (rest.every((p) => p.objectTypes.has(t))) types.add(t);
      }
      if (e.kind === 'and') {
        return {
          objectTypes: types,
          test(root, ctx) {
            let first: Witness | undefined;
            for (const p of parts) {
              const w = p.test(root, ctx);
              if (!w) return undefined;
              first ??= w;
            }
            return first;
          },
        };
      }
      return {
        objectTypes: types,
        test(root, ctx) {
          for (const p of parts) {
            const w = p.test(root, ctx);
            if (w) return w;
          }
          return undefined;
        },
      };
    }
    case 'exists': {
      const observable = formatPath(e.path);
      const { objectType, steps } = e.path;
      return {
        objectTypes: new Set([objectType]),
        test(root, ctx) {
          if (root.type !== objectType) return undefined;
          const values = resolvePath(steps, root, ctx);
          if ((values.length > 0) === e.negated) return undefined;
          return { observable, value: values.length > 0 ? display(values[0] as PathValue) : '' };
        },
      };
    }
    case 'compare': {
      const observable = formatPath(e.path);
      const { objectType, steps } = e.path;
      const holds = valueTest(e);
      return {
        objectTypes: new Set([objectType]),
        test(root, ctx) {
          if (root.type !== objectType) return undefined;
          for (const item of resolvePath(steps, root, ctx)) {
            const r = holds(item);
            if (r !== undefined && r !== e.negated) return { observable, value: display(item) };
          }
          return undefined;
        },
      };
    }
  }
}

/** The operator applied to one value, before NOT; undefined when not comparable. */
function valueTest(e: Extract<ComparisonExpr, { kind: 'compare' }>): (item: PathValue) => boolean | undefined {
  const op = e.op;
  if (op === 'IN') {
    const set = (e.value as readonly Literal[]).map((l) => new Constant(l));
    return (item) => {
      let comparable = false;
      for (const c of set) {
        const r = equals(item, c);
        if (r === true) return true;
        if (r === false) comparable = true;
      }
      return comparable ? false : undefined;
    };
  }
  const lit = e.value as Literal;
  const c = new Constant(lit);
  switch (op) {
    case '=':
      return (item) => equals(item, c);
    case '!=':
      return (item) => {
        const r = equals(item, c);
        return r === undefined ? undefined : !r;
      };
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (item) => order(item, op, c);
    case 'ISSUBSET':
    case 'ISSUPERSET':
      return (item) => subset(item, op, c);
    case 'LIKE':
    case 'MATCHES': {
      const source = lit.type === 'string' ? lit.value : '';
      const t: TextTest = op === 'LIKE' ? compileLike(source) : compileMatches(source, lit.start);
      return (item) => {
        const s = observedText(item);
        return s === undefined ? undefined : t.test(s, FOLDED_KINDS.has(item.kind));
      };
    }
  }
}

function display(item: PathValue): string {
  const v = item.value;
  if (typeof v === 'string') return v.length > 2048 ? v.slice(0, 2048) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = JSON.stringify(v) ?? '';
  return s.length > 256 ? s.slice(0, 256) : s;
}
