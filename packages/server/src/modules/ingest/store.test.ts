// The outbox keeps references to stored events; after a restart the relay rebuilds the full message
// from the events table, so a consumer sees the same events as it would have live.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInprocBus } from '../../platform/bus/inproc.ts';
import { createLogger } from '../../platform/log/log.ts';
import { INSTANCE, rows, SUBJECTS } from '../../platform/index.ts';
import { createOrganisation, databaseTiers, type TestDatabase } from '../../testing/databases.ts';
import { normalize } from './normalize.ts';
import { EventStore, hydrateEvents, type EventsMessage } from './store.ts';

const log = createLogger('silent');

for (const tier of databaseTiers()) {
  describe(`event store and its bus messages (${tier.name})`, () => {
    let t: TestDatabase;
    let orgId: string;
    beforeAll(async () => {
      t = await tier.open();
      orgId = await createOrganisation(t.db, 'o');
    });
    afterAll(async () => t?.cleanup());

    it('stores once, keeps only references in the outbox, and rebuilds the message after a restart', async () => {
      const before = createInprocBus(t.db, log); // never started: as if the process died after the commit
      const store = new EventStore(t.db, before);
      const now = new Date();
      const batch = [0, 1, 2].map((i) => normalize({ native: { i, message: `m${i}`, host: { name: 'h' } }, format: 'json', source: 'test' }, now));
      const first = await store.store(orgId, batch);
      expect(first.inserted).toHaveLength(3);
      expect((await store.store(orgId, batch)).duplicates).toBe(3);
      const [row] = await t.db.tx(INSTANCE, (tx) => rows<{ payload: { refs: unknown[]; events?: unknown } }>(tx, sql`select payload from outbox`));
      expect(row!.payload.refs).toHaveLength(3);
      expect(row!.payload.events).toBeUndefined();

      const after = createInprocBus(t.db, log);
      after.hydrate(SUBJECTS.eventNormalized, (s) => hydrateEvents(t.db, s));
      const got: EventsMessage[] = [];
      after.consume<EventsMessage>(SUBJECTS.eventNormalized, 'test', async (m) => void got.push(m.data));
      await after.start();
      for (let i = 0; i < 200 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await after.stop();
      expect(got).toHaveLength(1);
      expect(got[0]!.events.map((e) => e.native['i'])).toEqual([0, 1, 2]);
      expect(got[0]!.events[0]).toMatchObject({ eventId: batch[0]!.eventId, source: 'test', time: now.toISOString(), ocsf: { device: { hostname: 'h' } } });
    });
  });
}
