import { describe, it, expect } from 'vitest';
import { checkLimits } from './limits.ts';

const L = { maxDepth: 32, maxFields: 1000, maxStringLength: 100 };

function nest(depth: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < depth - 1; i++) v = { a: v };
  return v;
}

describe('checkLimits', () => {
  it('accepts values within limits, scalars included', () => {
    expect(checkLimits({ a: [1, 'x', null, true, { b: 'y' }] }, L)).toBeUndefined();
    expect(checkLimits('short', L)).toBeUndefined();
    expect(checkLimits(42, L)).toBeUndefined();
    expect(checkLimits(nest(32), L)).toBeUndefined();
  });

  it('names depth and path', () => {
    expect(checkLimits(nest(33), L)).toBe(`depth 33 exceeds limit 32 at $${'.a'.repeat(32)}`);
    expect(checkLimits({ a: { b: { c: {} } } }, { ...L, maxDepth: 3 })).toBe('depth 4 exceeds limit 3 at $.a.b.c');
    expect(checkLimits([[[1]]], { ...L, maxDepth: 2 })).toBe('depth 3 exceeds limit 2 at $[0][0]');
  });

  it('survives very deep nesting without recursion', () => {
    const deep = nest(200_000);
    expect(checkLimits(deep, L)).toMatch(/^depth 33 exceeds limit 32 at \$\.a/);
    let arr: unknown = [];
    for (let i = 0; i < 200_000; i++) arr = [arr];
    expect(checkLimits(arr, { ...L, maxDepth: 100_000_000, maxFields: 1_000_000 })).toBeUndefined();
  });

  it('counts fields over the whole value and names where the limit was crossed', () => {
    expect(checkLimits({ a: [1, 2, 3], b: { c: 1, d: 2 } }, { ...L, maxFields: 7 })).toBeUndefined();
    expect(checkLimits({ a: [1, 2, 3], b: { c: 1, d: 2 } }, { ...L, maxFields: 6 })).toBe('field count 7 exceeds limit 6 at $.b');
    expect(checkLimits(new Array(5000).fill(0), L)).toBe('field count 5000 exceeds limit 1000 at $');
  });

  it('checks string values and keys, quoting unusual keys', () => {
    expect(checkLimits({ msg: 'x'.repeat(101) }, L)).toBe('string length 101 exceeds limit 100 at $.msg');
    expect(checkLimits({ 'event data': ['ok', 'y'.repeat(200)] }, L)).toBe('string length 200 exceeds limit 100 at $["event data"][1]');
    expect(checkLimits({ ['k'.repeat(101)]: 1 }, L)).toMatch(/^key length 101 exceeds limit 100 at \$\["k{64}…"\]$/);
    expect(checkLimits({ '@timestamp': 'z'.repeat(101) }, L)).toBe('string length 101 exceeds limit 100 at $.@timestamp');
  });

  it('terminates on cyclic and shared references', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(checkLimits(cyclic, L)).toMatch(/^depth 33 exceeds limit 32 at \$(\.self)+$/);
    const shared = { x: new Array(10).fill(0) };
    const wide = new Array(200).fill(shared);
    expect(checkLimits(wide, L)).toMatch(/^field count \d+ exceeds limit 1000/);
  });

  it('shortens very long paths', () => {
    const r = checkLimits(nest(100), { ...L, maxDepth: 90 });
    expect(r).toMatch(/^depth 91 exceeds limit 90 at \$….a/);
  });
});
