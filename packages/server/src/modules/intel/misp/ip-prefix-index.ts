// Networks of many lists, looked up by address, finding every network that contains it: one binary trie
// per IP version in typed arrays (child links and a "holds networks" flag per node). A lookup walks at
// most 32 or 128 bits and reads the list ids only at nodes that hold networks.
import { formatIp, type IpAddress, type IpNetwork, maskWords } from './ip.ts';

export type Ids = number | number[];

export function addId(map: Map<string | number, Ids>, key: string | number, id: number): boolean {
  const cur = map.get(key);
  if (cur === undefined) map.set(key, id);
  else if (typeof cur === 'number') {
    if (cur === id) return false;
    map.set(key, [cur, id]);
  } else {
    if (cur.includes(id)) return false;
    cur.push(id);
  }
  return true;
}

export interface PrefixHit {
  id: number;
  network: string;
}

/** A binary trie over address bits; node 0 is the root (the empty prefix). */
class BitTrie {
  private zero = new Int32Array(1024);
  private one = new Int32Array(1024);
  private terminal = new Uint8Array(1024);
  private count = 1;
  readonly ids = new Map<number, Ids>();

  add(words: readonly number[], prefix: number, id: number): boolean {
    let node = 0;
    for (let bit = 0; bit < prefix; bit++) {
      const side = ((words[bit >>> 5] as number) >>> (31 - (bit & 31))) & 1 ? this.one : this.zero;
      let next = side[node] as number;
      if (next === 0) {
        next = this.grow();
        // grow() may have replaced the arrays.
        (((words[bit >>> 5] as number) >>> (31 - (bit & 31))) & 1 ? this.one : this.zero)[node] = next;
      }
      node = next;
    }
    this.terminal[node] = 1;
    return addId(this.ids, node, id);
  }

  private grow(): number {
    if (this.count === this.zero.length) {
      const z = new Int32Array(this.zero.length * 2);
      z.set(this.zero);
      this.zero = z;
      const o = new Int32Array(this.one.length * 2);
      o.set(this.one);
      this.one = o;
      const t = new Uint8Array(this.terminal.length * 2);
      t.set(this.terminal);
      this.terminal = t;
    }
    return this.count++;
  }

  /** Calls `f(ids, length)` for every stored prefix of the first `prefix` bits of `words`. */
  walk(words: readonly number[], prefix: number, f: (ids: Ids, length: number) => void): void {
    let node = 0;
    for (let bit = 0; ; bit++) {
      if (this.terminal[node]) f(this.ids.get(node) as Ids, bit);
      if (bit === prefix) return;
      node = (((words[bit >>> 5] as number) >>> (31 - (bit & 31))) & 1 ? this.one : this.zero)[node] as number;
      if (node === 0) return;
    }
  }
}

export class IpPrefixIndex {
  private readonly v4 = new BitTrie();
  private readonly v6 = new BitTrie();

  /** Adds a network for list `id`; false if that list already had it. */
  add(net: IpNetwork, id: number): boolean {
    return (net.version === 4 ? this.v4 : this.v6).add(net.words, net.prefix, id);
  }

  /** Every (list, network) whose network contains `net` (an address is a full-length network). */
  lookup(net: IpNetwork, out: PrefixHit[]): void {
    (net.version === 4 ? this.v4 : this.v6).walk(net.words, net.prefix, (ids, len) => push(out, ids, { version: net.version, words: maskWords(net.words, len) }, len));
  }
}

function push(out: PrefixHit[], ids: Ids, addr: IpAddress, len: number): void {
  const network = `${formatIp(addr)}/${len}`;
  if (typeof ids === 'number') out.push({ id: ids, network });
  else for (const id of ids) out.push({ id, network });
}
