// The transactional outbox: `publish` writes a row in the caller's transaction; the relay takes
// committed rows in id order (row locks let several relays share the work), hands them to a sink
// (local delivery or JetStream) and marks them relayed only after the sink accepted them.
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, type Db, type Tx } from '../db/db.ts';
import type { Logger } from '../log/log.ts';
import type { BusMessage, Hydrator, PublishOptions } from './port.ts';

export async function enqueue(tx: Tx, subject: string, data: unknown, id: string): Promise<void> {
  await tx.execute(sql`insert into outbox (msg_id, subject, payload) values (${id}, ${subject}, ${JSON.stringify(data)}::jsonb)`);
}

export type Sink = (batch: BusMessage[]) => Promise<void>;

const RECENT_MAX = 256;

export interface RelayOptions {
  readonly batchSize?: number;
  readonly idleMs?: number;
  /** Relayed rows older than this are deleted. */
  readonly keepRelayedMs?: number;
}

export class OutboxRelay {
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private lastCleanup = 0;
  private failures = 0;
  private readonly recent = new Map<string, unknown>();
  readonly hydrators = new Map<string, Hydrator>();

  private readonly db: Db;
  private readonly sink: Sink;
  private readonly log: Logger;
  private readonly opts: RelayOptions;

  constructor(db: Db, sink: Sink, log: Logger, opts: RelayOptions = {}) {
    this.db = db;
    this.sink = sink;
    this.log = log;
    this.opts = opts;
  }

  get healthy(): boolean {
    return this.failures < 5;
  }

  kick(): void {
    this.wake?.();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loop;
  }

  /** Relays until the outbox is empty; returns how many messages went out. */
  async drainOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.relayBatch();
      total += n;
      if (n === 0) return total;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let n = 0;
      try {
        n = await this.relayBatch();
        this.failures = 0;
        if (Date.now() - this.lastCleanup > 60_000) await this.cleanup();
      } catch (err) {
        this.failures += 1;
        this.log.warn({ err }, 'bus relay failed; retrying');
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** this.failures)));
      }
      if (n === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.opts.idleMs ?? 200);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  /** Writes a message in the caller's transaction; once committed, the relay takes it from memory. */
  async publish(tx: Tx, subject: string, data: unknown, id: string, opts?: PublishOptions): Promise<void> {
    await enqueue(tx, subject, opts && 'stored' in opts ? opts.stored : data, id);
    this.db.afterCommit(tx, () => {
      this.remember(id, data);
      this.kick();
    });
  }

  /**
   * Payloads published by this process and committed, kept until relayed so that the relay need not
   * read them back from the database (bounded; anything missing is read from the outbox row).
   */
  private remember(msgId: string, data: unknown): void {
    if (this.recent.size >= RECENT_MAX) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(msgId, data);
  }

  private async relayBatch(): Promise<number> {
    const limit = this.opts.batchSize ?? 100;
    // Claim with a lease (so several relays share the work and a crashed one's rows come back),
    // deliver outside any transaction (handlers open their own), then mark relayed.
    const batch = await this.db.tx(INSTANCE, (tx) =>
      rows<{ id: string; msg_id: string; subject: string }>(
        tx,
        sql`update outbox set claimed_until = now() + interval '30 seconds' where id in (
              select id from outbox where relayed_at is null and (claimed_until is null or claimed_until < now())
              order by id limit ${limit} for update skip locked)
            returning id, msg_id, subject`,
      ),
    );
    if (batch.length === 0) return 0;
    batch.sort((a, b) => Number(a.id) - Number(b.id));
    const ids = `{${batch.map((r) => r.id).join(',')}}`;
    const missing = batch.filter((r) => !this.recent.has(r.msg_id)).map((r) => r.id);
    const loaded = new Map<string, unknown>();
    if (missing.length > 0) {
      const found = await this.db.tx(INSTANCE, (tx) =>
        rows<{ id: string; payload: unknown }>(tx, sql`select id, payload from outbox where id = any(${`{${missing.join(',')}}`}::bigint[])`),
      );
      const subjectOf = new Map(batch.map((r) => [String(r.id), r.subject]));
      for (const f of found) {
        const hydrate = this.hydrators.get(subjectOf.get(String(f.id)) ?? '');
        loaded.set(String(f.id), hydrate ? await hydrate(f.payload) : f.payload);
      }
    }
    try {
      await this.sink(batch.map((r) => ({ id: r.msg_id, subject: r.subject, data: this.recent.has(r.msg_id) ? this.recent.get(r.msg_id) : loaded.get(String(r.id)) })));
    } catch (err) {
      await this.db.tx(INSTANCE, (tx) => tx.execute(sql`update outbox set claimed_until = null where id = any(${ids}::bigint[])`));
      throw err;
    }
    await this.db.tx(INSTANCE, (tx) => tx.execute(sql`update outbox set relayed_at = now() where id = any(${ids}::bigint[])`));
    for (const r of batch) this.recent.delete(r.msg_id);
    return batch.length;
  }

  private async cleanup(): Promise<void> {
    this.lastCleanup = Date.now();
    const keepMs = this.opts.keepRelayedMs ?? 3_600_000;
    await this.db.tx(INSTANCE, (tx) =>
      tx.execute(sql`delete from outbox where relayed_at is not null and relayed_at < now() - make_interval(secs => ${keepMs / 1000})`),
    );
  }
}
