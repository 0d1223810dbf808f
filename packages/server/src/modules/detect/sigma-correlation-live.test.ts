// Sigma correlation rules in the live pipeline: base matches of each organisation feed its own
// correlation state; crossing the threshold raises one alert listing the events behind it, and a base
// rule that only feeds the correlation raises nothing by itself.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTiers } from '../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../testing/app.ts';

const RULES = `title: Failed logon
id: 5a7e1f10-0000-4000-8000-00000000f101
name: failed_logon_live
status: test
level: low
logsource: { product: windows, service: security }
detection:
  selection: { EventID: 4625 }
  condition: selection
---
title: Password guessing against one account
id: 5a7e1f10-0000-4000-8000-00000000c101
status: test
level: high
correlation:
  type: event_count
  rules: [failed_logon_live]
  group-by: [TargetUserName]
  timespan: 5m
  condition: { gte: 3 }
`;

describe('Sigma correlation rules in the live pipeline', () => {
  let t: TestApp;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-sigma-corr-'));
    writeFileSync(join(dir, 'rules.yml'), RULES);
    t = await startTestApp(databaseTiers()[0]!, { env: { BULWARK_SIGMA_RULES: dir } });
    call = client(t.url, { token: t.adminToken });
  });
  afterAll(async () => t?.close());

  it('raises one correlation alert per account crossing the threshold, and no base alerts', async () => {
    const base = Date.now() - 60_000;
    const logon = (user: string, i: number) => ({ Channel: 'Security', EventID: 4625, Computer: 'dc1', TargetUserName: user, '@timestamp': new Date(base + i * 1000).toISOString() });
    await call('POST', '/api/v1/events', [logon('alice', 0), logon('bob', 1), logon('alice', 2)]);
    await call('POST', '/api/v1/events', [logon('alice', 3), logon('bob', 4), logon('alice', 5)]);
    type A = { ruleId: string; title: string; severity: string; eventIds: string[]; fields: Record<string, unknown> };
    let found: A[] = [];
    for (let i = 0; i < 200 && found.length === 0; i++) {
      found = (await call<{ alerts: A[] }>('GET', '/api/v1/alerts?detector=sigma')).body.alerts;
      if (found.length === 0) await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 500));
    found = (await call<{ alerts: A[] }>('GET', '/api/v1/alerts?detector=sigma')).body.alerts;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: '5a7e1f10-0000-4000-8000-00000000c101', title: 'Password guessing against one account', severity: 'high' });
    expect(found[0]!.eventIds).toHaveLength(3);
    expect(found[0]!.fields).toMatchObject({ correlation: 'event_count', value: 3, TargetUserName: 'alice' });
  });
});
