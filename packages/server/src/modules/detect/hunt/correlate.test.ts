// Correlation rules in the offline hunt: base matches from several files, put in time order, feed
// the correlation engine; a threshold crossed once gives one detection.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hunt } from './run.ts';

const RULES = `title: Failed logon
id: 5a7e1f10-0000-4000-8000-00000000f001
name: failed_logon
status: test
level: low
logsource: { product: windows, service: security }
detection:
  selection: { EventID: 4625 }
  condition: selection
---
title: Many failed logons for one account
id: 5a7e1f10-0000-4000-8000-00000000c001
status: test
level: high
correlation:
  type: event_count
  rules: [failed_logon]
  group-by: [TargetUserName]
  timespan: 5m
  condition: { gte: 3 }
`;

const logon = (user: string, minute: number) =>
  JSON.stringify({ Channel: 'Security', EventID: 4625, Computer: 'dc1', TargetUserName: user, '@timestamp': new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString() });

describe('hunt with correlation rules', () => {
  it('raises one detection when an account fails three times within five minutes, across files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-corr-'));
    writeFileSync(join(dir, 'rules.yml'), RULES);
    // Out of order across files: the hunt sorts base matches by time before correlating.
    writeFileSync(join(dir, 'a.ndjson'), [logon('alice', 3), logon('bob', 0), logon('alice', 0)].join('\n'));
    writeFileSync(join(dir, 'b.ndjson'), [logon('alice', 1), logon('bob', 30), logon('alice', 2), logon('bob', 40)].join('\n'));
    const result = await hunt([join(dir, 'a.ndjson'), join(dir, 'b.ndjson')], { rules: [join(dir, 'rules.yml')] });
    expect(result.correlations).toBe(1);
    expect(result.detections.filter((d) => d.ruleId.endsWith('f001'))).toHaveLength(7);
    const corr = result.detections.filter((d) => d.tags.includes('sigma.correlation'));
    expect(corr).toHaveLength(1);
    expect(corr[0]).toMatchObject({ ruleId: '5a7e1f10-0000-4000-8000-00000000c001', level: 'high', time: '2026-01-01T10:02:00.000Z' });
    expect(corr[0]!.title).toContain('TargetUserName=alice');
  });
});
