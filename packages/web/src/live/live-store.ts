// Bounded in-memory buffer of what the server pushed over the event stream. Updates are batched
// (at most one notification per FLUSH_MS) so a burst of events costs one render, not thousands.
import type { Alert, StoredEvent } from '@bulwark/contracts';

export type StreamStatus = 'connecting' | 'open' | 'closed';

export interface LiveSnapshot {
  /** Newest first, at most `limit`. */
  readonly events: readonly StoredEvent[];
  readonly alerts: readonly Alert[];
  readonly eventCount: number;
  readonly alertCount: number;
  /** Messages the server dropped because this client read too slowly. */
  readonly droppedCount: number;
  readonly status: StreamStatus;
}

export interface LiveStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): LiveSnapshot;
  pushEvent(e: StoredEvent): void;
  pushAlert(a: Alert): void;
  noteDropped(n: number): void;
  setStatus(s: StreamStatus): void;
  dispose(): void;
}

const FLUSH_MS = 200;

function prepend<T>(list: readonly T[], fresh: T[], limit: number, key: (t: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (let i = fresh.length - 1; i >= 0 && out.length < limit; i--) {
    const item = fresh[i]!;
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  for (const item of list) {
    if (out.length >= limit) break;
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

export function createLiveStore(limit = 200, alertLimit = 50): LiveStore {
  let snap: LiveSnapshot = { events: [], alerts: [], eventCount: 0, alertCount: 0, droppedCount: 0, status: 'connecting' };
  let pendingEvents: StoredEvent[] = [];
  let pendingAlerts: Alert[] = [];
  let receivedEvents = 0;
  let receivedAlerts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();

  const emit = () => listeners.forEach((l) => l());
  const flush = () => {
    timer = undefined;
    snap = {
      ...snap,
      events: pendingEvents.length ? prepend(snap.events, pendingEvents, limit, (e) => e.eventId) : snap.events,
      alerts: pendingAlerts.length ? prepend(snap.alerts, pendingAlerts, alertLimit, (a) => a.id) : snap.alerts,
      eventCount: receivedEvents,
      alertCount: receivedAlerts,
    };
    pendingEvents = [];
    pendingAlerts = [];
    emit();
  };
  const schedule = () => {
    timer ??= setTimeout(flush, FLUSH_MS);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snap,
    pushEvent(e) {
      receivedEvents++;
      pendingEvents.push(e);
      if (pendingEvents.length > limit) pendingEvents.splice(0, pendingEvents.length - limit);
      schedule();
    },
    pushAlert(a) {
      receivedAlerts++;
      pendingAlerts.push(a);
      if (pendingAlerts.length > alertLimit) pendingAlerts.splice(0, pendingAlerts.length - alertLimit);
      schedule();
    },
    noteDropped(n) {
      snap = { ...snap, droppedCount: snap.droppedCount + n };
      emit();
    },
    setStatus(status) {
      if (snap.status === status) return;
      snap = { ...snap, status };
      emit();
    },
    dispose() {
      if (timer) clearTimeout(timer);
      listeners.clear();
    },
  };
}
