// Scale-out bus: the outbox relay publishes committed messages to NATS JetStream (de-duplicated by
// message id); consumer groups are durable pull consumers shared by every process in the group.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamManager } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Db, Tx } from '../db/db.ts';
import type { Logger } from '../log/log.ts';
import { LocalDelivery } from './deliver.ts';
import { OutboxRelay } from './outbox.ts';
import type { Bus, BusMessage, Handler, Hydrator, PublishOptions } from './port.ts';

export interface NatsBusOptions {
  readonly url: string;
  /** Stream and subject prefix; tests use their own to stay apart. */
  readonly stream?: string;
}

const DUPLICATE_WINDOW_MS = 10 * 60_000;

export async function createNatsBus(db: Db, log: Logger, opts: NatsBusOptions): Promise<Bus> {
  const stream = opts.stream ?? 'BULWARK';
  const prefix = stream.toLowerCase();
  const nc: NatsConnection = await connect({ servers: opts.url, name: 'bulwark', maxReconnectAttempts: -1 });
  const jsm: JetStreamManager = await jetstreamManager(nc);
  await ensureStream(jsm, stream, prefix);
  const js = jetstream(nc);
  const enc = new TextEncoder();
  const local = new LocalDelivery(log);
  const consumers: ConsumerMessages[] = [];
  const subs: Subscription[] = [];
  const pending: Array<() => Promise<void>> = [];
  const loops: Promise<void>[] = [];
  let started = false;

  const relay = new OutboxRelay(db, async (batch) => {
    await Promise.all(batch.map((m) => js.publish(`${prefix}.${m.subject}`, enc.encode(JSON.stringify(m)), { msgID: m.id })));
  }, log);

  async function startConsumer(subject: string, group: string, handler: Handler): Promise<{ messages: ConsumerMessages; loop: Promise<void> }> {
    const durable = `${group}__${subject}`.replace(/[^A-Za-z0-9_-]/g, '_');
    try {
      await jsm.consumers.info(stream, durable);
    } catch {
      await jsm.consumers.add(stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: `${prefix}.${subject}`,
        ack_wait: nanos(60_000),
        max_ack_pending: 1000,
      });
    }
    const consumer = await js.consumers.get(stream, durable);
    // Small pulls so that the members of a group share the stream evenly.
    const messages = await consumer.consume({ max_messages: 8 });
    consumers.push(messages);
    const loop = (async () => {
      for await (const m of messages) {
        const msg = m.json<BusMessage>();
        const ok = await local.handle(group, handler, msg, 3);
        if (ok) m.ack();
        else m.nak(5_000);
      }
    })();
    loops.push(loop);
    return { messages, loop };
  }

  return {
    kind: 'nats',
    publish: (tx: Tx, subject: string, data: unknown, id: string, opts?: PublishOptions) => relay.publish(tx, subject, data, id, opts),
    consume<T>(subject: string, group: string, handler: Handler<T>) {
      let running: Promise<{ messages: ConsumerMessages; loop: Promise<void> } | undefined> | undefined;
      let cancelled = false;
      const go = async () => {
        if (cancelled) return;
        running = startConsumer(subject, group, handler as Handler).catch((err: unknown) => {
          log.error({ err, subject, group }, 'cannot start consumer');
          return undefined;
        });
        await running;
      };
      if (started) void go();
      else pending.push(go);
      return async () => {
        cancelled = true;
        const c = await running;
        if (!c) return;
        c.messages.stop();
        await c.loop.catch(() => undefined);
      };
    },
    hydrate(subject: string, fn: Hydrator) {
      relay.hydrators.set(subject, fn);
    },
    listen(subject, listener) {
      const off = local.listen(subject, listener);
      const sub = nc.subscribe(`${prefix}.${subject}`, {
        callback: (err, m) => {
          if (!err) local.notify(m.json<BusMessage>());
        },
      });
      subs.push(sub);
      return () => {
        off();
        sub.unsubscribe();
      };
    },
    async start() {
      started = true;
      for (const go of pending.splice(0)) await go();
      relay.start();
    },
    async stop() {
      await relay.stop();
      for (const c of consumers) c.stop();
      await Promise.allSettled(loops);
      await local.drained();
      for (const s of subs) s.unsubscribe();
      await nc.drain();
    },
    healthy: () => relay.healthy && !nc.isClosed(),
  };
}

async function ensureStream(jsm: JetStreamManager, stream: string, prefix: string): Promise<void> {
  const config = {
    subjects: [`${prefix}.>`],
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    max_age: nanos(7 * 24 * 3600_000),
  };
  try {
    await jsm.streams.info(stream);
    await jsm.streams.update(stream, config);
  } catch {
    await jsm.streams.add({ name: stream, ...config });
  }
}
