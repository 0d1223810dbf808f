import { describe, expect, it } from 'vitest';
import type { Alert } from '@bulwark/contracts';
import { MAX_PER_KIND, buildGraph, labelPlacement, ruleLabel, shortLabel } from './incident-graph.ts';

function alert(ruleId: string, fields: Record<string, unknown>): Alert {
  const t = '2026-01-01T00:00:00.000Z';
  return { id: `a-${ruleId}-${JSON.stringify(fields)}`, detector: 'sigma', ruleId, title: ruleId, severity: 'high', status: 'open', assigneeId: null, eventIds: ['e'], tags: [], references: [], fields, eventTime: t, createdAt: t, updatedAt: t };
}

const list = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}-${i}`);

describe('incident entity graph', () => {
  it('puts the incident in the centre with a spoke to every entity and rule, and rule edges to what its alerts name', () => {
    const g = buildGraph(
      { number: 5, title: 'x', entities: { hosts: ['ws-1'], users: ['alice'], ips: ['10.0.0.1'], indicators: [] } },
      [alert('r1', { Computer: 'ws-1', User: 'alice' }), alert('r1', { Computer: 'ws-1' }), alert('r2', { IpAddress: '10.0.0.1', Computer: 'elsewhere' })],
    );
    expect(g.nodes[0]).toMatchObject({ id: 'incident', label: 'INC-5', x: g.width / 2, y: g.height / 2 });
    expect(g.nodes.map((n) => n.kind).sort()).toEqual(['host', 'incident', 'ip', 'rule', 'rule', 'user']);
    expect(g.edges.filter((e) => e.from === 'incident')).toHaveLength(5);
    const ruleEdges = g.edges.filter((e) => e.from !== 'incident').map((e) => `${e.from} ${e.label} ${e.to}`).sort();
    expect(ruleEdges).toEqual(['rule:sigma:r1 by user user:alice', 'rule:sigma:r1 seen on host:ws-1', 'rule:sigma:r2 address ip:10.0.0.1']);
    expect(g.edges.every((e) => e.label.length > 0)).toBe(true);
    // One visible label per sector of spokes; rule edges labelled while few.
    expect(g.edges.filter((e) => e.from === 'incident' && e.showLabel)).toHaveLength(4);
    expect(g.edges.filter((e) => e.from !== 'incident').every((e) => e.showLabel)).toBe(true);
  });

  it('keeps at most ten per kind, says how many were left out, and keeps nodes apart and on the canvas', () => {
    const alerts = list('rule', 14).map((r, i) => alert(r, { Computer: `h-${i}`, User: `u-${i}` }));
    const g = buildGraph({ number: 1, title: 'x', entities: { hosts: list('h', 30), users: list('u', 12), ips: list('ip', 10), indicators: list('ind', 10) } }, alerts);
    expect(g.nodes).toHaveLength(1 + 5 * MAX_PER_KIND);
    expect(g.omitted).toEqual({ host: 20, user: 2, rule: 4 });
    for (const n of g.nodes) {
      expect(n.x).toBeGreaterThan(0);
      expect(n.x).toBeLessThan(g.width);
      expect(n.y).toBeGreaterThan(0);
      expect(n.y).toBeLessThan(g.height);
    }
    let min = Infinity;
    for (let i = 0; i < g.nodes.length; i++) for (let j = i + 1; j < g.nodes.length; j++) {
      min = Math.min(min, Math.hypot(g.nodes[i]!.x - g.nodes[j]!.x, g.nodes[i]!.y - g.nodes[j]!.y));
    }
    expect(min).toBeGreaterThan(40);
    expect(new Set(g.nodes.map((n) => n.id)).size).toBe(g.nodes.length);
    // Many rule edges: drawn, but their labels only in tooltips.
    expect(g.edges.filter((e) => e.from !== 'incident')).toHaveLength(20);
    expect(g.edges.filter((e) => e.from !== 'incident' && e.showLabel)).toHaveLength(0);
  });

  it('draws just the incident when nothing is known, and shortens long labels', () => {
    const g = buildGraph({ number: 2, title: 'x', entities: { hosts: [], users: [], ips: [], indicators: [] } }, []);
    expect(g.nodes).toHaveLength(1);
    expect(g.edges).toHaveLength(0);
    expect(shortLabel('abcdefghij', 5)).toBe('abcd…');
    expect(shortLabel('abc', 5)).toBe('abc');
    expect(ruleLabel({ ruleId: '6c1d0f3b-0000-4000-8000-0000000000c1', title: 'Whoami Execution' })).toBe('Whoami Execution');
    expect(ruleLabel({ ruleId: 'critical-source-severity', title: 'Critical event from x' })).toBe('critical-source-severity');
  });

  it('sets labels level beside nodes left and right, along the radius above and below, always pointing outward', () => {
    expect(labelPlacement({ x: 100, y: 100, angle: 0 })).toEqual({ x: 114, y: 100, anchor: 'start', rotate: 0 });
    expect(labelPlacement({ x: 100, y: 100, angle: Math.PI })).toMatchObject({ anchor: 'end', rotate: 0 });
    expect(labelPlacement({ x: 100, y: 100, angle: Math.PI / 2 })).toMatchObject({ anchor: 'start', rotate: 90 });
    const upLeft = labelPlacement({ x: 100, y: 100, angle: (-2 * Math.PI) / 3 });
    expect(upLeft.anchor).toBe('end');
    expect(upLeft.rotate).toBeCloseTo(60);
    expect(upLeft.x).toBeLessThan(100);
    expect(upLeft.y).toBeLessThan(100);
  });

  it('grows the ring with the number of nodes', () => {
    const small = buildGraph({ number: 1, title: 'x', entities: { hosts: ['a'], users: ['b'], ips: [], indicators: [] } }, []);
    const big = buildGraph({ number: 1, title: 'x', entities: { hosts: list('h', 10), users: list('u', 10), ips: list('i', 10), indicators: list('d', 10) } }, []);
    expect(small.width).toBeLessThan(big.width);
    expect(big.width).toBeLessThanOrEqual(1000);
  });
});
