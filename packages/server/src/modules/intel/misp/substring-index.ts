// Aho–Corasick over lower-cased literals: one pass over a value reports every literal it contains,
// in time linear in the value (plus the number of matches), whatever the number of literals.

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Literal indexes ending here. */
  out: number[];
  /** Nearest state on the fail chain that has output (-1 if none). */
  dict: number;
}

export class SubstringIndex {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [], dict: -1 }];
  private readonly literals: string[] = [];
  private built = false;

  /** Adds a literal (lower-cased here); returns its index. */
  add(literal: string): number {
    if (this.built) throw new Error('SubstringIndex: add after build');
    const text = literal.toLowerCase();
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let n = this.nodes[s]?.next.get(c);
      if (n === undefined) {
        n = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, out: [], dict: -1 });
        (this.nodes[s] as Node).next.set(c, n);
      }
      s = n;
    }
    this.literals.push(text);
    (this.nodes[s] as Node).out.push(this.literals.length - 1);
    return this.literals.length - 1;
  }

  get size(): number {
    return this.literals.length;
  }

  literal(index: number): string {
    return this.literals[index] as string;
  }

  /** Computes failure links (breadth first); called once after the last `add`. */
  build(): void {
    const queue: number[] = [];
    for (const n of (this.nodes[0] as Node).next.values()) queue.push(n);
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q] as number;
      const node = this.nodes[s] as Node;
      for (const [c, child] of node.next) {
        let f = node.fail;
        while (f !== 0 && !(this.nodes[f] as Node).next.has(c)) f = (this.nodes[f] as Node).fail;
        const target = (this.nodes[f] as Node).next.get(c);
        const childNode = this.nodes[child] as Node;
        childNode.fail = target !== undefined && target !== child ? target : 0;
        const failNode = this.nodes[childNode.fail] as Node;
        childNode.dict = failNode.out.length > 0 ? childNode.fail : failNode.dict;
        queue.push(child);
      }
    }
    this.built = true;
  }

  /** Indexes of every literal occurring in `text` (case-insensitive), without duplicates. */
  search(text: string): number[] {
    if (!this.built) this.build();
    const found = new Set<number>();
    const t = text.toLowerCase();
    let s = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      let n = (this.nodes[s] as Node).next.get(c);
      while (n === undefined && s !== 0) {
        s = (this.nodes[s] as Node).fail;
        n = (this.nodes[s] as Node).next.get(c);
      }
      s = n ?? 0;
      for (let d = (this.nodes[s] as Node).out.length > 0 ? s : (this.nodes[s] as Node).dict; d !== -1 && d !== 0; d = (this.nodes[d] as Node).dict) {
        for (const lit of (this.nodes[d] as Node).out) found.add(lit);
      }
    }
    return [...found];
  }
}
