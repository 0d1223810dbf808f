import { describe, expect, it } from 'vitest';
import { parseIpRange } from '../pattern/index.ts';
import { IpTrie } from './ip-trie.ts';

const r = (s: string) => parseIpRange(s)!;
const hits = (t: IpTrie, s: string): number[] => {
  const x = r(s);
  const out: number[] = [];
  t.collect(x.bytes, x.prefix, x.bytes.length * 8, (slot) => out.push(slot));
  return out.sort((a, b) => a - b);
};
const add = (t: IpTrie, s: string, mode: 'eq' | 'sub', slot: number) => t.add(r(s).bytes, r(s).prefix, mode, slot);
const remove = (t: IpTrie, s: string, mode: 'eq' | 'sub', slot: number) => t.remove(r(s).bytes, r(s).prefix, mode, slot);

describe('IpTrie', () => {
  it('finds every block holding an address, from /0 to the longest', () => {
    const t = new IpTrie(4);
    add(t, '0.0.0.0/0', 'eq', 0);
    add(t, '10.0.0.0/8', 'eq', 1);
    add(t, '10.1.0.0/16', 'sub', 2);
    add(t, '10.1.2.0/31', 'eq', 3);
    add(t, '11.0.0.0/8', 'eq', 4);
    expect(hits(t, '10.1.2.1')).toEqual([0, 1, 2, 3]);
    expect(hits(t, '10.1.2.2')).toEqual([0, 1, 2]);
    expect(hits(t, '10.2.0.0')).toEqual([0, 1]);
    expect(hits(t, '12.0.0.1')).toEqual([0]);
  });

  it('for an observed block: sub of blocks holding it, eq of the same block only', () => {
    const t = new IpTrie();
    add(t, '10.0.0.0/8', 'eq', 1);
    add(t, '10.0.0.0/8', 'sub', 2);
    add(t, '10.1.0.0/16', 'eq', 3);
    expect(hits(t, '10.1.0.0/16')).toEqual([2, 3]);
    expect(hits(t, '10.0.0.0/8')).toEqual([1, 2]);
    expect(hits(t, '10.0.0.0/7')).toEqual([]);
  });

  it('IPv6 blocks up to /127', () => {
    const t = new IpTrie();
    add(t, '2001:db8::/32', 'eq', 1);
    add(t, '2001:db8::/127', 'eq', 2);
    expect(hits(t, '2001:db8::1')).toEqual([1, 2]);
    expect(hits(t, '2001:db8::2')).toEqual([1]);
    expect(hits(t, '2001:db9::')).toEqual([]);
  });

  it('removes blocks, frees their nodes and reuses them', () => {
    const t = new IpTrie(2);
    add(t, '10.0.0.0/8', 'eq', 1);
    add(t, '10.0.0.0/8', 'eq', 2);
    add(t, '192.168.0.0/16', 'sub', 3);
    const nodes = t.nodes;
    expect(t.size).toBe(2);
    remove(t, '10.0.0.0/8', 'eq', 1);
    expect(hits(t, '10.9.9.9')).toEqual([2]);
    remove(t, '10.0.0.0/8', 'eq', 2);
    expect(hits(t, '10.9.9.9')).toEqual([]);
    expect(t.size).toBe(1);
    expect(t.nodes).toBe(nodes - 8);
    remove(t, '10.0.0.0/8', 'eq', 2); // twice: nothing happens
    remove(t, '172.16.0.0/12', 'eq', 9); // never added
    add(t, '10.0.0.0/8', 'sub', 4);
    expect(t.nodes).toBe(nodes);
    expect(hits(t, '10.1.1.1')).toEqual([4]);
    expect(hits(t, '192.168.3.4')).toEqual([3]);
  });
});
