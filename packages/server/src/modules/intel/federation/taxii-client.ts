// TAXII 2.1 client (OASIS TAXII 2.1, sections 4.1-4.4) for one peer: discovery, API root, collections,
// objects (a page, or a whole incremental pull), adding objects with their status. Every request goes
// through the platform's egress guard (taxii-http.ts). Bodies of GET objects may be signature-checked and
// POST bodies signed (wire.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProtectedHeader } from './signing.ts';
import { TaxiiClientError } from './taxii-errors.ts';
import { headerValue, taxiiRequest, TAXII_MEDIA, type TaxiiConnection } from './taxii-http.ts';
import { pullCollection, type PullOptions, type PullResult } from './taxii-pull.ts';
import { absoluteUrl, readApiRoot, readCollection, readCollections, readDiscovery, readStatus, type ApiRoot, type CollectionInfo, type Discovery, type TaxiiStatus } from './taxii-resources.ts';
import { isTimestamp } from './timestamps.ts';
import { SIGNATURE_HEADER, signEnvelope, type EnvelopeVerifier, type Signer } from './wire.ts';

type OneOrMany = string | readonly string[];

export interface ObjectsQuery {
  /** Exclusive: objects added after this timestamp. */
  readonly addedAfter?: string;
  readonly limit?: number;
  readonly next?: string;
  readonly match?: { readonly id?: OneOrMany; readonly type?: OneOrMany; readonly version?: OneOrMany; readonly spec_version?: OneOrMany };
}

export interface ObjectsPage {
  readonly url: string;
  readonly objects: Array<Record<string, unknown>>;
  readonly more: boolean;
  readonly next?: string;
  /** X-TAXII-Date-Added-First / -Last of this page. */
  readonly dateAddedFirst?: string;
  readonly dateAddedLast?: string;
  /** The verified signature header, when the page was signed and a verifier was configured. */
  readonly signature?: ProtectedHeader;
}

export interface TaxiiClientOptions extends TaxiiConnection {
  /** Signs every POST of objects (X-Bulwark-Signature). */
  readonly signer?: Signer;
  /** The peer's instance id, put in `aud` of POST signatures. */
  readonly audience?: string;
  /** Checks the signature of every page of objects received. */
  readonly verifyResponses?: EnvelopeVerifier;
  /** Most objects accepted in one page (default 10,000). */
  readonly maxPageObjects?: number;
  /** Poll interval and bound for waitForStatus (defaults 1 s and 60 s). */
  readonly statusPollMs?: number;
  readonly statusTimeoutMs?: number;
}

export interface TaxiiClient {
  /** GET a discovery URL (e.g. https://peer/taxii2/). */
  discover(url: string): Promise<Discovery>;
  apiRoot(url: string): Promise<ApiRoot>;
  collections(apiRootUrl: string): Promise<CollectionInfo[]>;
  collection(apiRootUrl: string, id: string): Promise<CollectionInfo>;
  /** One page of a collection's objects. `collectionUrl` is the collection's URL (…/collections/<id>/). */
  getObjects(collectionUrl: string, query?: ObjectsQuery): Promise<ObjectsPage>;
  /** Everything added since a saved state, page by page (taxii-pull.ts). */
  pullAll(collectionUrl: string, opts: PullOptions): Promise<PullResult>;
  /** POST objects as one envelope; the answer is the status resource (often pending). */
  postObjects(collectionUrl: string, objects: readonly unknown[], opts?: { signature?: string | false }): Promise<TaxiiStatus & { readonly url: string }>;
  getStatus(statusUrl: string): Promise<TaxiiStatus>;
  /** Polls a status until complete or until the bound; returns the last status read (pending on time-out). */
  waitForStatus(statusUrl: string, opts?: { intervalMs?: number; timeoutMs?: number }): Promise<TaxiiStatus>;
}

const MAX_NEXT = 4096;

function objectsUrl(collectionUrl: string, q: ObjectsQuery): string {
  const u = new URL('objects/', absoluteUrl(collectionUrl, collectionUrl, 'collection'));
  if (q.addedAfter !== undefined) u.searchParams.set('added_after', q.addedAfter);
  if (q.limit !== undefined) u.searchParams.set('limit', String(q.limit));
  if (q.next !== undefined) u.searchParams.set('next', q.next);
  for (const [k, v] of Object.entries(q.match ?? {})) {
    const values = typeof v === 'string' ? [v] : (v as readonly string[] | undefined) ?? [];
    if (values.length) u.searchParams.set(`match[${k}]`, values.join(','));
  }
  return u.href;
}

/** The status URL of an API root, from one of its collection URLs (…/collections/<id>/ → …/status/<sid>/). */
export function statusUrlOf(collectionUrl: string, statusId: string): string {
  return new URL(`../../status/${encodeURIComponent(statusId)}/`, absoluteUrl(collectionUrl, collectionUrl, 'collection')).href;
}

function dateHeader(url: string, headers: Parameters<typeof headerValue>[0], name: string): string | undefined {
  const v = headerValue(headers, name);
  if (v === undefined) return undefined;
  if (!isTimestamp(v.trim())) throw new TaxiiClientError('TAXII_BAD_RESPONSE', url, `${name} is not a timestamp`, { description: v.slice(0, 100) });
  return v.trim();
}

export function createTaxiiClient(opts: TaxiiClientOptions = {}): TaxiiClient {
  const maxPageObjects = opts.maxPageObjects ?? 10_000;

  const getObjects = async (collectionUrl: string, query: ObjectsQuery = {}): Promise<ObjectsPage> => {
    const url = objectsUrl(collectionUrl, query);
    const res = await taxiiRequest(opts, url);
    const b = res.body;
    const objects = b['objects'] ?? [];
    if (!Array.isArray(objects)) throw new TaxiiClientError('TAXII_BAD_RESPONSE', url, 'objects is not a list');
    if (objects.length > maxPageObjects) throw new TaxiiClientError('TAXII_BAD_RESPONSE', url, 'Too many objects in one page', { description: `${objects.length} > ${maxPageObjects}` });
    if (objects.some((o) => !o || typeof o !== 'object' || Array.isArray(o))) throw new TaxiiClientError('TAXII_BAD_RESPONSE', url, 'an entry of objects is not a JSON object');
    if (b['more'] !== undefined && typeof b['more'] !== 'boolean') throw new TaxiiClientError('TAXII_BAD_RESPONSE', url, 'more is not a boolean');
    const next = typeof b['next'] === 'string' && b['next'] !== '' && b['next'].length <= MAX_NEXT ? b['next'] : undefined;
    const signature = opts.verifyResponses ? await opts.verifyResponses(b, headerValue(res.headers, SIGNATURE_HEADER.toLowerCase()), url) : undefined;
    const first = dateHeader(url, res.headers, 'x-taxii-date-added-first');
    const last = dateHeader(url, res.headers, 'x-taxii-date-added-last');
    return {
      url, objects: objects as Array<Record<string, unknown>>, more: b['more'] === true,
      ...(next !== undefined ? { next } : {}), ...(first ? { dateAddedFirst: first } : {}), ...(last ? { dateAddedLast: last } : {}),
      ...(signature ? { signature } : {}),
    };
  };

  const getStatus = async (statusUrl: string): Promise<TaxiiStatus> => {
    const res = await taxiiRequest(opts, statusUrl);
    return readStatus(res.url, res.body);
  };

  return {
    async discover(url) {
      const res = await taxiiRequest(opts, absoluteUrl(url, url, 'discovery'));
      return readDiscovery(res.url, res.body);
    },
    async apiRoot(url) {
      const target = absoluteUrl(url, url, 'API root');
      const res = await taxiiRequest(opts, target);
      return readApiRoot(target, res.body);
    },
    async collections(apiRootUrl) {
      const root = absoluteUrl(apiRootUrl, apiRootUrl, 'API root');
      const res = await taxiiRequest(opts, new URL('collections/', root).href);
      return readCollections(root, res.body);
    },
    async collection(apiRootUrl, id) {
      const root = absoluteUrl(apiRootUrl, apiRootUrl, 'API root');
      const res = await taxiiRequest(opts, new URL(`collections/${encodeURIComponent(id)}/`, root).href);
      return readCollection(root, res.body);
    },
    getObjects,
    pullAll: (collectionUrl, pullOpts) => pullCollection(getObjects, collectionUrl, pullOpts),
    async postObjects(collectionUrl, objects, postOpts = {}) {
      const envelope = { objects };
      const url = new URL('objects/', absoluteUrl(collectionUrl, collectionUrl, 'collection')).href;
      const signature = postOpts.signature === false ? undefined : postOpts.signature ?? (opts.signer ? signEnvelope(envelope, opts.signer, opts.audience) : undefined);
      const res = await taxiiRequest(opts, url, {
        method: 'POST',
        body: JSON.stringify(envelope),
        headers: { 'content-type': TAXII_MEDIA, ...(signature !== undefined ? { [SIGNATURE_HEADER]: signature } : {}) },
      });
      const status = readStatus(res.url, res.body);
      return { ...status, url: statusUrlOf(collectionUrl, status.id) };
    },
    getStatus,
    async waitForStatus(statusUrl, waitOpts = {}) {
      const interval = waitOpts.intervalMs ?? opts.statusPollMs ?? 1000;
      const until = Date.now() + (waitOpts.timeoutMs ?? opts.statusTimeoutMs ?? 60_000);
      for (let delay = interval; ; delay = Math.min(delay * 1.5, 10_000)) {
        const status = await getStatus(statusUrl);
        if (status.status === 'complete' || Date.now() + delay > until) return status;
        await sleep(delay);
      }
    },
  };
}
