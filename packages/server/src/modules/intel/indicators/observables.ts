// observablesOf(event): the STIX cyber-observable objects an event shows, from its OCSF core
// projection (endpoints, URL, file, process, users) and a few native fields (DNS query names,
// e-mail senders/recipients/subject). The reporting device's own address and name are left out:
// indicators describe what a device saw, not the device. So are the unspecified addresses 0.0.0.0
// and ::. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) become ipv4-addr objects.
import type { NormalizedEvent } from '../../ingest/index.ts';
import type { Observation, ObservedObject } from '../pattern/index.ts';
import { canonicalIp, hashName } from '../pattern/index.ts';
import { DNS_QUERY, EMAIL_FROM, EMAIL_SUBJECT, EMAIL_TO, NativeFields, NETWORK_PROTOCOL } from './native-fields.ts';

type Ocsf = NormalizedEvent['ocsf'];
type OcsfFile = NonNullable<Ocsf['file']>;
type OcsfUser = NonNullable<Ocsf['user']>;
type OcsfEndpoint = NonNullable<Ocsf['src_endpoint']>;

/** What observablesOf reads: the OCSF projection, the native fields, and the event time. */
export interface EventLike {
  readonly ocsf: Ocsf;
  readonly native?: Record<string, unknown>;
  readonly time?: Date;
}

const MAX_OBJECTS = 64;
const IDS = Array.from({ length: MAX_OBJECTS }, (_, i) => String(i));
const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.[A-Za-z][A-Za-z0-9-]{0,62}\.?$/;
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,253}$/;

class Builder {
  readonly objects: ObservedObject[] = [];
  /** Dedupe key of each object (undefined: never merged); events have few objects, so a scan is cheapest. */
  private readonly keys: (string | undefined)[] = [];

  /** Adds a new object (deduplicated by `dedupe` when given), giving it its id; returns the id. */
  add(obj: Record<string, unknown> & { type: string }, dedupe?: string): string | undefined {
    if (dedupe !== undefined) {
      for (let i = 0; i < this.keys.length; i++) if (this.keys[i] === dedupe && this.objects[i]?.type === obj.type) return IDS[i];
    }
    if (this.objects.length >= MAX_OBJECTS) return undefined;
    const id = IDS[this.objects.length] as string;
    obj['id'] = id;
    this.objects.push(obj);
    this.keys.push(dedupe);
    return id;
  }

  /** An ipv4-addr/ipv6-addr for an address (IPv4-mapped IPv6 as IPv4), else a domain-name for a DNS name. */
  host(text: string | undefined): string | undefined {
    if (!text) return undefined;
    const t = text.trim();
    const ip = canonicalIp(t.startsWith('[') && t.endsWith(']') ? t.slice(1, -1) : t);
    if (ip && !ip.includes('/')) {
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
      const value = mapped ? (mapped[1] as string) : ip;
      if (value === '0.0.0.0' || value === '::') return undefined; // "no address" in Windows and socket logs
      const type = value.includes(':') ? 'ipv6-addr' : 'ipv4-addr';
      return this.add({ type, value }, value);
    }
    if (DOMAIN.test(t)) return this.add({ type: 'domain-name', value: t }, t.toLowerCase());
    return undefined;
  }
}

export function observablesOf(event: EventLike): Observation {
  const b = new Builder();
  const o = event.ocsf;
  const native = new NativeFields(event.native ?? {});

  const src = endpoint(b, o.src_endpoint);
  const dst = endpoint(b, o.dst_endpoint);
  if (src.ref || dst.ref || o.src_endpoint?.port !== undefined || o.dst_endpoint?.port !== undefined) {
    const nt: Record<string, unknown> & { type: string } = { type: 'network-traffic' };
    if (src.ref) nt['src_ref'] = src.ref;
    if (dst.ref) nt['dst_ref'] = dst.ref;
    if (o.src_endpoint?.port !== undefined) nt['src_port'] = o.src_endpoint.port;
    if (o.dst_endpoint?.port !== undefined) nt['dst_port'] = o.dst_endpoint.port;
    const proto = native.strings(NETWORK_PROTOCOL)[0];
    if (proto && /^[A-Za-z][A-Za-z0-9-]{0,15}$/.test(proto)) nt['protocols'] = [proto.toLowerCase()];
    b.add(nt);
  }

  if (o.url) {
    if (o.url.url_string) b.add({ type: 'url', value: o.url.url_string }, o.url.url_string);
    b.host(o.url.hostname);
  }
  for (const q of native.strings(DNS_QUERY)) b.host(q);

  const actor = o.actor?.user ? userAccount(b, o.actor.user) : undefined;
  if (o.user) userAccount(b, o.user);
  if (o.process) {
    const p: Record<string, unknown> & { type: string } = { type: 'process' };
    if (o.process.pid !== undefined) p['pid'] = o.process.pid;
    if (o.process.cmd_line) p['command_line'] = o.process.cmd_line;
    // `name` is STIX 2.0's process property; 2.1 names the executable through image_ref.
    const name = o.process.name ?? o.process.file?.name;
    if (name) p['name'] = name;
    const image = o.process.file ? file(b, o.process.file) : undefined;
    if (image) p['image_ref'] = image;
    if (actor) p['creator_user_ref'] = actor;
    b.add(p);
  }
  if (o.file) file(b, o.file);
  email(b, native);

  const t = event.time?.getTime() ?? o.time;
  return { objects: b.objects, firstObserved: t, lastObserved: t };
}

function endpoint(b: Builder, e: OcsfEndpoint | undefined): { ref?: string } {
  if (!e) return {};
  const ip = b.host(e.ip);
  const name = e.hostname && e.hostname !== e.ip ? b.host(e.hostname) : undefined;
  if (ip && name) {
    const dn = b.objects[Number(name)];
    if (dn?.type === 'domain-name' && !dn['resolves_to_refs']) (dn as Record<string, unknown>)['resolves_to_refs'] = [ip];
  }
  const ref = ip ?? name;
  return ref ? { ref } : {};
}

function userAccount(b: Builder, u: OcsfUser): string | undefined {
  if (!u.name && !u.uid) return undefined;
  const acct: Record<string, unknown> & { type: string } = { type: 'user-account' };
  if (u.name) acct['account_login'] = u.name;
  if (u.uid) acct['user_id'] = u.uid;
  return b.add(acct, `${u.name ?? ''}\n${u.uid ?? ''}`);
}

function file(b: Builder, f: OcsfFile): string | undefined {
  const out: Record<string, unknown> & { type: string } = { type: 'file' };
  if (f.name) out['name'] = f.name;
  if (f.hashes?.length) {
    const hashes: Record<string, string> = {};
    for (const h of f.hashes) {
      const alg = h.algorithm_id === 5 ? 'SSDEEP' : hashName(h.algorithm);
      if (h.value && !(alg in hashes)) hashes[alg] = h.value;
    }
    out['hashes'] = hashes;
  }
  if (f.path) {
    const cut = Math.max(f.path.lastIndexOf('\\'), f.path.lastIndexOf('/'));
    if (cut > 0) {
      const dir = b.add({ type: 'directory', path: f.path.slice(0, cut) }, f.path.slice(0, cut));
      if (dir) out['parent_directory_ref'] = dir;
    }
  }
  return Object.keys(out).length > 1 ? b.add(out) : undefined;
}

function email(b: Builder, native: NativeFields): void {
  // Windows event data has no e-mail fields: only the event's own keys are read.
  const from = native.strings(EMAIL_FROM, true).flatMap(addresses)[0];
  const to = native.strings(EMAIL_TO, true).flatMap(addresses).slice(0, 16);
  if (!from && to.length === 0) return;
  const msg: Record<string, unknown> & { type: string } = { type: 'email-message', is_multipart: false };
  if (from) msg['from_ref'] = b.add({ type: 'email-addr', value: from }, from.toLowerCase());
  const toRefs = to.map((a) => b.add({ type: 'email-addr', value: a }, a.toLowerCase())).filter((x): x is string => x !== undefined);
  if (toRefs.length) msg['to_refs'] = toRefs;
  const subject = native.strings(EMAIL_SUBJECT, true)[0];
  if (subject) msg['subject'] = subject;
  b.add(msg);
}

/** `a@b, "Name" <c@d>` → ['a@b', 'c@d']. */
function addresses(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split(/[,;]/).slice(0, 16)) {
    const angle = /<([^<>]+)>/.exec(part);
    const a = (angle ? angle[1] as string : part).trim();
    if (EMAIL.test(a)) out.push(a);
  }
  return out;
}
