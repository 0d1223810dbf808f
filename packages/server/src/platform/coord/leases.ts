// Partition leases: a piece of work split into N partitions, each owned by at most one live process at
// a time, shared fairly among the processes taking part. Owners renew their leases; a process that stops
// renewing (crash, pause) loses them after the TTL and the others take them over. A process stops
// working a partition as soon as it cannot be sure it still owns it (its lease may have expired).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, type Db } from '../db/db.ts';
import type { Logger } from '../log/log.ts';

export interface LeaseOptions {
  /** The piece of work, e.g. "sigma-correlation". */
  readonly name: string;
  readonly partitions: number;
  /** A lease not renewed for this long is free to take. */
  readonly ttlMs?: number;
  /** How often leases are renewed, free ones claimed and extras released. */
  readonly renewMs?: number;
  /** Starts working a partition (e.g. load its state, start consuming); the lease is held when this is called. */
  readonly onGain: (part: number) => Promise<void>;
  /** Stops working a partition (stop consuming, save its state); called before the lease is given up. */
  readonly onLose: (part: number) => Promise<void>;
  readonly log: Logger;
}

export class PartitionLeases {
  readonly owner = `${process.pid}-${randomUUID()}`;
  private readonly held = new Set<number>();
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private readonly db: Db;
  private readonly o: LeaseOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private lastRenewal = 0;
  private stopped = false;

  constructor(db: Db, options: LeaseOptions) {
    this.db = db;
    this.o = options;
    this.ttlMs = options.ttlMs ?? 15_000;
    this.renewMs = options.renewMs ?? Math.max(100, Math.floor(this.ttlMs / 3));
  }

  /** The partitions this process works now. */
  parts(): ReadonlySet<number> {
    return this.held;
  }

  owns(part: number): boolean {
    return this.held.has(part) && Date.now() - this.lastRenewal < this.ttlMs;
  }

  /** Takes a first share of the partitions, then keeps renewing in the background. */
  async start(): Promise<void> {
    // A failed first round (e.g. the database busy) is retried on the next tick, not fatal.
    await this.round().catch((err: unknown) => this.o.log.warn({ err, work: this.o.name }, 'partition lease round failed'));
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.round()).catch((err: unknown) => this.o.log.warn({ err, work: this.o.name }, 'partition lease round failed'));
    }, this.renewMs);
    this.timer.unref();
  }

  /** Stops working every partition and frees the leases for the other processes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running.catch(() => undefined);
    for (const p of [...this.held]) await this.lose(p);
    await this.db.tx(INSTANCE, async (tx) => {
      await tx.execute(sql`delete from work_leases where name = ${this.o.name} and owner = ${this.owner}`);
      await tx.execute(sql`delete from work_members where name = ${this.o.name} and owner = ${this.owner}`);
    });
  }

  private async lose(part: number): Promise<void> {
    this.held.delete(part);
    try {
      await this.o.onLose(part);
    } catch (err) {
      this.o.log.warn({ err, work: this.o.name, part }, 'stopping work on a partition failed');
    }
  }

  /** One round: heartbeat, renew, give back extras, claim a fair share. */
  async round(): Promise<void> {
    if (this.stopped) return;
    const { name, partitions } = this.o;
    const ttl = `${this.ttlMs} milliseconds`;
    // Past the TTL since the last successful renewal, another process may own our partitions already.
    if (this.held.size && Date.now() - this.lastRenewal >= this.ttlMs) for (const p of [...this.held]) await this.lose(p);
    const started = Date.now();
    const { renewed, alive } = await this.db.tx(INSTANCE, async (tx) => {
      await tx.execute(sql`insert into work_members (name, owner, seen_at) values (${name}, ${this.owner}, clock_timestamp())
        on conflict (name, owner) do update set seen_at = excluded.seen_at`);
      await tx.execute(sql`delete from work_members where name = ${name} and seen_at < clock_timestamp() - ${ttl}::interval * 4`);
      const [count] = await rows<{ n: number | string }>(tx, sql`select count(*) as n from work_members where name = ${name} and seen_at >= clock_timestamp() - ${ttl}::interval`);
      const kept = await rows<{ part: number }>(tx, sql`update work_leases set expires_at = clock_timestamp() + ${ttl}::interval
        where name = ${name} and owner = ${this.owner} and expires_at > clock_timestamp() returning part`);
      return { renewed: new Set(kept.map((r) => Number(r.part))), alive: Math.max(1, Number(count?.n ?? 1)) };
    });
    this.lastRenewal = started;
    for (const p of [...this.held]) if (!renewed.has(p)) await this.lose(p);
    for (const p of renewed) if (!this.held.has(p)) {
      // Held in the table but not here (e.g. a gain that failed): work it now.
      this.held.add(p);
      await this.gain(p);
    }
    const share = Math.ceil(partitions / alive);
    if (this.held.size > share) {
      const extra = [...this.held].sort((a, b) => b - a).slice(0, this.held.size - share);
      for (const p of extra) await this.lose(p);
      await this.db.tx(INSTANCE, (tx) => tx.execute(sql`delete from work_leases where name = ${name} and owner = ${this.owner} and part = any(${`{${extra.join(',')}}`}::int[])`));
      return;
    }
    const want = share - this.held.size;
    if (want <= 0 || this.stopped) return;
    const claimed = await this.db.tx(INSTANCE, async (tx) => {
      const free = await rows<{ part: number }>(tx, sql`select g as part from generate_series(0, ${partitions - 1}) as g
        where not exists (select 1 from work_leases l where l.name = ${name} and l.part = g and l.expires_at > clock_timestamp())
        order by random() limit ${want}`);
      const got: number[] = [];
      // Claimed in ascending order whatever the random pick: processes claiming at once lock rows in the
      // same order and never deadlock.
      for (const { part } of [...free].sort((x, y) => Number(x.part) - Number(y.part))) {
        const r = await rows<{ part: number }>(tx, sql`insert into work_leases (name, part, owner, expires_at) values (${name}, ${part}, ${this.owner}, clock_timestamp() + ${ttl}::interval)
          on conflict (name, part) do update set owner = excluded.owner, expires_at = excluded.expires_at where work_leases.expires_at <= clock_timestamp()
          returning part`);
        if (r.length) got.push(Number(part));
      }
      return got;
    });
    for (const p of claimed.sort((a, b) => a - b)) {
      this.held.add(p);
      await this.gain(p);
    }
  }

  private async gain(part: number): Promise<void> {
    try {
      await this.o.onGain(part);
    } catch (err) {
      this.o.log.warn({ err, work: this.o.name, part }, 'starting work on a partition failed; giving it back');
      this.held.delete(part);
      await this.db.tx(INSTANCE, (tx) => tx.execute(sql`delete from work_leases where name = ${this.o.name} and owner = ${this.owner} and part = ${part}`));
    }
  }
}
