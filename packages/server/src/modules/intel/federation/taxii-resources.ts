// TAXII 2.1 resources (section 4) as the client reads them from a peer: checked for the members it relies
// on, URLs made absolute, strings bounded. Anything else a peer sends is ignored, never trusted.
import { TaxiiClientError } from './taxii-errors.ts';

export interface Discovery {
  readonly title: string;
  readonly description?: string;
  readonly contact?: string;
  /** Absolute URL of the default API root, when the server names one. */
  readonly default?: string;
  /** Absolute URLs, each ending in `/`. */
  readonly apiRoots: readonly string[];
}

export interface ApiRoot {
  readonly url: string;
  readonly title: string;
  readonly description?: string;
  readonly versions: readonly string[];
  readonly maxContentLength: number;
}

export interface CollectionInfo {
  readonly id: string;
  /** Absolute URL of the collection, ending in `/` (objects are under `objects/`). */
  readonly url: string;
  readonly title: string;
  readonly description?: string;
  readonly alias?: string;
  readonly canRead: boolean;
  readonly canWrite: boolean;
  readonly mediaTypes: readonly string[];
}

/** The status resource of a POST (section 4.3.1). */
export interface TaxiiStatus {
  readonly id: string;
  readonly status: 'complete' | 'pending';
  readonly requestTimestamp?: string;
  readonly totalCount: number;
  readonly successCount: number;
  readonly failureCount: number;
  readonly pendingCount: number;
  readonly successes: ReadonlyArray<StatusDetail>;
  readonly failures: ReadonlyArray<StatusDetail>;
  readonly pendings: ReadonlyArray<StatusDetail>;
}

export interface StatusDetail {
  readonly id: string;
  readonly version: string;
  readonly message?: string;
}

const bad = (url: string, what: string) => new TaxiiClientError('TAXII_BAD_RESPONSE', url, 'The answer is not the expected TAXII resource', { description: what });

const text = (v: unknown, max = 4096): string | undefined => (typeof v === 'string' ? v.slice(0, max) : undefined);
const opt = <K extends string>(k: K, v: string | undefined): { [P in K]?: string } => (v === undefined ? {} : ({ [k]: v } as { [P in K]?: string }));

/** Resolves a URL given by a peer against the URL it was read from; http(s) only, always ending in `/`. */
export function absoluteUrl(base: string, ref: string, what: string): string {
  let u: URL;
  try {
    u = new URL(ref, base);
  } catch {
    throw bad(base, `${what} "${ref.slice(0, 200)}" is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw bad(base, `${what} "${ref.slice(0, 200)}" is not http(s)`);
  u.hash = '';
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.href;
}

export function readDiscovery(url: string, b: Record<string, unknown>): Discovery {
  const title = text(b['title'], 1024);
  if (title === undefined) throw bad(url, 'discovery without a title');
  const roots = b['api_roots'] ?? [];
  if (!Array.isArray(roots) || roots.some((r) => typeof r !== 'string') || roots.length > 1000) throw bad(url, 'api_roots is not a list of URLs');
  return {
    title, ...opt('description', text(b['description'])), ...opt('contact', text(b['contact'])),
    ...(typeof b['default'] === 'string' ? { default: absoluteUrl(url, b['default'], 'default') } : {}),
    apiRoots: (roots as string[]).map((r) => absoluteUrl(url, r, 'api_roots entry')),
  };
}

export function readApiRoot(url: string, b: Record<string, unknown>): ApiRoot {
  const title = text(b['title'], 1024);
  const versions = b['versions'];
  const max = b['max_content_length'];
  if (title === undefined) throw bad(url, 'API root without a title');
  if (!Array.isArray(versions) || versions.some((v) => typeof v !== 'string')) throw bad(url, 'versions is not a list of media types');
  if (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 0) throw bad(url, 'max_content_length is not a whole number');
  return { url, title, ...opt('description', text(b['description'])), versions: versions as string[], maxContentLength: max };
}

export function readCollections(apiRoot: string, b: Record<string, unknown>): CollectionInfo[] {
  const list = b['collections'] ?? [];
  if (!Array.isArray(list)) throw bad(apiRoot, 'collections is not a list');
  return list.map((c) => readCollection(apiRoot, c));
}

export function readCollection(apiRoot: string, c: unknown): CollectionInfo {
  if (!c || typeof c !== 'object' || Array.isArray(c)) throw bad(apiRoot, 'a collection is not an object');
  const r = c as Record<string, unknown>;
  const id = text(r['id'], 256);
  const title = text(r['title'], 1024);
  if (!id || !/^[A-Za-z0-9._~-]+$/.test(id)) throw bad(apiRoot, 'a collection without a usable id');
  if (title === undefined) throw bad(apiRoot, `collection ${id} without a title`);
  if (typeof r['can_read'] !== 'boolean' || typeof r['can_write'] !== 'boolean') throw bad(apiRoot, `collection ${id} without can_read/can_write`);
  const media = Array.isArray(r['media_types']) ? r['media_types'].filter((m): m is string => typeof m === 'string') : [];
  return {
    id, url: absoluteUrl(apiRoot, `collections/${id}/`, 'collection'), title,
    ...opt('description', text(r['description'])), ...opt('alias', text(r['alias'], 256)),
    canRead: r['can_read'], canWrite: r['can_write'], mediaTypes: media,
  };
}

function details(url: string, v: unknown, what: string): StatusDetail[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw bad(url, `${what} is not a list`);
  return v.map((d) => {
    const r = (d && typeof d === 'object' ? d : {}) as Record<string, unknown>;
    return { id: text(r['id'], 300) ?? '', version: text(r['version'], 64) ?? '', ...opt('message', text(r['message'])) };
  });
}

export function readStatus(url: string, b: Record<string, unknown>): TaxiiStatus {
  const id = text(b['id'], 256);
  const status = b['status'];
  const count = (k: string) => {
    const n = b[k];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw bad(url, `status without a whole ${k}`);
    return n;
  };
  if (!id) throw bad(url, 'status without an id');
  if (status !== 'complete' && status !== 'pending') throw bad(url, 'status is neither complete nor pending');
  return {
    id, status, ...opt('requestTimestamp', text(b['request_timestamp'], 64)),
    totalCount: count('total_count'), successCount: count('success_count'), failureCount: count('failure_count'), pendingCount: count('pending_count'),
    successes: details(url, b['successes'], 'successes'), failures: details(url, b['failures'], 'failures'), pendings: details(url, b['pendings'], 'pendings'),
  };
}
