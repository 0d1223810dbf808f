// The security jobs over generated logs with injected attacks: precision and recall per attack.
import { describe, expect, it } from 'vitest';
import { normalize, type EventWire } from '../../ingest/index.ts';
import { OrgEngine } from '../engine.ts';
import { openGeo } from '../geo/geo.ts';
import type { Finding } from '../jobs/index.ts';
import { EMPTY_POLICY } from '../policy.ts';
import { evaluate, formatScores } from './evaluate.ts';
import { generate } from './generate.ts';

export function wire(native: Record<string, unknown>, receivedAt: Date): EventWire {
  const n = normalize({ native, format: 'json', source: 'generator' }, receivedAt);
  return { ...n, time: n.time.toISOString(), receivedAt: n.receivedAt.toISOString() };
}

describe('anomaly jobs on generated logs', () => {
  const geo = openGeo();

  it('is deterministic for a seed', () => {
    const a = generate(geo, { users: 10, days: 3, seed: 5 });
    const b = generate(geo, { users: 10, days: 3, seed: 5 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(generate(geo, { users: 10, days: 3, seed: 6 }).events.length).not.toBe(0);
  });

  it('finds the injected password sprays, impossible travel, exfiltration and dormant accounts', () => {
    const { events, truth } = generate(geo, { users: 150, days: 45, seed: 42 });
    const received = new Date(Date.parse(truth.start) + 60 * 86_400_000);
    const engine = new OrgEngine({ geo: () => geo });
    const policy = { ...EMPTY_POLICY, allow: truth.allow };
    const findings: Finding[] = [];
    const started = performance.now();
    for (let i = 0; i < events.length; i += 500) findings.push(...engine.run(events.slice(i, i + 500).map((e) => wire(e, received)), policy));
    const ms = performance.now() - started;
    const scores = evaluate(findings, truth.attacks);
    const byJob = new Map<string, number>();
    for (const f of findings) byJob.set(f.job, (byJob.get(f.job) ?? 0) + 1);
    console.log(`${events.length} events, ${truth.users} users, ${truth.days} days, seed ${truth.seed}: ${Math.round(ms)} ms (normalise + jobs)\n${formatScores(scores)}\nfindings by job: ${JSON.stringify(Object.fromEntries(byJob))}`);
    for (const s of scores) {
      expect(s.recall, s.kind).toBeGreaterThanOrEqual(0.75);
      expect(s.precision, s.kind).toBeGreaterThanOrEqual(0.5);
    }
    const f = findings.find((x) => x.job === 'impossible_travel')!;
    expect(f.explanation.features['speed_kmh']).toBeGreaterThan(900);
    expect(f.explanation.influencers.length).toBeGreaterThan(2);
  });
});
