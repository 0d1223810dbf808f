// One object path the index looks values up at, with the structures for each kind of atom at it:
// a map per value kind (canonical value → indicator slots), CIDR tries per address family, and
// domain suffixes.
import type { PathStep } from '../pattern/index.ts';
import { canonicalValue, formatIpRange, hashKey, kindOf, parseIpRange, resolvePath, type IpRange, type ObservationContext, type ObservedObject, type ValueKind } from '../pattern/index.ts';
import type { Atom } from './atoms.ts';
import { IpTrie } from './ip-trie.ts';
import { addSlot, forEachSlot, removeSlot, type Slots } from './slots.ts';

/** Where an atom is stored at its path, as one small number (kept per indicator for removal). */
export const TAG = { ip: 1, domain: 2, email: 3, url: 4, hash: 5, plain: 6, dynamic: 7, blockEq: 8, blockSub: 9, suffix: 10 } as const;

export function tagOf(a: Atom): number {
  if (a.where === 'value') return TAG[a.kind];
  if (a.where === 'block') return a.mode === 'eq' ? TAG.blockEq : TAG.blockSub;
  return TAG.suffix;
}

/**
 * A flat copy of a string. Keys cut from a pattern's text may be slices that keep the whole text
 * alive, and strings built by concatenation are trees; with a million indicators either costs
 * several times the memory of the text.
 */
export function fresh(s: string): string {
  if (s.length < 13) return s;
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\xff]/.test(s) ? Buffer.from(s, 'utf16le').toString('utf16le') : Buffer.from(s, 'latin1').toString('latin1');
}

export class PathEntry {
  readonly id: number;
  readonly text: string;
  readonly objectType: string;
  private readonly steps: readonly PathStep[];
  /** A one-key path (`ipv4-addr:value`) is read directly, without the general resolver. */
  private readonly directKey: string | undefined;
  /** So is a hash of the root object (`file:hashes.'SHA-256'`): the algorithm key, compared as hashKey. */
  private readonly hashAlgorithm: string | undefined;
  /** And a property of a referenced object (`network-traffic:dst_ref.value`): [reference key, key]. */
  private readonly viaRef: readonly [string, string] | undefined;
  /** By tag (1–7): canonical value → slots. */
  private readonly values: (Map<string, Slots> | undefined)[] = [];
  private v4: IpTrie | undefined;
  private v6: IpTrie | undefined;
  private suffixes: Map<string, Slots> | undefined;
  /** Atoms stored at this path. */
  atoms = 0;

  constructor(id: number, text: string, objectType: string, steps: readonly PathStep[]) {
    this.id = id;
    this.text = text;
    this.objectType = objectType;
    this.steps = steps;
    this.directKey = steps.length === 1 && steps[0]?.kind === 'key' ? steps[0].key : undefined;
    const [a, b] = steps;
    this.hashAlgorithm = steps.length === 2 && a?.kind === 'key' && a.key === 'hashes' && b?.kind === 'key' ? hashKey(b.key) : undefined;
    this.viaRef = steps.length === 2 && a?.kind === 'key' && a.key.endsWith('_ref') && b?.kind === 'key' && b.key !== 'hashes' ? [a.key, b.key] : undefined;
  }

  add(tag: number, key: string, slot: number): void {
    this.atoms++;
    if (tag <= TAG.dynamic) addSlot((this.values[tag] ??= new Map()), key, slot);
    else if (tag === TAG.suffix) addSlot((this.suffixes ??= new Map()), key, slot);
    else {
      const r = parseIpRange(key) as IpRange;
      const trie = r.v6 ? (this.v6 ??= new IpTrie()) : (this.v4 ??= new IpTrie(4096));
      trie.add(r.bytes, r.prefix, tag === TAG.blockEq ? 'eq' : 'sub', slot);
    }
  }

  remove(tag: number, key: string, slot: number): void {
    this.atoms--;
    if (tag <= TAG.dynamic) {
      const m = this.values[tag];
      if (m) removeSlot(m, key, slot);
    } else if (tag === TAG.suffix) {
      if (this.suffixes) removeSlot(this.suffixes, key, slot);
    } else {
      const r = parseIpRange(key) as IpRange;
      (r.v6 ? this.v6 : this.v4)?.remove(r.bytes, r.prefix, tag === TAG.blockEq ? 'eq' : 'sub', slot);
    }
  }

  /** Calls `hit(slot, value)` for every atom the object's values at this path hit. */
  lookup(obj: ObservedObject, ctx: ObservationContext, hit: (slot: number, value: string) => void): void {
    if (this.directKey !== undefined) {
      const v = Object.hasOwn(obj, this.directKey) ? obj[this.directKey] : undefined;
      if (typeof v === 'string') this.lookupValue(v, kindOf(obj.type, this.directKey, undefined), hit);
      return;
    }
    if (this.hashAlgorithm !== undefined) {
      const hashes = Object.hasOwn(obj, 'hashes') ? obj['hashes'] : undefined;
      if (hashes === null || typeof hashes !== 'object' || Array.isArray(hashes)) return;
      for (const [k, v] of Object.entries(hashes)) if (typeof v === 'string' && hashKey(k) === this.hashAlgorithm) this.lookupValue(v, 'hash', hit);
      return;
    }
    if (this.viaRef !== undefined) {
      // As resolvePath does: the reference is followed when it is an id, read in place when an object.
      const [refKey, key] = this.viaRef;
      const ref = Object.hasOwn(obj, refKey) ? obj[refKey] : undefined;
      const target = typeof ref === 'string' ? ctx.deref(ref) : ref;
      if (target === null || typeof target !== 'object' || Array.isArray(target)) return;
      const holder = target as Record<string, unknown>;
      const v = Object.hasOwn(holder, key) ? holder[key] : undefined;
      if (typeof v === 'string') this.lookupValue(v, kindOf(typeof holder['type'] === 'string' ? holder['type'] : undefined, key, refKey), hit);
      return;
    }
    for (const item of resolvePath(this.steps, obj, ctx)) {
      if (typeof item.value === 'string') this.lookupValue(item.value, item.kind, hit);
    }
  }

  private lookupValue(v: string, kind: ValueKind, hit: (slot: number, value: string) => void): void {
    const own = this.values[TAG[kind]];
    const dynamic = this.values[TAG.dynamic];
    const maps = (own !== undefined && own.size > 0) || (dynamic !== undefined && dynamic.size > 0);
    if (kind === 'ip') {
      // One parse serves the exact maps and the tries; a dotted quad that parses is its own canonical form.
      if (!maps && !this.v4 && !this.v6) return;
      const r = parseIpRange(v);
      if (!r) return;
      if (maps) {
        const key = !r.v6 && !v.includes('/') ? v : formatIpRange(r);
        if (own) forEachSlot(own.get(key), (s) => hit(s, v));
        if (dynamic) forEachSlot(dynamic.get(key), (s) => hit(s, v));
      }
      const trie = r.v6 ? this.v6 : this.v4;
      if (trie && trie.size) trie.collect(r.bytes, r.prefix, r.bytes.length * 8, (s) => hit(s, v));
      return;
    }
    if (maps) {
      const key = canonicalValue(kind, v);
      if (key !== undefined) {
        if (own) forEachSlot(own.get(key), (s) => hit(s, v));
        if (dynamic) forEachSlot(dynamic.get(key), (s) => hit(s, v));
      }
    }
    if (kind === 'domain' && this.suffixes && this.suffixes.size) {
      const lower = v.toLowerCase();
      for (let i = lower.indexOf('.'); i >= 0; i = lower.indexOf('.', i + 1)) forEachSlot(this.suffixes.get(lower.slice(i)), (s) => hit(s, v));
    }
  }
}
