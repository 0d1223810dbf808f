// The bus port. Publishing is transactional (an outbox row written in the caller's transaction), so a
// message exists if and only if the data it announces was committed. Delivery is at least once:
// handlers must be idempotent (deterministic ids, upserts).
import type { Tx } from '../db/db.ts';

export interface BusMessage<T = unknown> {
  readonly id: string;
  readonly subject: string;
  readonly data: T;
}

export type Handler<T = unknown> = (msg: BusMessage<T>) => Promise<void>;

export interface PublishOptions {
  /**
   * What the outbox row keeps instead of `data`: a compact reference to rows committed in the same
   * transaction. The subject's hydrator rebuilds `data` from it if the message must be read back
   * (after a restart); otherwise the relay uses `data` from memory.
   */
  readonly stored?: unknown;
}

export type Hydrator = (stored: unknown) => Promise<unknown>;

export interface Bus {
  readonly kind: 'inproc' | 'nats';
  /** Enqueues a message in the caller's transaction; `id` de-duplicates re-publication of the same message. */
  publish(tx: Tx, subject: string, data: unknown, id: string, opts?: PublishOptions): Promise<void>;
  /** Registers how to rebuild the messages of `subject` that were published with a compact `stored` form. */
  hydrate(subject: string, fn: Hydrator): void;
  /**
   * A durable consumer group: every message on `subject` is handled by one member of `group`, in any
   * process. The result stops this member (after the message it is handling); unacknowledged messages
   * go to the other members, or wait for the next one.
   */
  consume<T>(subject: string, group: string, handler: Handler<T>): () => Promise<void>;
  /** This process hears every message on `subject` from now on (for live views; not durable). */
  listen<T>(subject: string, listener: (msg: BusMessage<T>) => void): () => void;
  /** Starts relaying the outbox and delivering to consumers. */
  start(): Promise<void>;
  /** Stops taking new messages and waits for handlers in progress. */
  stop(): Promise<void>;
  /** Health, for /readyz. */
  healthy(): boolean;
}

export const SUBJECTS = {
  eventNormalized: 'event.normalized',
  alertRaised: 'alert.raised',
  alertChanged: 'alert.changed',
  /** An incident was opened or changed (an alert joined, a person or a playbook changed it). */
  incidentChanged: 'incident.changed',
  /** An organisation's Sigma packs or rule settings changed (workers rebuild its view). */
  sigmaChanged: 'sigma.changed',
  /** STIX objects were stored, changed or deleted (the live indicator index reloads them). */
  intelChanged: 'intel.changed',
} as const;
