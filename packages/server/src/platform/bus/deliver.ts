// Local delivery shared by both adapters: consumer groups (with retries) and live listeners.
import type { Logger } from '../log/log.ts';
import type { BusMessage, Handler } from './port.ts';

export class LocalDelivery {
  private readonly listeners = new Map<string, Set<(msg: BusMessage) => void>>();
  private inflight = 0;
  private idle: Array<() => void> = [];

  private readonly log: Logger;

  constructor(log: Logger) {
    this.log = log;
  }

  listen<T>(subject: string, listener: (msg: BusMessage<T>) => void): () => void {
    let set = this.listeners.get(subject);
    if (!set) this.listeners.set(subject, (set = new Set()));
    const l = listener as (msg: BusMessage) => void;
    set.add(l);
    return () => set.delete(l);
  }

  notify(msg: BusMessage): void {
    for (const l of this.listeners.get(msg.subject) ?? []) {
      try {
        l(msg);
      } catch (err) {
        this.log.warn({ err, subject: msg.subject }, 'bus listener failed');
      }
    }
  }

  /** Runs a handler, retrying with back-off; returns false when it still fails after `attempts`. */
  async handle(group: string, handler: Handler, msg: BusMessage, attempts = 5): Promise<boolean> {
    this.inflight += 1;
    try {
      for (let i = 1; ; i++) {
        try {
          await handler(msg);
          this.log.debug({ group, msgId: msg.id, subject: msg.subject }, 'bus message handled');
          return true;
        } catch (err) {
          if (i >= attempts) {
            this.log.error({ err, group, msgId: msg.id, subject: msg.subject }, 'bus handler failed; message dead-lettered');
            return false;
          }
          await new Promise((r) => setTimeout(r, 50 * 2 ** i));
        }
      }
    } finally {
      this.inflight -= 1;
      if (this.inflight === 0) for (const r of this.idle.splice(0)) r();
    }
  }

  async drained(): Promise<void> {
    if (this.inflight === 0) return;
    await new Promise<void>((r) => this.idle.push(r));
  }
}
