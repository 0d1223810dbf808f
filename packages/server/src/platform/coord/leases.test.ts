// Partition leases on the real databases: partitions are shared fairly, never owned twice, handed over
// when a process stops, and taken over after the TTL when a process stops renewing (crash).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/log.ts';
import { databaseTiers, type TestDatabase } from '../../testing/databases.ts';
import { PartitionLeases } from './leases.ts';

const log = createLogger('silent');
const PARTS = 8;

for (const tier of databaseTiers()) {
  describe(`partition leases (${tier.name})`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await tier.open();
    });
    afterAll(async () => t?.cleanup());

    function member(name: string, working: Map<number, string>, id: string) {
      return new PartitionLeases(t.db, {
        name, partitions: PARTS, ttlMs: 800, renewMs: 100_000, log,
        onGain: async (p) => {
          const other = working.get(p);
          if (other) throw new Error(`partition ${p} gained by ${id} while ${other} works it`);
          working.set(p, id);
        },
        onLose: async (p) => {
          if (working.get(p) === id) working.delete(p);
        },
      });
    }

    it('shares partitions fairly and hands them over on stop', async () => {
      const working = new Map<number, string>();
      const a = member('share', working, 'a');
      const b = member('share', working, 'b');
      await a.round();
      expect(a.parts().size).toBe(PARTS);
      await b.round(); // two members now: b may take what is free (nothing yet)
      await a.round(); // a gives back its extras
      await b.round();
      expect(a.parts().size).toBe(PARTS / 2);
      expect(b.parts().size).toBe(PARTS / 2);
      expect(new Set([...a.parts(), ...b.parts()]).size).toBe(PARTS);
      await a.stop();
      await b.round();
      expect(b.parts().size).toBe(PARTS);
      expect([...working.values()].every((w) => w === 'b')).toBe(true);
      await b.stop();
    });

    it('takes over the partitions of a process that stopped renewing, only after their TTL', async () => {
      const working = new Map<number, string>();
      const crashed = member('crash', working, 'crashed');
      await crashed.round();
      expect(crashed.parts().size).toBe(PARTS);
      // The crashed process never runs again; its onLose is never called, so `working` still names it.
      const survivor = member('crash', new Map(), 'survivor');
      await survivor.round();
      expect(survivor.parts().size).toBe(0);
      await new Promise((r) => setTimeout(r, 900));
      await survivor.round();
      await survivor.round();
      expect(survivor.parts().size).toBe(PARTS);
      // A process that wakes up after its TTL stops working its partitions before anything else.
      await crashed.round();
      expect(crashed.parts().size).toBe(0);
      expect(crashed.owns(0)).toBe(false);
      await survivor.stop();
      await crashed.stop();
    });
  });
}
