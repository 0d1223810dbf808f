// Rule statistics: evaluations and hits counted per organisation, evaluation time estimated from
// samples (rare rules included), and the matcher's required literals kept for the router's index.
import { describe, expect, it } from 'vitest';
import { RuleMeter, ruleKey } from './sigma-meter.ts';
import { compileSources } from './sigma/compile.ts';
import { needOf } from './sigma/required.ts';
import { fieldResolver } from './sigma/resolver.ts';

const RULE = `title: Whoami
id: 11111111-0000-4000-8000-000000000001
logsource: { category: process_creation, product: windows }
detection: { selection: { Image|endswith: '\\\\whoami.exe' }, condition: selection }
`;

describe('RuleMeter', () => {
  const [compiled] = compileSources([{ file: 'r.yml', text: RULE }]).rules;

  it('counts evaluations and hits per organisation and estimates the time spent', () => {
    const meter = new RuleMeter();
    const rule = meter.instrument(compiled!);
    const hit = fieldResolver({ Image: 'C:\\\\Windows\\\\whoami.exe' });
    const miss = fieldResolver({ Image: 'C:\\\\Windows\\\\cmd.exe' });
    meter.begin('org-a');
    for (let i = 0; i < 100; i++) expect(rule.matcher(i % 10 === 0 ? hit : miss)).toBe(i % 10 === 0);
    meter.hit(ruleKey(rule.rule), new Date(0));
    meter.begin('org-b');
    expect(rule.matcher(hit)).toBe(true);
    const drained = meter.drain();
    const a = drained.get('org-a')![0]!;
    expect(a).toMatchObject({ key: '11111111-0000-4000-8000-000000000001', evaluations: 100, hits: 1, lastHitAt: new Date(0) });
    expect(a.costNs).toBeGreaterThan(0);
    // A rule evaluated once is timed once: its estimate is not zero.
    expect(drained.get('org-b')![0]!).toMatchObject({ evaluations: 1, hits: 0 });
    expect(drained.get('org-b')![0]!.costNs).toBeGreaterThan(0);
    expect(meter.drain().size).toBe(0);
  });

  it('keeps the required literals of the matcher it wraps', () => {
    const rule = new RuleMeter().instrument(compiled!);
    expect(needOf(compiled!.matcher)).toBeDefined();
    expect(needOf(rule.matcher)).toEqual(needOf(compiled!.matcher));
  });
});
