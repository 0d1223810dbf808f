// TAXII 2.1 query parameters (spec 3.4): added_after (exclusive), limit, next, match[id], match[type],
// match[version], match[spec_version]; values may be comma-separated or repeated. Bad values are a 400
// naming the parameter; unknown match[...] filters too.
import { TaxiiProblem } from './media.ts';

export interface Filters {
  readonly addedAfter?: string;
  readonly ids?: string[];
  readonly types?: string[];
  readonly versions?: string[];
  readonly specVersions?: string[];
  readonly limit: number;
  readonly afterSeq?: number;
}

const KNOWN = ['added_after', 'limit', 'next', 'match[id]', 'match[type]', 'match[version]', 'match[spec_version]'];
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const MAX_VALUES = 1000;

const bad = (param: string, why: string) => new TaxiiProblem(400, `Bad parameter ${param}`, 'INVALID_PARAMETER', why);

function values(q: Record<string, string | string[] | undefined>, name: string): string[] | undefined {
  const raw = q[name];
  if (raw === undefined) return undefined;
  const list = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (list.length > MAX_VALUES) throw bad(name, `at most ${MAX_VALUES} values`);
  return list.length ? list : undefined;
}

export function parseFilters(q: Record<string, string | string[] | undefined>, maxPage: number, unsupported: readonly string[] = []): Filters {
  for (const key of Object.keys(q)) {
    if (!KNOWN.includes(key) && key.startsWith('match[')) throw bad(key, 'this server supports match[id], match[type], match[version] and match[spec_version]');
    if (unsupported.includes(key)) throw bad(key, 'not supported on this endpoint');
  }
  const out: { -readonly [K in keyof Filters]: Filters[K] } = { limit: maxPage };
  const after = values(q, 'added_after');
  if (after) {
    if (after.length !== 1 || !TIMESTAMP.test(after[0]!) || Number.isNaN(Date.parse(after[0]!))) throw bad('added_after', 'one timestamp such as 2016-01-01T01:01:01.000Z');
    out.addedAfter = after[0]!;
  }
  const limit = values(q, 'limit');
  if (limit) {
    const n = Number(limit[0]);
    if (limit.length !== 1 || !Number.isInteger(n) || n < 1) throw bad('limit', 'a positive whole number');
    out.limit = Math.min(n, maxPage);
  }
  const next = values(q, 'next');
  if (next) {
    let seq: unknown;
    try {
      seq = (JSON.parse(Buffer.from(next[0]!, 'base64url').toString('utf8')) as { s?: unknown }).s;
    } catch {
      seq = undefined;
    }
    if (next.length !== 1 || typeof seq !== 'number' || !Number.isSafeInteger(seq)) throw bad('next', 'not a value this server issued');
    out.afterSeq = seq;
  }
  const ids = values(q, 'match[id]');
  if (ids) out.ids = ids;
  const types = values(q, 'match[type]');
  if (types) out.types = types;
  const versions = values(q, 'match[version]');
  if (versions) out.versions = versions;
  const specs = values(q, 'match[spec_version]');
  if (specs) out.specVersions = specs;
  return out;
}
