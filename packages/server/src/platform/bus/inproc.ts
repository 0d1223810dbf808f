// One-machine bus: the outbox relay delivers committed messages to this process's consumer groups.
import type { Db, Tx } from '../db/db.ts';
import type { Logger } from '../log/log.ts';
import { LocalDelivery } from './deliver.ts';
import { OutboxRelay } from './outbox.ts';
import type { Bus, BusMessage, Handler, Hydrator, PublishOptions } from './port.ts';

export function createInprocBus(db: Db, log: Logger): Bus {
  const local = new LocalDelivery(log);
  const groups = new Map<string, Array<{ group: string; handler: Handler }>>();
  const relay = new OutboxRelay(db, deliver, log);

  async function deliver(batch: BusMessage[]): Promise<void> {
    for (const msg of batch) {
      for (const { group, handler } of groups.get(msg.subject) ?? []) await local.handle(group, handler, msg);
      local.notify(msg);
    }
  }

  return {
    kind: 'inproc',
    publish: (tx: Tx, subject: string, data: unknown, id: string, opts?: PublishOptions) => relay.publish(tx, subject, data, id, opts),
    consume<T>(subject: string, group: string, handler: Handler<T>) {
      let list = groups.get(subject);
      if (!list) groups.set(subject, (list = []));
      if (list.some((g) => g.group === group)) throw new Error(`consumer group ${group} already consumes ${subject}`);
      const member = { group, handler: handler as Handler };
      list.push(member);
      return async () => {
        const current = groups.get(subject) ?? [];
        groups.set(subject, current.filter((g) => g !== member));
      };
    },
    hydrate(subject: string, fn: Hydrator) {
      relay.hydrators.set(subject, fn);
    },
    listen: (subject, listener) => local.listen(subject, listener),
    async start() {
      relay.start();
    },
    async stop() {
      await relay.stop();
      await local.drained();
    },
    healthy: () => relay.healthy,
  };
}
