// The static plan of a correlation set: ids, which rule references feed which correlation, chains (a
// correlation referring to another, spec "Related rules"), cycles, `generate` flags and partition fields.
import type { CorrelationRule } from '../rule.ts';
import { minimumCount } from './condition.ts';
import type { EngineProblem } from './types.ts';

export interface Consumer {
  /** Index of the correlation. */
  c: number;
  /** Index of the reference in its `rules`. */
  r: number;
}

export interface Plan {
  rules: readonly CorrelationRule[];
  ids: string[];
  runnable: boolean[];
  /** Rule reference (id or name) → the correlations that consume it, in rule order. */
  consumers: Map<string, Consumer[]>;
  /** Per correlation: the refs (id, name) under which its alerts feed other correlations. */
  refsOf: string[][];
  standalone: boolean[];
  /** Group-by names shared by every runnable correlation: the partition key is made of them. */
  partitionFields: string[];
  /** A fingerprint of what the state of each correlation depends on (restore drops stale state). */
  fingerprints: string[];
  problems: EngineProblem[];
}

export function correlationId(rule: CorrelationRule): string {
  return rule.id ?? rule.name ?? rule.title;
}

export function makePlan(rules: readonly CorrelationRule[], maxEventsPerGroup: number): Plan {
  const problems: EngineProblem[] = [];
  const ids = rules.map(correlationId);
  const runnable = rules.map(() => true);
  const seen = new Set<string>();
  ids.forEach((id, c) => {
    if (seen.has(id)) {
      runnable[c] = false;
      problems.push({ correlationId: id, reason: `duplicate correlation id "${id}"; only the first one runs`, fatal: true });
    }
    seen.add(id);
  });
  const refsOf = rules.map((rule) => [rule.id, rule.name].filter((x): x is string => typeof x === 'string'));
  const byRef = new Map<string, number>();
  rules.forEach((_, c) => {
    if (runnable[c]) for (const ref of refsOf[c] ?? []) if (!byRef.has(ref)) byRef.set(ref, c);
  });
  // Chains: edges from a correlation to the correlations it refers to; any correlation on a cycle cannot run.
  const inner = rules.map((rule) => rule.rules.map((ref) => byRef.get(ref)).filter((x): x is number => x !== undefined));
  const state = rules.map(() => 0); // 0 new, 1 on the stack, 2 done
  const onCycle = new Set<number>();
  const visit = (c: number, stack: number[]): void => {
    state[c] = 1;
    stack.push(c);
    for (const d of inner[c] ?? []) {
      if (state[d] === 1) for (const x of stack.slice(stack.indexOf(d))) onCycle.add(x);
      else if (state[d] === 0) visit(d, stack);
    }
    stack.pop();
    state[c] = 2;
  };
  rules.forEach((_, c) => state[c] === 0 && visit(c, []));
  for (const c of [...onCycle].sort((a, b) => a - b)) {
    runnable[c] = false;
    problems.push({ correlationId: ids[c] as string, reason: 'the correlation is part of a reference cycle', fatal: true });
  }
  const consumers = new Map<string, Consumer[]>();
  rules.forEach((rule, c) => {
    if (!runnable[c]) return;
    rule.rules.forEach((ref, r) => {
      const list = consumers.get(ref) ?? [];
      if (!list.some((x) => x.c === c)) list.push({ c, r });
      consumers.set(ref, list);
    });
    const min = rule.condition ? minimumCount(rule.condition) : 0;
    if ((rule.type === 'event_count' || rule.type === 'value_count') && min > maxEventsPerGroup) {
      problems.push({ correlationId: ids[c] as string, reason: `the condition needs ${min} events but a group keeps at most ${maxEventsPerGroup}`, fatal: false });
    }
    for (const [alias, map] of Object.entries(rule.aliases)) {
      for (const ref of Object.keys(map)) {
        if (!rule.rules.includes(ref)) problems.push({ correlationId: ids[c] as string, reason: `alias "${alias}" names rule "${ref}", which the correlation does not refer to`, fatal: false });
      }
    }
  });
  const standalone = rules.map((_, c) => isStandalone(refsOf[c] ?? [], consumers, rules));
  const live = rules.filter((_, c) => runnable[c]);
  const partitionFields = live.length ? live.slice(1).reduce((acc, r) => acc.filter((f) => r.groupBy.includes(f)), [...(live[0] as CorrelationRule).groupBy]) : [];
  const fingerprints = rules.map((r) => JSON.stringify([r.type, r.rules, r.groupBy, r.timespanMs, r.condition ?? null, r.field ?? null, r.aliases]));
  return { rules, ids, runnable, consumers, refsOf, standalone, partitionFields, fingerprints, problems };
}

/**
 * Whether hits of the rule known by `refs` are alerts of their own: yes unless a correlation refers to it,
 * and then only if one of those correlations says `generate: true` (spec "Generate": default false).
 */
export function isStandalone(refs: readonly string[], consumers: ReadonlyMap<string, readonly Consumer[]>, rules: readonly CorrelationRule[]): boolean {
  const referrers = new Set<number>();
  for (const ref of refs) for (const x of consumers.get(ref) ?? []) referrers.add(x.c);
  if (!referrers.size) return true;
  return [...referrers].some((c) => rules[c]?.generate === true);
}
