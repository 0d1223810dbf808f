// The per-organisation engine: state written as JSON and read back continues exactly where it was
// (same findings as an uninterrupted run), memory stays bounded, and policy (threshold, disabled
// jobs, allow-list, suppressions) applies.
import { describe, expect, it } from 'vitest';
import { OrgEngine, PARTITIONS, ORG_PART, type StateRow } from './engine.ts';
import { scoreGenerated, wire } from './generator/score.ts';
import { generate } from './generator/generate.ts';
import { openGeo } from './geo/geo.ts';
import { EMPTY_POLICY, suppressKey, type Policy } from './policy.ts';

const geo = openGeo();
const { events, truth } = generate(geo, { users: 40, days: 44, seed: 11 });
const received = new Date(Date.parse(truth.start) + 60 * 86_400_000);
const wired = events.map((e) => wire(e, received));
const policy: Policy = { ...EMPTY_POLICY, allow: truth.allow };
const key = (f: { job: string; entity: string; time: number }) => `${f.job}/${f.entity}/${f.time}`;

describe('anomaly engine', () => {
  it('resumes from saved partitions with the same findings as an uninterrupted run', () => {
    const whole = new OrgEngine({ geo: () => geo }).run(wired, policy).map(key);
    expect(whole.length).toBeGreaterThan(5);
    const first = new OrgEngine({ geo: () => geo });
    const half = Math.floor(wired.length / 2);
    const found = first.run(wired.slice(0, half), policy).map(key);
    const saved: StateRow[] = JSON.parse(JSON.stringify(first.changed(true)));
    expect(saved.every((r) => (r.part >= 0 && r.part < PARTITIONS) || r.part === ORG_PART)).toBe(true);
    const second = new OrgEngine({ geo: () => geo });
    second.restore(saved);
    found.push(...second.run(wired.slice(half), policy).map(key));
    expect(found).toEqual(whole);
    // Only the partitions touched since are written next time.
    second.changed();
    second.run(wired.slice(-1), policy);
    expect(second.changed().filter((r) => r.part !== ORG_PART).length).toBeLessThanOrEqual(9);
  });

  it('keeps at most maxEntities per job', () => {
    const small = new OrgEngine({ geo: () => geo, maxEntities: 10 });
    small.run(wired.slice(0, 5000), policy);
    for (const j of small.jobs) expect(j.size).toBeLessThanOrEqual(10);
  });

  it('applies thresholds, disabled jobs, allow-list entries and suppressions', () => {
    const base = scoreGenerated({ users: 40, days: 44, seed: 11 }).findings;
    const travel = base.filter((f) => f.job === 'impossible_travel');
    expect(travel.length).toBeGreaterThan(0);
    const run = (p: Partial<Policy>) => new OrgEngine({ geo: () => geo }).run(wired, { ...policy, ...p });
    expect(run({ settings: new Map([['impossible_travel', { enabled: false, threshold: null }]]) }).some((f) => f.job === 'impossible_travel')).toBe(false);
    expect(run({ settings: new Map([['dormant_account', { enabled: true, threshold: 101 }]]) }).some((f) => f.job === 'dormant_account')).toBe(false);
    const t = travel[0]!;
    expect(run({ suppressed: new Set([suppressKey(t.job, t.entity, t.feature)]) }).some((f) => f.job === t.job && f.entity === t.entity && f.feature === t.feature)).toBe(false);
    expect(run({ allow: [...truth.allow, { job: 'impossible_travel', entity: t.entity, value: '*' }] }).some((f) => f.job === 'impossible_travel' && f.entity === t.entity)).toBe(false);
    // Without the VPN allow-list entry, logins through the VPN egress (abroad) look like travel.
    expect(run({ allow: [] }).filter((f) => f.job === 'impossible_travel').length).toBeGreaterThan(travel.length);
  });
});
