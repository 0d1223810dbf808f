import type { StoredEvent } from '@bulwark/contracts';

export interface EventRow {
  event_id: string;
  time: Date | string;
  received_at: Date | string;
  source: string;
  format: StoredEvent['format'];
  class_uid: number;
  severity_id: number;
  message: string | null;
  native: Record<string, unknown>;
  ocsf: Record<string, unknown>;
}

export function toStoredEvent(r: EventRow): StoredEvent {
  return {
    eventId: r.event_id,
    time: new Date(r.time).toISOString(),
    receivedAt: new Date(r.received_at).toISOString(),
    source: r.source,
    format: r.format,
    classUid: r.class_uid,
    severityId: r.severity_id,
    message: r.message,
    native: r.native,
    ocsf: r.ocsf,
  };
}
