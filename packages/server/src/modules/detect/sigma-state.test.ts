// Correlation state survives a restart: a detector saves it on close, the next one resumes the window.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, databaseTiers, type TestDatabase } from '../../testing/databases.ts';
import type { EventWire } from '../ingest/index.ts';
import { pino } from 'pino';
import { SigmaCatalog } from './sigma-catalog.ts';
import { createSigmaDetector } from './sigma-detector.ts';
import { dbStateStore } from './state-store.ts';

const RULES = `title: Failed logon
id: 5a7e1f10-0000-4000-8000-00000000f201
name: failed_logon_state
level: low
logsource: { product: windows, service: security }
detection: { selection: { EventID: 4625 }, condition: selection }
---
title: Three failures
id: 5a7e1f10-0000-4000-8000-00000000c201
level: high
correlation: { type: event_count, rules: [failed_logon_state], group-by: [TargetUserName], timespan: 10m, condition: { gte: 3 } }
`;

const event = (i: number): EventWire => ({
  eventId: `e${i}`, time: new Date(Date.UTC(2026, 0, 1, 9, i)).toISOString(), receivedAt: new Date().toISOString(), source: 't', format: 'json',
  classUid: 0, severityId: 0, message: null, native: { Channel: 'Security', EventID: 4625, TargetUserName: 'carol' }, ocsf: {} as EventWire['ocsf'],
});

for (const tier of databaseTiers()) {
  describe(`Sigma correlation state across restarts (${tier.name})`, () => {
    let t: TestDatabase;
    let orgId: string;
    beforeAll(async () => {
      t = await tier.open();
      orgId = await createOrganisation(t.db, 'o');
    });
    afterAll(async () => t?.cleanup());

    it('resumes the window after a restart and counts a re-delivered event once', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bw-state-'));
      writeFileSync(join(dir, 'r.yml'), RULES);
      const log = pino({ level: 'silent' });
      const store = dbStateStore(t.db);
      const start = () => createSigmaDetector({ catalog: new SigmaCatalog([dir], {}, log), db: t.db, log, store });
      const first = await start();
      expect(await first.detect(orgId, [event(0), event(1)])).toEqual([]);
      await first.close();
      const second = await start();
      // e1 again (at-least-once delivery), then a genuinely new failure.
      expect(await second.detect(orgId, [event(1)])).toEqual([]);
      const alerts = await second.detect(orgId, [event(2)]);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ ruleId: '5a7e1f10-0000-4000-8000-00000000c201', eventIds: ['e0', 'e1', 'e2'] });
      await second.close();
    });
  });
}
