// One raw record → a stored event: stable event_id, its own time, native fields kept, OCSF core added.
import { createHash } from 'node:crypto';
import type { EventFormat } from '@bulwark/contracts';
import { canonicalJson } from '../../platform/index.ts';
import { eventTime, projectOcsf } from './parse/ocsf.ts';
import type { OcsfCore } from './parse/ocsf-types.ts';

export interface RawEvent {
  readonly native: Record<string, unknown>;
  readonly format: EventFormat;
  readonly source: string;
}

export interface NormalizedEvent {
  readonly eventId: string;
  readonly time: Date;
  readonly receivedAt: Date;
  readonly source: string;
  readonly format: EventFormat;
  readonly classUid: number;
  readonly severityId: number;
  readonly message: string | null;
  readonly native: Record<string, unknown>;
  readonly ocsf: OcsfCore;
}

const MAX_FUTURE_MS = 24 * 3600_000;

/**
 * The record's own identity where the source gives one — a Windows event record number (EVTX
 * `EventRecordID`, NXLog `RecordNumber`) with its computer and channel — so that the same record
 * collected twice (with different collector fields) is stored once; else its whole content.
 */
function recordKey(native: Record<string, unknown>): string {
  const sys = (native['Event'] as { System?: Record<string, unknown> } | undefined)?.System ?? native;
  const rid = sys['EventRecordID'] ?? native['RecordNumber'];
  const computer = sys['Computer'] ?? native['Hostname'];
  const channel = sys['Channel'];
  if ((typeof rid === 'number' || typeof rid === 'string') && typeof computer === 'string' && typeof channel === 'string') {
    return `win\n${channel.toLowerCase()}\n${computer.toLowerCase()}\n${rid}`;
  }
  return canonicalJson(native);
}

export function eventIdOf(source: string, native: Record<string, unknown>): string {
  return createHash('sha256').update(source).update('\n').update(recordKey(native)).digest('hex').slice(0, 40);
}

export function normalize(raw: RawEvent, receivedAt: Date): NormalizedEvent {
  const native = raw.native;
  const own = eventTime(native, raw.format, receivedAt);
  // An event dated implausibly far ahead is filed under its arrival time (its own time stays in native).
  const time = own && own.getTime() - receivedAt.getTime() < MAX_FUTURE_MS && own.getTime() > 0 ? own : receivedAt;
  const ocsf = projectOcsf({ format: raw.format, native, receivedAt });
  ocsf.time = time.getTime();
  return {
    eventId: eventIdOf(raw.source, native),
    time,
    receivedAt,
    source: raw.source,
    format: raw.format,
    classUid: ocsf.class_uid,
    severityId: ocsf.severity_id,
    message: typeof ocsf.message === 'string' ? ocsf.message.slice(0, 4000) : null,
    native,
    ocsf,
  };
}
