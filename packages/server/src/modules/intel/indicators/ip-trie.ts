// A binary trie of CIDR blocks (one per address family), nodes in typed arrays so that hundreds of
// thousands of blocks cost a few bytes per node. Incremental: add and remove one block at a time;
// nodes left empty by a removal are unlinked and reused.
//
// Each block carries two slot lists: `eq` (pattern `=` with a block: an address inside it, or the
// same block, matches) and `sub` (ISSUBSET: an address or block inside it matches).
import { addSlot, forEachSlot, removeSlot, type Slots } from './slots.ts';

export type BlockMode = 'eq' | 'sub';

const HAS_EQ = 1;
const HAS_SUB = 2;

export class IpTrie {
  private left: Int32Array;
  private right: Int32Array;
  private flags: Uint8Array;
  private used = 1; // node 0 is the root
  private readonly free: number[] = [];
  private readonly eq = new Map<number, Slots>();
  private readonly sub = new Map<number, Slots>();
  private blocks = 0;

  constructor(capacity = 256) {
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  /** Blocks stored (each (block, mode) pair once). */
  get size(): number {
    return this.blocks;
  }

  get nodes(): number {
    return this.used - this.free.length;
  }

  add(bytes: Uint8Array, prefix: number, mode: BlockMode, slot: number): void {
    let node = 0;
    for (let d = 0; d < prefix; d++) {
      const bit = bitAt(bytes, d);
      const arr = bit ? this.right : this.left;
      let child = arr[node] as number;
      if (child === 0) {
        child = this.alloc();
        (bit ? this.right : this.left)[node] = child;
      }
      node = child;
    }
    const map = mode === 'eq' ? this.eq : this.sub;
    if (!map.has(node)) this.blocks++;
    addSlot(map, node, slot);
    this.flags[node] = (this.flags[node] as number) | (mode === 'eq' ? HAS_EQ : HAS_SUB);
  }

  remove(bytes: Uint8Array, prefix: number, mode: BlockMode, slot: number): void {
    const path: number[] = [0];
    let node = 0;
    for (let d = 0; d < prefix; d++) {
      node = (bitAt(bytes, d) ? this.right : this.left)[node] as number;
      if (node === 0) return;
      path.push(node);
    }
    const map = mode === 'eq' ? this.eq : this.sub;
    if (!map.has(node)) return;
    if (removeSlot(map, node, slot)) {
      this.blocks--;
      this.flags[node] = (this.flags[node] as number) & ~(mode === 'eq' ? HAS_EQ : HAS_SUB);
    }
    // Unlink nodes that hold nothing and lead nowhere, from the leaf up (never the root).
    for (let i = path.length - 1; i > 0; i--) {
      const n = path[i] as number;
      if (this.flags[n] !== 0 || this.left[n] !== 0 || this.right[n] !== 0) break;
      const parent = path[i - 1] as number;
      if (this.left[parent] === n) this.left[parent] = 0;
      else this.right[parent] = 0;
      this.free.push(n);
    }
  }

  /**
   * Slots of the blocks that match an observed address or block of `prefix` bits (`hostBits` = 32
   * or 128 for an address): `sub` of every block containing it; `eq` of every block containing an
   * address, or of the same block.
   */
  collect(bytes: Uint8Array, prefix: number, hostBits: number, visit: (slot: number) => void): void {
    let node = 0;
    for (let d = 0; ; d++) {
      const f = this.flags[node] as number;
      if (f !== 0) {
        if (f & HAS_SUB) forEachSlot(this.sub.get(node), visit);
        if (f & HAS_EQ && (prefix === hostBits || d === prefix)) forEachSlot(this.eq.get(node), visit);
      }
      if (d === prefix) return;
      node = (bitAt(bytes, d) ? this.right : this.left)[node] as number;
      if (node === 0) return;
    }
  }

  private alloc(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.left.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.left = grow(this.left);
      this.right = grow(this.right);
      const f = new Uint8Array(this.flags.length * 2);
      f.set(this.flags);
      this.flags = f;
    }
    return this.used++;
  }
}

function bitAt(bytes: Uint8Array, i: number): number {
  return ((bytes[i >> 3] as number) >> (7 - (i & 7))) & 1;
}
