// Object paths over an observation: keys (keys of a `hashes` dictionary compare as hash names, every
// spelling present is read), list indexes ([n], negative from the end) and [*], following
// `_ref`/`_refs` to the object they name.
import type { ObjectPath, PathStep } from './ast.ts';
import { hashKey, kindOf, type ValueKind } from './canonical.ts';
import type { ObservationContext, ObservedObject } from './observation.ts';

export interface PathValue {
  readonly value: unknown;
  readonly kind: ValueKind;
  /** The key that produced the value (for `_bin`/`_hex` decoding), if the last step was a key. */
  readonly key: string | undefined;
}

interface Item {
  v: unknown;
  kind: ValueKind;
  key: string | undefined;
  /** The value is an object id (from a `_ref` key, or an element of a `_refs` list). */
  ref: boolean;
  refs: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Values the path reaches from `root` (an object of the path's type); null and absent values are left out. */
export function resolvePath(steps: readonly PathStep[], root: ObservedObject, ctx: ObservationContext): PathValue[] {
  let items: Item[] = [{ v: root, kind: 'plain', key: undefined, ref: false, refs: false }];
  for (const step of steps) {
    const next: Item[] = [];
    for (const item of items) {
      if (step.kind === 'key') keyStep(item, step.key, ctx, next);
      else if (Array.isArray(item.v)) {
        const list = item.v as unknown[];
        const pick = (el: unknown) => {
          if (el !== null && el !== undefined) next.push({ v: el, kind: item.kind, key: item.key, ref: item.refs, refs: false });
        };
        if (step.kind === 'any') for (const el of list.slice(0, 1024)) pick(el);
        else pick(list[step.index < 0 ? list.length + step.index : step.index]);
      }
    }
    items = next;
    if (items.length === 0) return [];
  }
  return items.map((i) => ({ value: i.v, kind: i.kind, key: i.key }));
}

function keyStep(item: Item, key: string, ctx: ObservationContext, out: Item[]): void {
  let holder = item.v;
  if (typeof holder === 'string' && item.ref) holder = ctx.deref(holder);
  if (!isRecord(holder)) return;
  const holderType = typeof holder['type'] === 'string' ? holder['type'] : undefined;
  const push = (k: string, child: unknown) => {
    if (child !== null && child !== undefined) out.push({ v: child, kind: kindOf(holderType, k, item.key), key: k, ref: k.endsWith('_ref'), refs: k.endsWith('_refs') });
  };
  if (item.key === 'hashes') {
    // Every spelling of the algorithm: hashes.SHA256 reads 'SHA-256' and 'sha256' alike.
    const want = hashKey(key);
    for (const k of Object.keys(holder)) if (hashKey(k) === want) push(k, holder[k]);
    return;
  }
  if (Object.hasOwn(holder, key)) push(key, holder[key]);
}

/** Compiled form: the object type and steps, with the canonical path text used in match reports. */
export interface CompiledPath {
  readonly objectType: string;
  readonly steps: readonly PathStep[];
  readonly text: string;
}

export function compilePath(p: ObjectPath, text: string): CompiledPath {
  return { objectType: p.objectType, steps: p.steps, text };
}
