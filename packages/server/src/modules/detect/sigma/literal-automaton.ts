// Aho–Corasick over lower-cased literals: one pass over a string reports every literal it contains.
// The automaton is a dense DFA over character classes (only ASCII characters that occur in some literal
// get a class of their own, every non-ASCII character shares one class, every other character sends the
// scan back to the root), so a step is two array reads. Sharing a class and cutting long literals make
// the automaton report a superset of the literals present, which is all a pre-filter needs.

/** Literals longer than this are cut to their first characters (still required, just less selective). */
const MAX_LITERAL = 32;

export class LiteralAutomaton {
  private readonly ascii = new Uint16Array(128);
  private readonly wide: number;
  private readonly classes: number;
  /**
   * The DFA: entry `state * classes + class` is the next state times `classes` (so a step is an add and
   * a read), bit-inverted (negative) when that state reports a literal.
   */
  private readonly step: Int32Array;
  /** Per state: the first literal id ending here (or -1) and the next state with output on its suffix chain. */
  private readonly out: Int32Array;
  private readonly outLink: Int32Array;
  /** Literal ids per state beyond the first, when several literals end at the same state (duplicates). */
  private readonly extra = new Map<number, number[]>();

  /** `literals[i]` gets id `i`; they must already be lower-cased and non-empty. */
  constructor(literals: readonly string[]) {
    let classes = 2; // 0: no literal has it; 1: non-ASCII
    const classOf = (c: number): number => {
      if (c >= 128) return 1;
      if (!this.ascii[c]) this.ascii[c] = classes++;
      return this.ascii[c] as number;
    };
    this.wide = 1;
    // Trie.
    const next: Map<number, number>[] = [new Map()];
    const ends: number[][] = [[]];
    literals.forEach((lit, id) => {
      let s = 0;
      const text = lit.slice(0, MAX_LITERAL);
      for (let i = 0; i < text.length; i++) {
        const k = classOf(text.charCodeAt(i));
        let t = (next[s] as Map<number, number>).get(k);
        if (t === undefined) {
          t = next.length;
          next.push(new Map());
          ends.push([]);
          (next[s] as Map<number, number>).set(k, t);
        }
        s = t;
      }
      (ends[s] as number[]).push(id);
    });
    this.classes = classes;
    const n = next.length;
    const delta = new Int32Array(n * classes);
    const fail = new Int32Array(n);
    this.out = new Int32Array(n).fill(-1);
    this.outLink = new Int32Array(n).fill(-1);
    // Breadth-first: complete the DFA from the failure links.
    const queue: number[] = [];
    for (const [k, t] of next[0] as Map<number, number>) {
      delta[k] = t;
      queue.push(t);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q] as number;
      const f = fail[s] as number;
      const own = next[s] as Map<number, number>;
      for (let k = 0; k < classes; k++) {
        const t = own.get(k);
        if (t === undefined) delta[s * classes + k] = delta[f * classes + k] as number;
        else {
          delta[s * classes + k] = t;
          fail[t] = delta[f * classes + k] as number;
          queue.push(t);
        }
      }
      const e = ends[s] as number[];
      if (e.length) {
        this.out[s] = e[0] as number;
        if (e.length > 1) this.extra.set(s, e.slice(1));
      }
      this.outLink[s] = (this.out[f] as number) >= 0 ? f : (this.outLink[f] as number);
    }
    for (let i = 0; i < delta.length; i++) {
      const t = delta[i] as number;
      const base = t * classes;
      delta[i] = (this.out[t] as number) >= 0 || (this.outLink[t] as number) >= 0 ? ~base : base;
    }
    this.step = delta;
    // ASCII upper case scans like lower case, so most strings need no lower-casing (see scan).
    for (let c = 65; c <= 90; c++) this.ascii[c] = this.ascii[c + 32] as number;
  }

  /**
   * Calls `hit` with the id of every literal that occurs in `s.toLowerCase()` (possibly more than once).
   * ASCII is folded on the fly; a string with other characters is lower-cased first (lower-casing can
   * turn them into ASCII, e.g. the Kelvin sign into `k`).
   */
  scan(s: string, hit: (id: number) => void): void {
    if (!this.scanFolded(s, hit)) this.scanFolded(s.toLowerCase(), hit, true);
  }

  /** False (stopping early) at the first non-ASCII character unless `lowered`. */
  private scanFolded(s: string, hit: (id: number) => void, lowered = false): boolean {
    const { ascii, wide, step } = this;
    let x = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      let k: number;
      if (c < 128) k = ascii[c] as number;
      else if (lowered) k = wide;
      else return false;
      x = step[x + k] as number;
      if (x < 0) {
        x = ~x;
        this.report(x / this.classes, hit);
      }
    }
    return true;
  }

  private report(state: number, hit: (id: number) => void): void {
    const { out, outLink } = this;
    for (let o = (out[state] as number) >= 0 ? state : (outLink[state] as number); o >= 0; o = outLink[o] as number) {
      hit(out[o] as number);
      const more = this.extra.get(o);
      if (more) for (const id of more) hit(id);
    }
  }

  get size(): number {
    return this.step.length;
  }
}
