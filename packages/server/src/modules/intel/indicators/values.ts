// The comparable values of a STIX object, for correlation: the values an indicator's pattern compares
// with (`=`, `IN`, and CIDR blocks with `ISSUBSET`) on the observable kinds the index knows (addresses,
// domains, URLs, e-mail addresses, hashes), and the same values of cyber-observable objects (ipv4-addr,
// ipv6-addr, domain-name, url and email-addr `value`, `hashes` of files, artifacts and certificates).
// Each value is canonical for its kind (the pattern evaluator's equality), so that
// `[domain-name:value = 'Evil.Example.']` and a domain-name object `evil.example` share one value.
import type { ComparisonExpr, Literal, ObjectPath, ObservationExpr } from '../pattern/index.ts';
import { canonicalDomain, canonicalIp, canonicalUrl, hashName, kindOf, parsePattern, PatternError } from '../pattern/index.ts';

export interface ObjectValue {
  /** `ipv4-addr`, `ipv6-addr`, `domain-name`, `url`, `email-addr`, or `hash:<algorithm>` (STIX spelling, e.g. hash:SHA-256). */
  readonly kind: string;
  readonly value: string;
}

/** Values longer than this are not kept (an index entry has a size limit, and such values hardly correlate). */
export const MAX_VALUE_LENGTH = 1024;
/** At most this many values per object (a pattern with a huge IN list correlates on its first values). */
export const MAX_VALUES = 1000;

const DOMAIN = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*\.[a-z][a-z0-9-]{0,62}$/;
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,253}$/;
const HASHED_TYPES = new Set(['file', 'artifact', 'x509-certificate']);

function ipValue(text: string): ObjectValue | undefined {
  const ip = canonicalIp(text.trim());
  if (!ip) return undefined;
  return { kind: ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr', value: ip };
}

/** A value of a known kind, canonical; undefined when it is not one. */
function valueOf(kind: 'ip' | 'domain' | 'email' | 'url' | 'hash', text: string, algorithm?: string): ObjectValue | undefined {
  switch (kind) {
    case 'ip':
      return ipValue(text);
    case 'domain': {
      const d = canonicalDomain(text.trim());
      return d ? { kind: 'domain-name', value: d } : undefined;
    }
    case 'email':
      return EMAIL.test(text.trim()) ? { kind: 'email-addr', value: text.trim().toLowerCase() } : undefined;
    case 'url':
      return text.trim() ? { kind: 'url', value: canonicalUrl(text) } : undefined;
    case 'hash':
      return /^[0-9A-Za-z+/=:._-]{8,}$/.test(text.trim()) ? { kind: `hash:${hashName(algorithm ?? '')}`, value: text.trim().toLowerCase() } : undefined;
  }
}

/** A value at a path through a reference (`network-traffic:dst_ref.value`): its kind told by its form. */
function guessed(text: string): ObjectValue | undefined {
  const t = text.trim();
  const ip = ipValue(t);
  if (ip) return ip;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) return valueOf('url', t);
  if (t.includes('@')) return valueOf('email', t);
  const d = canonicalDomain(t);
  return DOMAIN.test(d) ? { kind: 'domain-name', value: d } : undefined;
}

function pathValue(path: ObjectPath, text: string): ObjectValue | undefined {
  const keys = path.steps.flatMap((s) => (s.kind === 'key' ? [s.key] : []));
  const last = keys.at(-1);
  const previous = keys.at(-2);
  if (last === undefined) return undefined;
  if (previous === 'hashes') return valueOf('hash', text, last);
  if (last !== 'value') return undefined;
  if (keys.length === 1) {
    const kind = kindOf(path.objectType, 'value', undefined);
    return kind === 'plain' ? undefined : valueOf(kind as 'ip' | 'domain' | 'email' | 'url', text);
  }
  return guessed(text);
}

function strings(v: Literal | readonly Literal[]): string[] {
  const list = Array.isArray(v) ? (v as readonly Literal[]) : [v as Literal];
  return list.flatMap((l) => (l.type === 'string' ? [l.value] : []));
}

function comparisonValues(e: ComparisonExpr, out: ObjectValue[]): void {
  switch (e.kind) {
    case 'exists':
      return;
    case 'and':
    case 'or':
      for (const o of e.operands) comparisonValues(o, out);
      return;
    case 'compare': {
      if (e.negated) return;
      if (e.op === '=' || e.op === 'IN') {
        for (const s of strings(e.value)) {
          const v = pathValue(e.path, s);
          if (v) out.push(v);
        }
      } else if (e.op === 'ISSUBSET') {
        for (const s of strings(e.value)) {
          const v = ipValue(s);
          if (v) out.push(v);
        }
      }
    }
  }
}

function observationValues(e: ObservationExpr, out: ObjectValue[]): void {
  switch (e.kind) {
    case 'observation':
      comparisonValues(e.comparison, out);
      return;
    case 'qualified':
      observationValues(e.expr, out);
      return;
    case 'and':
    case 'or':
    case 'followedby':
      for (const o of e.operands) observationValues(o, out);
  }
}

/** The values a STIX pattern compares with; none when the pattern does not parse. */
export function patternValues(pattern: string): ObjectValue[] {
  const out: ObjectValue[] = [];
  try {
    observationValues(parsePattern(pattern).root, out);
  } catch (err) {
    if (!(err instanceof PatternError)) throw err;
  }
  return out;
}

/** The comparable values of one STIX object (deduplicated, bounded). */
export function objectValues(o: Record<string, unknown>): ObjectValue[] {
  const out: ObjectValue[] = [];
  const type = o['type'];
  if (type === 'indicator') {
    if (o['pattern_type'] === 'stix' && typeof o['pattern'] === 'string') out.push(...patternValues(o['pattern']));
  } else if (typeof o['value'] === 'string') {
    const kind = typeof type === 'string' ? kindOf(type, 'value', undefined) : 'plain';
    const v = kind === 'plain' ? undefined : valueOf(kind as 'ip' | 'domain' | 'email' | 'url', o['value']);
    if (v) out.push(v);
  }
  if (typeof type === 'string' && HASHED_TYPES.has(type) && o['hashes'] && typeof o['hashes'] === 'object' && !Array.isArray(o['hashes'])) {
    for (const [alg, h] of Object.entries(o['hashes'] as Record<string, unknown>)) {
      if (typeof h !== 'string') continue;
      const v = valueOf('hash', h, alg);
      if (v) out.push(v);
    }
  }
  const seen = new Set<string>();
  const kept: ObjectValue[] = [];
  for (const v of out) {
    const key = `${v.kind}\n${v.value}`;
    if (v.value.length > MAX_VALUE_LENGTH || seen.has(key)) continue;
    seen.add(key);
    kept.push(v);
    if (kept.length >= MAX_VALUES) break;
  }
  return kept;
}
