import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTiers, type TestDatabase } from '../../testing/databases.ts';
import { deleteStream, natsUrl, testStreamName } from '../../testing/nats.ts';
import { INSTANCE } from '../db/db.ts';
import { createLogger } from '../log/log.ts';
import { createInprocBus } from './inproc.ts';
import { createNatsBus } from './nats.ts';
import type { Bus, BusMessage } from './port.ts';

const log = createLogger('silent');
const tier = databaseTiers()[0]!;

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Factory = { name: string; make(t: TestDatabase, stream: string): Promise<Bus>; enabled: boolean };
const factories: Factory[] = [
  { name: 'inproc', enabled: true, make: async (t) => createInprocBus(t.db, log) },
  { name: 'nats', enabled: natsUrl !== undefined, make: (t, stream) => createNatsBus(t.db, log, { url: natsUrl!, stream }) },
];

for (const f of factories.filter((x) => x.enabled)) {
  describe(`bus (${f.name})`, () => {
    let t: TestDatabase;
    const stream = testStreamName();
    beforeAll(async () => {
      t = await tier.open();
    });
    afterAll(async () => {
      await t?.cleanup();
      if (f.name === 'nats') await deleteStream(natsUrl!, stream);
    });

    it('delivers what committed, never what rolled back, and de-duplicates by id', async () => {
      const bus = await f.make(t, stream);
      const got: BusMessage<{ n: number }>[] = [];
      const heard: number[] = [];
      bus.consume<{ n: number }>('test.subject', 'g1', async (m) => void got.push(m));
      bus.listen<{ n: number }>('test.subject', (m) => void heard.push(m.data.n));
      await bus.start();
      await t.db.tx(INSTANCE, async (tx) => {
        await bus.publish(tx, 'test.subject', { n: 1 }, 'id-1');
        await bus.publish(tx, 'test.subject', { n: 2 }, 'id-2');
      });
      await expect(
        t.db.tx(INSTANCE, async (tx) => {
          await bus.publish(tx, 'test.subject', { n: 3 }, 'id-3');
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      await until(() => got.length >= 2);
      await new Promise((r) => setTimeout(r, 300));
      expect(got.map((m) => m.data.n)).toEqual([1, 2]);
      expect(heard).toEqual([1, 2]);
      await bus.stop();
    });

    it('retries a failing handler until it succeeds', async () => {
      const bus = await f.make(t, stream);
      let calls = 0;
      const done: string[] = [];
      bus.consume('test.retry', 'g2', async (m) => {
        calls += 1;
        if (calls < 3) throw new Error('transient');
        done.push(m.id);
      });
      await bus.start();
      await t.db.tx(INSTANCE, (tx) => bus.publish(tx, 'test.retry', {}, 'r-1'));
      await until(() => done.length === 1);
      expect(calls).toBe(3);
      await bus.stop();
    });

    if (f.name === 'nats') {
      it('shares a consumer group between two buses, each message handled once', async () => {
        const a = await f.make(t, stream);
        const b = await f.make(t, stream);
        const seen = new Map<string, number>();
        const byA: string[] = [];
        const byB: string[] = [];
        const record = (who: string[]) => async (m: BusMessage) => {
          seen.set(m.id, (seen.get(m.id) ?? 0) + 1);
          who.push(m.id);
          await new Promise((r) => setTimeout(r, 2));
        };
        a.consume('test.shared', 'workers', record(byA));
        b.consume('test.shared', 'workers', record(byB));
        await a.start();
        await b.start();
        for (let i = 0; i < 20; i++) {
          await t.db.tx(INSTANCE, async (tx) => {
            for (let j = 0; j < 10; j++) await a.publish(tx, 'test.shared', { i, j }, `s-${i}-${j}`);
          });
        }
        await until(() => seen.size === 200, 20_000);
        await new Promise((r) => setTimeout(r, 500));
        expect([...seen.values()].every((n) => n === 1)).toBe(true);
        expect(byA.length + byB.length).toBe(200);
        await a.stop();
        await b.stop();
      });
    }
  });
}
