// Searching many audio fingerprints at once: an inverted index from the top 20 bits of each item to
// the fingerprints and positions holding it. A query's items vote for (fingerprint, offset) pairs; the
// fingerprints with the most votes are then aligned in full (match.ts) and kept under the BER limit.
// A re-encoded or noisier copy keeps most items' top bits intact (at 8 % BER one item in five still
// agrees exactly on 20 bits), so a handful of votes is enough to bring the right recording forward.
import { matchFingerprints, type AudioMatch, type AudioMatchOptions } from './match.ts';

const KEY_SHIFT = 12; // key = top 20 bits of an item

export interface AudioSearchOptions extends AudioMatchOptions {
  /** Fingerprints aligned in full, those with the most votes first. Default 20. */
  candidates?: number;
  /** Keys held by more positions than this (silence, hum) do not vote. Default 5,000. */
  maxPostings?: number;
  /** Matches returned at most. Default 10. */
  limit?: number;
}

export interface AudioSearchHit extends AudioMatch {
  id: string;
  votes: number;
}

export class AudioFingerprintIndex {
  private readonly prints = new Map<string, Uint32Array>();
  private readonly ids: string[] = [];
  private readonly slot = new Map<string, number>();
  /** key → flat list of (slot, position) pairs. */
  private readonly postings = new Map<number, number[]>();

  get size(): number {
    return this.prints.size;
  }

  /** Adds (or replaces) a fingerprint under an id. */
  add(id: string, raw: ArrayLike<number>): void {
    if (this.prints.has(id)) this.remove(id);
    const fp = Uint32Array.from(raw);
    let s = this.slot.get(id);
    if (s === undefined) {
      s = this.ids.length;
      this.ids.push(id);
      this.slot.set(id, s);
    }
    this.prints.set(id, fp);
    for (let p = 0; p < fp.length; p++) {
      const key = fp[p]! >>> KEY_SHIFT;
      let list = this.postings.get(key);
      if (!list) this.postings.set(key, (list = []));
      list.push(s, p);
    }
  }

  /** Withdraws a fingerprint; true when it was there. */
  remove(id: string): boolean {
    const fp = this.prints.get(id);
    const s = this.slot.get(id);
    if (!fp || s === undefined) return false;
    for (const key of new Set(Array.from(fp, (v) => v >>> KEY_SHIFT))) {
      const list = this.postings.get(key);
      if (!list) continue;
      const kept: number[] = [];
      for (let i = 0; i < list.length; i += 2) if (list[i] !== s) kept.push(list[i]!, list[i + 1]!);
      if (kept.length === 0) this.postings.delete(key);
      else this.postings.set(key, kept);
    }
    this.prints.delete(id);
    return true;
  }

  /** The indexed fingerprints that match `query`, best (lowest BER) first. */
  search(query: ArrayLike<number>, opts: AudioSearchOptions = {}): AudioSearchHit[] {
    const maxPostings = opts.maxPostings ?? 5000;
    // votes per fingerprint slot, counted once per (slot, offset) pair's best support
    const votes = new Map<number, Map<number, number>>();
    for (let q = 0; q < query.length; q++) {
      const list = this.postings.get(query[q]! >>> KEY_SHIFT);
      if (!list || list.length / 2 > maxPostings) continue;
      for (let i = 0; i < list.length; i += 2) {
        const s = list[i]!;
        const offset = list[i + 1]! - q;
        let byOffset = votes.get(s);
        if (!byOffset) votes.set(s, (byOffset = new Map()));
        byOffset.set(offset, (byOffset.get(offset) ?? 0) + 1);
      }
    }
    const ranked = [...votes.entries()]
      .map(([s, byOffset]) => ({ s, votes: Math.max(...byOffset.values()) }))
      .sort((a, b) => b.votes - a.votes)
      .slice(0, opts.candidates ?? 20);
    const hits: AudioSearchHit[] = [];
    for (const { s, votes: v } of ranked) {
      const id = this.ids[s]!;
      const fp = this.prints.get(id);
      if (!fp) continue;
      const m = matchFingerprints(query, fp, opts);
      if (m.match) hits.push({ id, votes: v, ...m });
    }
    hits.sort((a, b) => a.ber - b.ber || b.overlapItems - a.overlapItems);
    return hits.slice(0, opts.limit ?? 10);
  }
}
