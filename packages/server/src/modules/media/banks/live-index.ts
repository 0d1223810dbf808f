// The hash index of every media indicator in the intel store (this instance's banks and what federated
// peers shared), loaded once and kept current from `intel.changed`: a new version replaces the entry,
// a revoked or deleted one leaves. Who may see a match is decided afterwards, by the store's access
// model, for the few candidates found (matches.ts).
import type { Logger } from '../../../platform/index.ts';
import type { VpdqFrame } from '@bulwark/contracts';
import type { IntelObjects, StoredLatest } from '../../intel/index.ts';
import { AudioFingerprintIndex } from '../audio/search.ts';
import { matchFingerprints } from '../audio/match.ts';
import { PdqIndex } from '../match/pdq-index.ts';
import { matchVpdq } from '../match/vpdq.ts';
import { readMediaIndicator, type MediaIndicator } from './media-indicator.ts';
import { MEDIA_PATTERN_PREFIXES, MEDIA_PROPERTY } from './stix.ts';

export interface IndexedMedia extends MediaIndicator {
  readonly ownerInstance: string;
  readonly ownerOrg: string;
  readonly tlp: StoredLatest['tlp'];
}

export interface MediaQuery {
  readonly sha256?: string;
  readonly md5?: string;
  /** PDQ of the image and of its rotations and mirrors (name → hex); `original` first. */
  readonly pdq?: ReadonlyArray<readonly [string, string]>;
  readonly vpdq?: readonly VpdqFrame[];
  readonly chromaprint?: Uint32Array;
}

export interface Candidate {
  readonly entry: IndexedMedia;
  readonly algorithm: 'sha256' | 'md5' | 'pdq' | 'vpdq' | 'chromaprint';
  readonly distance?: number;
  readonly transform?: string;
  readonly queryShare?: number;
  readonly entryShare?: number;
  readonly ber?: number;
  readonly offsetSeconds?: number;
  readonly matchedSeconds?: number;
}

const PAGE = 2000;

export class LiveMediaIndex {
  private readonly byId = new Map<string, number>();
  private readonly entries: Array<IndexedMedia | undefined> = [];
  private readonly free: number[] = [];
  private readonly pdq = new PdqIndex();
  private readonly frames = new PdqIndex();
  private readonly audio = new AudioFingerprintIndex();
  private readonly sha256 = new Map<string, Set<number>>();
  private readonly md5 = new Map<string, Set<number>>();
  private skipped = 0;

  private readonly objects: IntelObjects;
  private readonly log: Logger;
  private readonly maxDistance: number;

  constructor(objects: IntelObjects, log: Logger, maxDistance: number) {
    this.objects = objects;
    this.log = log;
    this.maxDistance = maxDistance;
  }

  get size(): number {
    return this.byId.size;
  }

  get rejected(): number {
    return this.skipped;
  }

  async load(): Promise<void> {
    let after = 0;
    for (;;) {
      const page = await this.objects.indicatorsOf({ patternTypePrefixes: MEDIA_PATTERN_PREFIXES, property: MEDIA_PROPERTY }, after, PAGE);
      for (const row of page) this.put(row);
      if (page.length < PAGE) break;
      after = page.at(-1)!.seq;
    }
    this.log.info({ entries: this.size, rejected: this.skipped }, 'media hash index loaded');
  }

  /** Re-reads these ids (from `intel.changed`): new versions replace, revoked or deleted ones leave. */
  async refresh(ids: readonly string[]): Promise<void> {
    const wanted = ids.filter((i) => i.startsWith('indicator--'));
    if (!wanted.length) return;
    const found = new Map((await this.objects.latest(wanted)).map((r) => [r.id, r]));
    for (const id of wanted) {
      const row = found.get(id);
      if (row) this.put(row);
      else this.remove(id);
    }
  }

  put(row: StoredLatest): void {
    this.remove(row.id);
    if (row.type !== 'indicator' || row.revoked) return;
    const until = typeof row.object['valid_until'] === 'string' ? Date.parse(row.object['valid_until']) : Number.NaN;
    if (!Number.isNaN(until) && until <= Date.now()) return;
    const parsed = readMediaIndicator(row.object, { pdqDistance: this.maxDistance });
    if ('error' in parsed) {
      if (row.object['pattern_type'] !== 'stix') {
        this.skipped++;
        this.log.debug({ indicator: row.id, reason: parsed.error }, 'media indicator not indexed');
      }
      return;
    }
    const entry: IndexedMedia = { ...parsed, ownerInstance: row.ownerInstance, ownerOrg: row.ownerOrg, tlp: row.tlp };
    const n = this.free.pop() ?? this.entries.length;
    this.entries[n] = entry;
    this.byId.set(row.id, n);
    if (entry.pdq) this.pdq.add(n, entry.pdq);
    for (const f of entry.frames ?? []) if (f.quality >= 50) this.frames.add(n, f.pdq);
    if (entry.chromaprint) this.audio.add(String(n), entry.chromaprint);
    if (entry.sha256) add(this.sha256, entry.sha256, n);
    if (entry.md5) add(this.md5, entry.md5, n);
  }

  remove(id: string): void {
    const n = this.byId.get(id);
    if (n === undefined) return;
    const e = this.entries[n]!;
    this.byId.delete(id);
    this.entries[n] = undefined;
    if (e.pdq) this.pdq.removeId(n);
    if (e.frames?.length) this.frames.removeId(n);
    if (e.chromaprint) this.audio.remove(String(n));
    if (e.sha256) drop(this.sha256, e.sha256, n);
    if (e.md5) drop(this.md5, e.md5, n);
    this.free.push(n);
  }

  /** Every entry the query matches, by any of its hashes (one candidate per entry and algorithm). */
  match(q: MediaQuery): Candidate[] {
    const out: Candidate[] = [];
    const at = (n: number) => this.entries[n];
    for (const n of q.sha256 ? this.sha256.get(q.sha256) ?? [] : []) out.push({ entry: at(n)!, algorithm: 'sha256' });
    for (const n of q.md5 ? this.md5.get(q.md5) ?? [] : []) out.push({ entry: at(n)!, algorithm: 'md5' });
    if (q.pdq?.length) {
      const best = new Map<number, { distance: number; transform: string }>();
      for (const [transform, hex] of q.pdq) {
        for (const m of this.pdq.query(hex, this.maxDistance)) {
          const e = at(m.id);
          if (!e || m.distance > Math.min(e.threshold, this.maxDistance)) continue;
          const prev = best.get(m.id);
          if (!prev || m.distance < prev.distance) best.set(m.id, { distance: m.distance, transform });
        }
      }
      for (const [n, b] of best) out.push({ entry: at(n)!, algorithm: 'pdq', distance: b.distance, transform: b.transform });
    }
    if (q.vpdq?.length) {
      const hit = new Set<number>();
      for (const f of q.vpdq) if (f.quality >= 50) for (const m of this.frames.query(f.pdq, this.maxDistance)) hit.add(m.id);
      for (const n of hit) {
        const e = at(n);
        if (!e?.frames) continue;
        const r = matchVpdq(q.vpdq, e.frames, { distance: Math.min(e.threshold, this.maxDistance) });
        const share = e.share ?? 80;
        if (r.queryMatchPercent >= share || r.comparedMatchPercent >= share) {
          out.push({ entry: e, algorithm: 'vpdq', queryShare: r.queryMatchPercent / 100, entryShare: r.comparedMatchPercent / 100 });
        }
      }
    }
    if (q.chromaprint && q.chromaprint.length >= 10) {
      for (const h of this.audio.search(q.chromaprint)) {
        const e = at(Number(h.id));
        if (!e?.chromaprint) continue;
        const m = h.ber <= e.threshold ? h : matchFingerprints(q.chromaprint, e.chromaprint, { maxBer: e.threshold });
        if (!m.match || m.ber > e.threshold) continue;
        out.push({ entry: e, algorithm: 'chromaprint', ber: m.ber, offsetSeconds: m.offsetSeconds, matchedSeconds: m.matchedSeconds });
      }
    }
    return out;
  }
}

function add(map: Map<string, Set<number>>, key: string, n: number): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(n);
}

function drop(map: Map<string, Set<number>>, key: string, n: number): void {
  const s = map.get(key);
  s?.delete(n);
  if (s && !s.size) map.delete(key);
}
