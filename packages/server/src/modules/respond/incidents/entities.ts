// What an alert is about, for grouping and for the incident's entity lists: hosts, users and addresses
// from the OCSF projection of its events (else from the alert's own fields), the indicator it matched,
// and the ATT&CK tactics and techniques of its tags (Sigma's `attack.<tactic>` / `attack.t1234.001`).
import type { Alert } from '@bulwark/contracts';

export interface AlertFacts {
  readonly hosts: readonly string[];
  readonly users: readonly string[];
  readonly srcIps: readonly string[];
  readonly dstIps: readonly string[];
  readonly indicators: readonly string[];
  readonly tactics: readonly string[];
  readonly techniques: readonly string[];
}

/** ATT&CK tactics (Enterprise, then ICS-only), by the slug Sigma tags use, in kill-chain order. */
export const TACTICS = [
  'reconnaissance', 'resource_development', 'initial_access', 'execution', 'persistence', 'privilege_escalation', 'defense_evasion',
  'credential_access', 'discovery', 'lateral_movement', 'collection', 'command_and_control', 'exfiltration', 'impact',
  'evasion', 'inhibit_response_function', 'impair_process_control',
] as const;
const TACTIC_SET: ReadonlySet<string> = new Set(TACTICS);

const MAX_VALUES = 100;
const MAX_VALUE_CHARS = 512;

/** The OCSF-projected part of a stored event that facts are read from. */
export interface EventView {
  readonly ocsf?: Record<string, unknown> | undefined;
  readonly native?: Record<string, unknown> | undefined;
}

function at(o: unknown, path: readonly string[]): unknown {
  let cur = o;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function add(list: string[], v: unknown): void {
  if (typeof v !== 'string' && typeof v !== 'number') return;
  const s = String(v).trim().slice(0, MAX_VALUE_CHARS);
  if (!s || s === '-' || list.length >= MAX_VALUES || list.includes(s)) return;
  list.push(s);
}

// Field names detectors put in alert fields when the events are not at hand (Sigma shows the fields a
// rule reads; indicator alerts show the observable and its value).
const HOST_FIELDS = ['Computer', 'ComputerName', 'Hostname', 'hostname', 'host.name', 'Workstation', 'WorkstationName'];
const USER_FIELDS = ['User', 'user', 'TargetUserName', 'SubjectUserName', 'user.name', 'AccountName'];
const SRC_FIELDS = ['IpAddress', 'SourceIp', 'SourceAddress', 'src_ip', 'source.ip', 'ClientAddress'];
const DST_FIELDS = ['DestinationIp', 'DestAddress', 'dst_ip', 'destination.ip'];

/** Facts of one alert from its events (any number, possibly none). */
export function factsOf(alert: Pick<Alert, 'detector' | 'tags' | 'fields'>, events: readonly EventView[]): AlertFacts {
  const hosts: string[] = [];
  const users: string[] = [];
  const srcIps: string[] = [];
  const dstIps: string[] = [];
  const indicators: string[] = [];
  for (const e of events) {
    add(hosts, at(e.ocsf, ['device', 'hostname']));
    add(users, at(e.ocsf, ['actor', 'user', 'name']));
    add(srcIps, at(e.ocsf, ['src_endpoint', 'ip']));
    add(dstIps, at(e.ocsf, ['dst_endpoint', 'ip']));
  }
  const f = alert.fields ?? {};
  for (const k of HOST_FIELDS) add(hosts, f[k]);
  for (const k of USER_FIELDS) add(users, f[k]);
  for (const k of SRC_FIELDS) add(srcIps, f[k]);
  for (const k of DST_FIELDS) add(dstIps, f[k]);
  if (typeof f['indicator'] === 'string') add(indicators, f['indicator']);
  if (alert.detector === 'indicators' && typeof f['value'] === 'string' && /^(?:ipv4|ipv6)/.test(String(f['observable'] ?? ''))) add(srcIps, f['value']);
  const tactics: string[] = [];
  const techniques: string[] = [];
  for (const t of alert.tags ?? []) {
    const tag = t.toLowerCase();
    if (!tag.startsWith('attack.')) continue;
    const v = tag.slice(7).replace(/-/g, '_');
    if (TACTIC_SET.has(v)) add(tactics, v);
    else if (/^t\d{4}(?:\.\d{3})?$/.test(v)) add(techniques, v.toUpperCase());
  }
  tactics.sort((a, b) => TACTICS.indexOf(a as (typeof TACTICS)[number]) - TACTICS.indexOf(b as (typeof TACTICS)[number]));
  return { hosts, users, srcIps, dstIps, indicators, tactics, techniques };
}
