import { Type, type Static } from 'typebox';
import { Timestamp } from './common.ts';

export const EventFormat = Type.Union([Type.Literal('json'), Type.Literal('syslog'), Type.Literal('cef'), Type.Literal('leef')]);
export type EventFormat = Static<typeof EventFormat>;

export const StoredEvent = Type.Object({
  eventId: Type.String(),
  time: Timestamp,
  receivedAt: Timestamp,
  source: Type.String(),
  format: EventFormat,
  classUid: Type.Integer(),
  severityId: Type.Integer(),
  message: Type.Union([Type.Null(), Type.String()]),
  native: Type.Record(Type.String(), Type.Unknown()),
  ocsf: Type.Record(Type.String(), Type.Unknown()),
});
export type StoredEvent = Static<typeof StoredEvent>;

export const Rejection = Type.Object({
  line: Type.Integer({ description: '1-based line (NDJSON) or array position (JSON array)' }),
  reason: Type.String(),
});
export type Rejection = Static<typeof Rejection>;

export const IngestResult = Type.Object({
  received: Type.Integer(),
  accepted: Type.Integer({ description: 'New events stored' }),
  duplicates: Type.Integer({ description: 'Events already stored earlier (same event_id)' }),
  rejected: Type.Array(Rejection),
  eventIds: Type.Array(Type.String(), { description: 'event_id of every accepted or duplicate event, in input order' }),
});
export type IngestResult = Static<typeof IngestResult>;

export const IngestQuery = Type.Object({
  source: Type.Optional(Type.String({ maxLength: 200, description: 'Logical source name; part of the event_id' })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('syslog'), Type.Literal('cef'), Type.Literal('leef')], { description: 'For text bodies: how to parse each line' })),
});
export type IngestQuery = Static<typeof IngestQuery>;

export const EventSearchQuery = Type.Object({
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
  q: Type.Optional(Type.String({ maxLength: 500, description: 'Text to find anywhere in the event' })),
  field: Type.Optional(
    Type.Union([Type.String(), Type.Array(Type.String())], {
      description: 'path=value, e.g. ocsf.src_endpoint.ip=10.0.0.1 or native.EventID=4624 (repeatable)',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
});
export type EventSearchQuery = Static<typeof EventSearchQuery>;

export const EventPage = Type.Object({ events: Type.Array(StoredEvent), next: Type.Union([Type.Null(), Type.String()]) });
export type EventPage = Static<typeof EventPage>;
