// The security jobs over generated logs with injected attacks: precision and recall per attack.
import { describe, expect, it } from 'vitest';
import { openGeo } from '../geo/geo.ts';
import { formatScores } from './evaluate.ts';
import { generate } from './generate.ts';
import { scoreGenerated } from './score.ts';

describe('anomaly jobs on generated logs', () => {
  it('is deterministic for a seed', () => {
    const geo = openGeo();
    const a = generate(geo, { users: 10, days: 3, seed: 5 });
    const b = generate(geo, { users: 10, days: 3, seed: 5 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(generate(geo, { users: 10, days: 3, seed: 6 }).events)).not.toBe(JSON.stringify(a.events));
  });

  it('finds the injected password sprays, impossible travel, exfiltration and dormant accounts', () => {
    const run = scoreGenerated({ users: 150, days: 45, seed: 42 });
    console.log(`${run.events} events, ${run.truth.users} users, ${run.truth.days} days, seed ${run.truth.seed}: ${run.seconds.toFixed(1)} s (normalise + jobs)\n${formatScores(run.scores)}\nfindings by job: ${JSON.stringify(run.findingsByJob)}`);
    expect(run.scores.map((s) => s.kind).sort()).toEqual(['dormant_account', 'exfiltration', 'impossible_travel', 'password_spray']);
    for (const s of run.scores) {
      expect(s.recall, s.kind).toBeGreaterThanOrEqual(0.75);
      expect(s.precision, s.kind).toBeGreaterThanOrEqual(0.5);
    }
    const f = run.findings.find((x) => x.job === 'impossible_travel')!;
    expect(f.explanation.features['speed_kmh']).toBeGreaterThan(900);
    expect(f.explanation.influencers.length).toBeGreaterThan(2);
    const spray = run.findings.find((x) => x.job === 'password_spray')!;
    expect(spray.explanation.features['distinct_accounts']).toBeGreaterThanOrEqual(10);
  });
});
