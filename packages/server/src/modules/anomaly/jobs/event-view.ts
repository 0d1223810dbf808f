// The few OCSF (and, for byte counts and peer groups, native) fields the anomaly jobs read, taken
// from a normalised event once so that every job reads plain values.
import type { EventWire } from '../../ingest/index.ts';

export interface EventView {
  readonly eventId: string;
  /** Event time, epoch ms. */
  readonly time: number;
  readonly classUid: number;
  /** Authentication: 1 success, 2 failure. */
  readonly statusId: number | undefined;
  /** The account (authentication: the account authenticated; else the actor), lower-cased. */
  readonly user: string | undefined;
  readonly host: string | undefined;
  readonly srcIp: string | undefined;
  readonly dstIp: string | undefined;
  readonly dstHost: string | undefined;
  readonly process: string | undefined;
  /** Bytes the source sent (exfiltration), when the event says. */
  readonly bytesOut: number | undefined;
  /** Peer group (department, role or group) when the event names one. */
  readonly group: string | undefined;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** A native field by flat key ("source.bytes") or nested path. */
function nativeField(native: Obj, name: string): unknown {
  if (Object.hasOwn(native, name)) return native[name];
  let cur: unknown = native;
  for (const part of name.split('.')) {
    const o = obj(cur);
    if (!o || !Object.hasOwn(o, part)) return undefined;
    cur = o[part];
  }
  return cur;
}

/** ECS source.bytes, OCSF traffic.bytes_out, CEF `out`, Fortinet sentbyte, common spellings. */
const BYTES_OUT = ['source.bytes', 'traffic.bytes_out', 'bytes_out', 'out', 'sentbyte', 'BytesSent', 'bytes_sent', 'client.bytes'];
const GROUP = ['user.group.name', 'group.name', 'user.department', 'department', 'user.roles'];

export function viewOf(e: EventWire): EventView {
  const o = e.ocsf as Obj;
  const native = e.native;
  const user = obj(o['user']) ?? obj(obj(o['actor'])?.['user']);
  const name = str(user?.['name']);
  let bytesOut: number | undefined;
  for (const k of BYTES_OUT) {
    const v = nativeField(native, k);
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : undefined;
    if (n !== undefined && Number.isFinite(n) && n >= 0) {
      bytesOut = n;
      break;
    }
  }
  let group: string | undefined;
  for (const k of GROUP) {
    const v = nativeField(native, k);
    group = str(v) ?? (Array.isArray(v) ? str(v[0]) : undefined);
    if (group) break;
  }
  const src = obj(o['src_endpoint']);
  const dst = obj(o['dst_endpoint']);
  const proc = obj(o['process']);
  const time = typeof o['time'] === 'number' ? o['time'] : Date.parse(e.time);
  return {
    eventId: e.eventId,
    time,
    classUid: typeof o['class_uid'] === 'number' ? o['class_uid'] : 0,
    statusId: typeof o['status_id'] === 'number' ? o['status_id'] : undefined,
    user: name?.toLowerCase().slice(0, 200),
    host: str(obj(o['device'])?.['hostname'])?.toLowerCase().slice(0, 200),
    srcIp: str(src?.['ip']),
    dstIp: str(dst?.['ip']),
    dstHost: str(dst?.['hostname'])?.toLowerCase().slice(0, 200),
    process: str(proc?.['name'])?.toLowerCase().slice(0, 200),
    bytesOut,
    group: group?.toLowerCase().slice(0, 100),
  };
}

export const AUTHENTICATION = 3002;
export const PROCESS_ACTIVITY = 1007;
export const NETWORK_ACTIVITY = 4001;
