import { describe, expect, it } from 'vitest';
import { CountMinSketch, Ewma, FirstSeen, HoltWinters, prng } from './index.ts';

describe('EWMA', () => {
  it('follows the mean and flags a burst; snapshot and restore give the same baseline', () => {
    const rnd = prng(7);
    const e = new Ewma(0.05);
    for (let i = 0; i < 500; i++) e.update(10 + (rnd() - 0.5) * 2);
    expect(e.mean).toBeGreaterThan(9.5);
    expect(e.mean).toBeLessThan(10.5);
    expect(e.z(20)).toBeGreaterThan(10);
    const copy = new Ewma(0.05, JSON.parse(JSON.stringify(e.snapshot())));
    copy.update(12);
    e.update(12);
    expect(copy.snapshot()).toEqual(e.snapshot());
  });
});

describe('Holt-Winters (additive)', () => {
  it('learns a daily profile: the forecast follows the hour of day and a night-time burst stands out', () => {
    const hw = new HoltWinters({ period: 24 });
    const daily = (h: number) => (h >= 8 && h < 18 ? 100 : 10);
    const rnd = prng(3);
    for (let d = 0; d < 14; d++) for (let h = 0; h < 24; h++) hw.update(daily(h) + (rnd() - 0.5) * 4);
    expect(hw.ready).toBe(true);
    // next slot is hour 0 of day 15
    expect(Math.abs(hw.forecast() - 10)).toBeLessThan(5);
    for (let h = 0; h < 10; h++) hw.update(daily(h));
    expect(Math.abs(hw.forecast() - 100)).toBeLessThan(10);
    const z = (1000 - hw.forecast()) / hw.std;
    expect(z).toBeGreaterThan(20);
    const restored = new HoltWinters({ period: 24 }, JSON.parse(JSON.stringify(hw.snapshot())));
    expect(restored.forecast()).toBe(hw.forecast());
  });
});

describe('count-min sketch', () => {
  it('never undercounts, stays within its error bound, decays, and restores from JSON', () => {
    const cm = new CountMinSketch(256, 4, 11);
    const truth = new Map<string, number>();
    const rnd = prng(5);
    for (let i = 0; i < 20_000; i++) {
      const k = `k${Math.floor(rnd() ** 3 * 2000)}`;
      cm.add(k);
      truth.set(k, (truth.get(k) ?? 0) + 1);
    }
    let within = 0;
    for (const [k, n] of truth) {
      const est = cm.estimate(k);
      expect(est).toBeGreaterThanOrEqual(n);
      if (est - n <= (Math.E / 256) * 20_000) within++;
    }
    expect(within / truth.size).toBeGreaterThan(0.95);
    const restored = new CountMinSketch(1, 1, 1, JSON.parse(JSON.stringify(cm.snapshot())));
    expect(restored.estimate('k1')).toBe(cm.estimate('k1'));
    cm.decay(0.5);
    expect(cm.estimate('k1')).toBeCloseTo(restored.estimate('k1') / 2, 3);
  });
});

describe('first-seen set', () => {
  it('reports new values, ages them out and stays bounded', () => {
    const fs = new FirstSeen(3, 1000);
    expect(fs.add('a', 0)).toBe(true);
    expect(fs.add('a', 10)).toBe(false);
    expect(fs.add('a', 2000)).toBe(true); // aged out
    fs.add('b', 2001);
    fs.add('c', 2002);
    fs.add('d', 2003);
    expect(fs.size).toBe(3);
    expect(fs.has('a', 2003)).toBe(false); // least recently seen went first
    const copy = new FirstSeen(3, 1000, JSON.parse(JSON.stringify(fs.snapshot())));
    expect(copy.values()).toEqual(fs.values());
    fs.age(5000);
    expect(fs.size).toBe(0);
  });
});
