// Where an event without a Windows channel comes from, in the Sigma taxonomy's terms (product, services,
// categories), and the field mapping its rules are evaluated through. Data: declared-sources.json.
// Events with a `Channel` (Windows, Sysmon for Linux) are routed by channel instead: undefined for them.
import data from './declared-sources.json' with { type: 'json' };
import type { DeclaredSource } from './logsources.ts';
import { fieldResolver, fieldText } from './resolver.ts';
import type { EventAccessor } from './values.ts';

/** What the input knows about an event beside its fields. */
export interface SourceHints {
  /** The stored event's format (`EventWire.format`: json, syslog, cef, leef). */
  format?: string;
  /** The input it came from; in the hunt, the file path (a file named auth.log says service auth). */
  source?: string;
  /**
   * A source the caller knows better than the event (the hunt's `--logsource`): used for every event
   * without a channel, with the field mapping the event's shape needs (ECS, or message pairs).
   */
  logsource?: Pick<DeclaredSource, 'product' | 'service' | 'category'>;
}

interface ProgramSpec {
  services: string[];
  log: string;
}
interface SourceSpec {
  product: string;
  services: string[];
}
interface EcsCategory {
  category: string;
  types?: string[];
  has?: string;
  sigma: string[];
  services?: string[];
}
interface OcsfClass {
  class_uid: number;
  activity_id?: number[];
  sigma: string[];
  services?: string[];
}

const SYSLOG = data.syslog;
const PROGRAMS: Record<string, ProgramSpec> = SYSLOG.programs;
const PREFIXES: Record<string, ProgramSpec> = SYSLOG.programPrefixes;
const FACILITY_NAMES: Record<string, number> = SYSLOG.facilityNames;
const AUTH_FACILITIES: readonly number[] = SYSLOG.authFacilities;
const AUDITD_LINE = new RegExp(SYSLOG.auditdPattern);
const AUDIT_TYPE = new RegExp(data.auditd.typePattern);
const AUDIT_MSG = new RegExp(data.auditd.msgPattern);
const ECS_OS: Record<string, string> = data.ecs.os;
const ECS_CATEGORIES: readonly EcsCategory[] = data.ecs.categories;
const ECS_MODULES: Record<string, SourceSpec> = data.ecs.modules;
const ECS_DATASETS: Record<string, SourceSpec> = data.ecs.datasets;
const OCSF_CLASSES: readonly OcsfClass[] = data.ocsf.classes;
const FILES: Record<string, SourceSpec> = data.files;

const MAX_NAME = 64;
/** A field as trimmed text, if it is one of reasonable length. */
const text = (v: unknown): string | undefined => {
  const t = fieldText(v)?.trim();
  return t && t.length <= 256 ? t : undefined;
};
const first = (get: EventAccessor, fields: readonly string[]): string | undefined => {
  for (const f of fields) {
    const t = text(get(f));
    if (t !== undefined) return t;
  }
  return undefined;
};
/** A field's values as lower-cased texts (ECS keeps `event.category` and `event.type` as arrays). */
const texts = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).map(text).filter((t): t is string => t !== undefined).map((t) => t.toLowerCase());
const own = <T>(table: Record<string, T>, key: string | undefined): T | undefined => (key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined);

/**
 * Where the event comes from, or undefined when it has a channel (routed by channel) or nothing says.
 * In order: `hints.logsource`; a top-level `logsource` object in the event; a syslog record of a known
 * Linux program (our fields, journald's or a shipper's) or an auditd line in a syslog message; an auditd
 * record; an ECS event; an event seen through `withOcsf` (our OCSF projection's class); the file name.
 */
export function declaredSourceOf(get: EventAccessor, hints: SourceHints = {}): DeclaredSource | undefined {
  if (fieldText(get('Channel')) !== undefined) return undefined;
  const ecs = isEcs(get);
  const known = hints.logsource ?? explicitSource(get);
  if (known) return { ...known, mapping: ecs ? 'ecs' : 'message' };
  return syslogSource(get) ?? auditdRecord(get) ?? (ecs ? ecsSource(get) : undefined) ?? ocsfSource(get) ?? fileSource(hints.source);
}

/** `logsource: {product, service, category}` carried by the event itself (as senders or converters add). */
function explicitSource(get: EventAccessor): DeclaredSource | undefined {
  const ls = get('logsource');
  if (typeof ls !== 'object' || ls === null || Array.isArray(ls)) return undefined;
  const out: DeclaredSource = {};
  for (const k of ['product', 'service', 'category'] as const) {
    const v = text((ls as Record<string, unknown>)[k]);
    if (v !== undefined && v.length <= MAX_NAME) out[k] = v.toLowerCase();
  }
  return out.product || out.service || out.category ? out : undefined;
}

function programSpec(program: string | undefined): ProgramSpec | undefined {
  if (program === undefined) return undefined;
  const name = program.slice(program.lastIndexOf('/') + 1).replace(/:$/, '').toLowerCase();
  const exact = own(PROGRAMS, name);
  if (exact) return exact;
  for (const [prefix, spec] of Object.entries(PREFIXES)) if (name.startsWith(prefix)) return spec;
  return undefined;
}

function facilityOf(get: EventAccessor): number | undefined {
  for (const f of SYSLOG.facilityFields) {
    const v = get(f);
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    const t = text(v)?.toLowerCase();
    if (t === undefined) continue;
    if (/^\d{1,2}$/.test(t)) return Number(t);
    const named = own(FACILITY_NAMES, t);
    if (named !== undefined) return named;
  }
  return undefined;
}

/**
 * A syslog record: product linux when its program is a known Linux program, with the program's services
 * and the log file it lands in (auth.log for the auth and authpriv facilities, else syslog), or when its
 * message is an auditd record (`type=… msg=audit(…)`). KEY=value pairs of the message count as fields.
 */
function syslogSource(get: EventAccessor): DeclaredSource | undefined {
  const spec = programSpec(first(get, SYSLOG.programFields));
  const message = first(get, SYSLOG.messageFields);
  const auditLine = message !== undefined && AUDITD_LINE.test(message);
  if (!spec && !auditLine) return undefined;
  const facility = facilityOf(get);
  const services = new Set(spec?.services ?? []);
  if (auditLine) services.add('auditd');
  if (facility !== undefined) services.add(AUTH_FACILITIES.includes(facility) ? 'auth' : 'syslog');
  else if (spec) services.add(spec.log);
  return { product: 'linux', service: [...services], mapping: 'message' };
}

/** An auditd record as JSON: an audit record type and audit fields (`msg=audit(…)`, `auid`, `syscall`, …). */
function auditdRecord(get: EventAccessor): DeclaredSource | undefined {
  const type = text(get('type'));
  if (type === undefined || !AUDIT_TYPE.test(type)) return undefined;
  const msg = text(get('msg'));
  if (!(msg !== undefined && AUDIT_MSG.test(msg)) && !data.auditd.markerFields.some((f) => get(f) !== undefined)) return undefined;
  return { product: 'linux', service: ['auditd'], mapping: 'message' };
}

function isEcs(get: EventAccessor): boolean {
  return data.ecs.markerFields.some((f) => get(f) !== undefined);
}

/** An ECS event: `event.category` and `event.type` give categories, `host.os` the product, the module or data set services. */
function ecsSource(get: EventAccessor): DeclaredSource | undefined {
  let product: string | undefined;
  for (const f of data.ecs.osFields) {
    product = own(ECS_OS, text(get(f))?.toLowerCase());
    if (product) break;
  }
  const categories = new Set<string>();
  const services = new Set<string>();
  const types = texts(get('event.type'));
  for (const category of texts(get('event.category'))) {
    const hit = ECS_CATEGORIES.find((c) => c.category === category && (!c.types || c.types.some((t) => types.includes(t))) && (!c.has || get(c.has) !== undefined));
    for (const c of hit?.sigma ?? []) categories.add(c);
    for (const s of hit?.services ?? []) services.add(s);
  }
  for (const spec of [own(ECS_MODULES, text(get('event.module'))?.toLowerCase()), own(ECS_DATASETS, text(get('event.dataset'))?.toLowerCase())]) {
    if (!spec) continue;
    product ??= spec.product;
    for (const s of spec.services) services.add(s);
  }
  if (!product && categories.size === 0 && services.size === 0) return undefined;
  return {
    ...(product ? { product } : {}),
    ...(services.size > 0 ? { service: [...services] } : {}),
    ...(categories.size > 0 ? { category: [...categories] } : {}),
    mapping: 'ecs',
  };
}

/** Our OCSF projection (seen through `withOcsf`): its class, where it names a Sigma category. No product. */
function ocsfSource(get: EventAccessor): DeclaredSource | undefined {
  const cls = Number(fieldText(get('ocsf.class_uid')));
  if (!Number.isInteger(cls) || cls === 0) return undefined;
  const activity = Number(fieldText(get('ocsf.activity_id')));
  const hit = OCSF_CLASSES.find((c) => c.class_uid === cls && (!c.activity_id || c.activity_id.includes(activity)));
  if (!hit) return undefined;
  return { category: hit.sigma, ...(hit.services ? { service: hit.services } : {}), mapping: 'ocsf' };
}

/** A log file's usual name (`/var/log/auth.log.1`, `secure-20240101`, `audit.log.json.gz`). */
function fileSource(source: string | undefined): DeclaredSource | undefined {
  if (!source) return undefined;
  let name = source.slice(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1).toLowerCase();
  name = name.replace(/\.gz$/, '').replace(/\.(json|jsonl|ndjson|txt)$/, '').replace(/(\.\d+|-\d{8})$/, '');
  const spec = own(FILES, name);
  return spec ? { product: spec.product, service: spec.services, mapping: 'message' } : undefined;
}

/**
 * An accessor that also answers `ocsf.…` fields from the event's OCSF projection (`EventWire.ocsf`), for
 * `declaredSourceOf` to read its class and for rules evaluated through the `ocsf` mapping.
 */
export function withOcsf(get: EventAccessor, ocsf: unknown): EventAccessor {
  const projected = fieldResolver(ocsf);
  const wrapped = ((field: string) => (field.startsWith('ocsf.') ? projected(field.slice(5)) : get(field))) as EventAccessor;
  if (get.values) wrapped.values = get.values;
  return wrapped;
}
