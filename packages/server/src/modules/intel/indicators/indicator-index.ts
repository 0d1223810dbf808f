// The live indicator index: up to millions of STIX patterns, matched against every event.
//
// Each pattern is parsed and checked for live matching when added. Its exact-matchable values
// (atoms, see atoms.ts) go into per-path maps and CIDR tries; a pattern whose atoms decide it alone
// ("exact", e.g. [ipv4-addr:value = '198.51.100.7']) matches on a hit, any other is evaluated in
// full once one of its atoms is hit ("candidate"), and a pattern without atoms is evaluated on
// every event ("always", a short list with a limit). Adding and removing are incremental.
import type { ParseOptions } from '../pattern/index.ts';
import { compileLive, ObservationContext, PatternError, type LiveMatcher, type Observation } from '../pattern/index.ts';
import { coverOf, type Atom } from './atoms.ts';
import { observablesOf, type EventLike } from './observables.ts';
import { fresh, PathEntry, tagOf } from './path-entry.ts';

export interface IndicatorMatch<M> {
  readonly indicatorId: string;
  /** The object path that matched, e.g. `ipv4-addr:value`, `file:hashes.'SHA-256'`. */
  readonly observable: string;
  /** The event's value that matched. */
  readonly value: string;
  readonly meta: M;
}

export type IndexedAs = 'exact' | 'candidate' | 'always';

export interface AddResult {
  readonly indexedAs: IndexedAs;
  readonly atoms: number;
}

export interface IndicatorIndexOptions {
  /** Patterns without an exact-matchable value, evaluated on every event (default 1,000). */
  readonly maxAlwaysEvaluated?: number;
  /** Compiled candidate patterns kept in memory (least recently used are recompiled; default 10,000). */
  readonly compiledCacheSize?: number;
  readonly parse?: ParseOptions;
}

export interface IndexStats {
  readonly indicators: number;
  readonly exact: number;
  readonly candidates: number;
  readonly alwaysEvaluated: number;
  readonly paths: number;
  readonly atoms: number;
}

const FREE = 0;
const EXACT = 1;
const CANDIDATE = 2;
const ALWAYS = 3;

/** One of several atoms stored for a slot, to remove it again. */
interface Placed {
  readonly entry: number;
  readonly tag: number;
  readonly key: string;
}

export class IndicatorIndex<M = undefined> {
  private readonly maxAlways: number;
  private readonly cacheSize: number;
  private readonly parseOptions: ParseOptions | undefined;

  private ids: string[] = [];
  private metas: M[] = [];
  /**
   * The atoms of each slot, for removal. Most indicators have one: its key (the same string as
   * the map key) here, its path entry and tag in the typed arrays; several go in a Placed[].
   */
  private atomKey: (string | Placed[] | undefined)[] = [];
  private atomEntry = new Uint16Array(1024);
  private atomTag = new Uint8Array(1024);
  private mode = new Uint8Array(1024);
  private seen = new Uint32Array(1024);
  private generation = 0;
  private readonly freeSlots: number[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly counts = [0, 0, 0, 0];

  private readonly paths = new Map<string, PathEntry>();
  private readonly entries: (PathEntry | undefined)[] = [];
  private readonly freeEntries: number[] = [];
  private readonly byType = new Map<string, PathEntry[]>();
  /** Candidate patterns' text (compiled on demand) and a bounded cache of compiled ones. */
  private readonly sources = new Map<number, string>();
  private readonly compiled = new Map<number, LiveMatcher>();
  private readonly always = new Map<number, LiveMatcher>();

  constructor(options: IndicatorIndexOptions = {}) {
    this.maxAlways = options.maxAlwaysEvaluated ?? 1_000;
    this.cacheSize = options.compiledCacheSize ?? 10_000;
    this.parseOptions = options.parse;
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /**
   * Adds an indicator, or replaces the one with this id. Throws PatternError (nothing changes)
   * when the pattern does not parse, cannot be matched live, or would exceed the always-evaluated limit.
   */
  add(id: string, pattern: string, meta: M): AddResult {
    const matcher = compileLive(pattern, this.parseOptions);
    const cover = coverOf(matcher.pattern);
    const old = this.slotOf.get(id);
    const replacingAlways = old !== undefined && this.mode[old] === ALWAYS;
    if (!cover && this.always.size - (replacingAlways ? 1 : 0) >= this.maxAlways) {
      throw new PatternError('PATTERN_LIMIT', `this pattern has no exact-matchable value (an address, domain, URL, hash, e-mail address, account or process name compared with = or IN), so it would be evaluated on every event; ${this.maxAlways} such indicators are loaded already, which is the limit`, { offset: 0 });
    }
    if (old !== undefined) this.remove(id);

    const slot = this.allocate(id, meta);
    if (!cover) {
      this.setMode(slot, ALWAYS);
      this.always.set(slot, matcher);
      return { indexedAs: 'always', atoms: 0 };
    }
    const placed: Placed[] = [];
    const copies = new Map<string, string>(); // one copy of a key used by several atoms
    for (const atom of cover.atoms) {
      const entry = this.entryFor(atom);
      let key = copies.get(atom.key);
      if (key === undefined) copies.set(atom.key, (key = fresh(atom.key)));
      const tag = tagOf(atom);
      entry.add(tag, key, slot);
      placed.push({ entry: entry.id, tag, key });
    }
    if (placed.length === 1) {
      const only = placed[0] as Placed;
      this.atomKey[slot] = only.key;
      this.atomEntry[slot] = only.entry;
      this.atomTag[slot] = only.tag;
    } else this.atomKey[slot] = placed;
    if (cover.exact) {
      this.setMode(slot, EXACT);
      return { indexedAs: 'exact', atoms: placed.length };
    }
    // Compiled again when first hit: most candidates never are, and a compiled pattern costs kilobytes.
    this.setMode(slot, CANDIDATE);
    this.sources.set(slot, fresh(pattern));
    return { indexedAs: 'candidate', atoms: placed.length };
  }

  /** Removes an indicator; false when there is none with this id. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const stored = this.atomKey[slot];
    const list: readonly Placed[] = stored === undefined ? [] : typeof stored === 'string'
      ? [{ entry: this.atomEntry[slot] as number, tag: this.atomTag[slot] as number, key: stored }] : stored;
    for (const p of list) {
      const entry = this.entries[p.entry] as PathEntry;
      entry.remove(p.tag, p.key, slot);
      if (entry.atoms === 0) this.dropEntry(entry);
    }
    this.setMode(slot, FREE);
    this.atomKey[slot] = undefined;
    this.sources.delete(slot);
    this.compiled.delete(slot);
    this.always.delete(slot);
    this.slotOf.delete(id);
    this.ids[slot] = '';
    this.metas[slot] = undefined as M;
    this.freeSlots.push(slot);
    return true;
  }

  /** Indicators matching one event (its OCSF projection and native fields, see observablesOf). */
  match(event: EventLike): IndicatorMatch<M>[] {
    if (this.slotOf.size === 0) return [];
    return this.matchObservation(observablesOf(event));
  }

  /** Indicators matching one observation, each once (the first value that matched it). */
  matchObservation(observation: Observation): IndicatorMatch<M>[] {
    const out: IndicatorMatch<M>[] = [];
    if (this.slotOf.size === 0) return out;
    const gen = this.nextGeneration();
    const ctx = new ObservationContext(observation);
    let entry: PathEntry;
    const hit = (slot: number, value: string): void => {
      if (this.seen[slot] === gen) return;
      this.seen[slot] = gen;
      if (this.mode[slot] === EXACT) {
        out.push({ indicatorId: this.ids[slot] as string, observable: entry.text, value, meta: this.metas[slot] as M });
        return;
      }
      const w = this.compiledFor(slot).match(observation, ctx);
      if (w) out.push({ indicatorId: this.ids[slot] as string, observable: w.observable, value: w.value, meta: this.metas[slot] as M });
    };
    for (const obj of observation.objects) {
      const entries = this.byType.get(obj.type);
      if (!entries) continue;
      for (entry of entries) entry.lookup(obj, ctx, hit);
    }
    if (this.always.size) {
      const types = new Set(observation.objects.map((o) => o.type));
      for (const [slot, m] of this.always) {
        let relevant = false;
        for (const t of m.objectTypes) if (types.has(t)) { relevant = true; break; }
        if (!relevant) continue;
        const w = m.match(observation, ctx);
        if (w) out.push({ indicatorId: this.ids[slot] as string, observable: w.observable, value: w.value, meta: this.metas[slot] as M });
      }
    }
    return out;
  }

  stats(): IndexStats {
    let atoms = 0;
    for (const e of this.paths.values()) atoms += e.atoms;
    return {
      indicators: this.slotOf.size,
      exact: this.counts[EXACT] as number,
      candidates: this.counts[CANDIDATE] as number,
      alwaysEvaluated: this.counts[ALWAYS] as number,
      paths: this.paths.size,
      atoms,
    };
  }

  // ---- internals ----

  private allocate(given: string, meta: M): number {
    const id = fresh(given); // a flat copy: ids built by concatenation or cut from a document cost several times more
    const slot = this.freeSlots.pop() ?? this.ids.length;
    if (slot >= this.mode.length) {
      const n = this.mode.length * 2;
      this.mode = grow(this.mode, new Uint8Array(n));
      this.seen = grow(this.seen, new Uint32Array(n));
      this.atomEntry = grow(this.atomEntry, new Uint16Array(n));
      this.atomTag = grow(this.atomTag, new Uint8Array(n));
    }
    this.ids[slot] = id;
    this.metas[slot] = meta;
    this.atomKey[slot] = undefined;
    this.seen[slot] = 0;
    this.slotOf.set(id, slot);
    return slot;
  }

  private setMode(slot: number, mode: number): void {
    (this.counts[this.mode[slot] as number] as number)--;
    this.mode[slot] = mode;
    (this.counts[mode] as number)++;
  }

  private entryFor(atom: Atom): PathEntry {
    let e = this.paths.get(atom.path.text);
    if (!e) {
      const id = this.freeEntries.pop() ?? this.entries.length;
      if (id > 0xffff) throw new PatternError('PATTERN_LIMIT', 'the index holds atoms at 65,536 distinct object paths already, which is the limit', { offset: 0 });
      e = new PathEntry(id, atom.path.text, atom.path.objectType, atom.path.steps);
      this.entries[id] = e;
      this.paths.set(e.text, e);
      const list = this.byType.get(e.objectType);
      if (list) list.push(e);
      else this.byType.set(e.objectType, [e]);
    }
    return e;
  }

  private dropEntry(e: PathEntry): void {
    this.paths.delete(e.text);
    this.entries[e.id] = undefined;
    this.freeEntries.push(e.id);
    const list = (this.byType.get(e.objectType) ?? []).filter((x) => x !== e);
    if (list.length) this.byType.set(e.objectType, list);
    else this.byType.delete(e.objectType);
  }

  private compiledFor(slot: number): LiveMatcher {
    const m = this.compiled.get(slot);
    if (m) {
      this.compiled.delete(slot);
      this.compiled.set(slot, m);
      return m;
    }
    const fresh = compileLive(this.sources.get(slot) as string, this.parseOptions);
    this.cache(slot, fresh);
    return fresh;
  }

  private cache(slot: number, m: LiveMatcher): void {
    this.compiled.set(slot, m);
    if (this.compiled.size > this.cacheSize) {
      const oldest = this.compiled.keys().next().value as number;
      this.compiled.delete(oldest);
    }
  }

  private nextGeneration(): number {
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.seen.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }
}

function grow<T extends Uint8Array | Uint16Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
