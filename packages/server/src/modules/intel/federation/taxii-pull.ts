// Incremental, cursor-safe, resumable pull of a TAXII 2.1 collection.
//
// A pull asks for what was added after the state's `addedAfter` and follows `next` while `more`. After
// every page it hands the objects and the state to resume from to `onPage`; the caller stores the objects
// and then the state (ideally in one transaction). Delivery is at least once: a crash after storing the
// objects but before storing the state fetches that page again on the next run, and the store ignores
// a version it already holds (same id and version, same content), so a duplicate is harmless. Nothing is
// lost: the state only moves past a page after onPage returned for it.
//
// Cursor first: `next` is the server's position and is exact under concurrent inserts. It belongs to the
// query that produced it, so the state keeps the `added_after` the traversal began with (`nextAddedAfter`)
// and a resumed pull repeats that query with the cursor. A cursor the server refuses (expired, server
// restarted) is dropped and the pull goes on from `addedAfter`. A server that ignores `next` (it answers
// the same page again) or says `more` without a `next` is paged by `added_after` instead: each request
// asks from just before the newest X-TAXII-Date-Added-Last seen, so objects sharing that timestamp are
// not skipped, and objects of the previous page are not delivered twice.
import { versionKey } from '../stix/index.ts';
import { TaxiiClientError } from './taxii-errors.ts';
import { justBefore, laterOf } from './timestamps.ts';
import type { ObjectsPage, ObjectsQuery } from './taxii-client.ts';

export interface PullState {
  /** Newest X-TAXII-Date-Added-Last handed to onPage: a new traversal asks for what was added after it. */
  readonly addedAfter?: string;
  /** The server's cursor, to finish an interrupted traversal. */
  readonly next?: string;
  /** The `added_after` the traversal that issued `next` began with (absent: none). */
  readonly nextAddedAfter?: string;
}

export interface PullPage {
  /** Objects of this page not already delivered on the previous page (STIX objects as received). */
  readonly objects: Array<Record<string, unknown>>;
  /** Persist this after the objects: a later pull resumes from it. */
  readonly state: PullState;
  /** 1 for the first page of this run. */
  readonly page: number;
  readonly dateAddedFirst?: string;
  readonly dateAddedLast?: string;
}

export interface PullOptions {
  readonly from?: PullState;
  readonly onPage: (page: PullPage) => void | Promise<void>;
  /** `limit` asked of the server (default 1000). */
  readonly pageSize?: number;
  /** Stop after this many objects; the state resumes there (default 100,000). */
  readonly maxObjects?: number;
  /** Stop after this many requests (default 10,000). */
  readonly maxPages?: number;
  /** Stop after this long, between pages (default 15 minutes). */
  readonly maxDurationMs?: number;
  readonly match?: ObjectsQuery['match'];
  /**
   * Ask again for what was added this many seconds before `addedAfter` when a traversal starts afresh, for
   * peers whose date_added is not in commit order (their late commits would otherwise be missed).
   * Costs duplicates, which are harmless. Default 0.
   */
  readonly overlapSeconds?: number;
}

export interface PullResult {
  readonly state: PullState;
  /** Objects delivered to onPage. */
  readonly objects: number;
  /** Requests made. */
  readonly pages: number;
  /** True when the server said there was nothing more. */
  readonly complete: boolean;
  readonly stoppedBy?: 'max-objects' | 'max-pages' | 'max-duration';
  /** Objects the server sent again and that were not delivered twice. */
  readonly duplicatesSkipped: number;
  readonly mode: 'cursor' | 'added-after';
  readonly warnings: string[];
}

type FetchPage = (collectionUrl: string, query: ObjectsQuery) => Promise<ObjectsPage>;

const keyOf = (o: Record<string, unknown>): string => `${String(o['id'])}\u0000${versionKey(o)}`;
const MAX_CURSOR_RECOVERIES = 3;

function overlapStart(addedAfter: string | undefined, seconds: number): string | undefined {
  if (addedAfter === undefined || seconds <= 0) return addedAfter;
  const ms = Date.parse(addedAfter);
  return Number.isNaN(ms) ? addedAfter : new Date(ms - seconds * 1000).toISOString();
}

/** A cursor the server will not take any more (it would be a 4xx about the request, not about us). */
const refusedCursor = (e: unknown): boolean =>
  e instanceof TaxiiClientError && e.code === 'TAXII_PEER_ERROR' && (e.httpStatus === 400 || e.httpStatus === 404 || e.httpStatus === 410 || e.httpStatus === 422);

export async function pullCollection(fetchPage: FetchPage, collectionUrl: string, opts: PullOptions): Promise<PullResult> {
  const from = opts.from ?? {};
  const pageSize = opts.pageSize ?? 1000;
  const maxObjects = opts.maxObjects ?? 100_000;
  const maxPages = opts.maxPages ?? 10_000;
  const deadline = Date.now() + (opts.maxDurationMs ?? 15 * 60_000);
  const warnings: string[] = [];
  const warn = (w: string) => {
    if (!warnings.includes(w)) warnings.push(w);
  };

  let newest = from.addedAfter;
  let next = from.next;
  // The added_after of the current cursor traversal.
  let base = next !== undefined ? from.nextAddedAfter : overlapStart(from.addedAfter, opts.overlapSeconds ?? 0);
  let mode = 'cursor' as 'cursor' | 'added-after';
  let fallbackAfter: string | undefined;
  let previous = new Set<string>();
  let state: PullState = from;
  let delivered = 0;
  let pages = 0;
  let duplicates = 0;
  let recoveries = 0;
  let stoppedBy: PullResult['stoppedBy'];
  let complete = false;

  const startFallback = (why: string) => {
    mode = 'added-after';
    next = undefined;
    fallbackAfter = newest !== undefined ? justBefore(newest) : base;
    warn(why);
  };

  for (;;) {
    if (delivered >= maxObjects) stoppedBy = 'max-objects';
    else if (pages >= maxPages) stoppedBy = 'max-pages';
    else if (pages > 0 && Date.now() >= deadline) stoppedBy = 'max-duration';
    if (stoppedBy) break;

    const limit = Math.max(1, Math.min(pageSize, maxObjects - delivered));
    const after = mode === 'cursor' ? base : fallbackAfter;
    const query: ObjectsQuery = { limit, ...(after !== undefined ? { addedAfter: after } : {}), ...(mode === 'cursor' && next !== undefined ? { next } : {}), ...(opts.match ? { match: opts.match } : {}) };
    let page: ObjectsPage;
    try {
      pages++;
      page = await fetchPage(collectionUrl, query);
    } catch (e) {
      if (query.next === undefined || !refusedCursor(e) || recoveries >= MAX_CURSOR_RECOVERIES) throw e;
      // Start a new traversal from what was delivered; at worst a few objects come again.
      recoveries++;
      warn(`the server refused a cursor (${(e as TaxiiClientError).title}); continued from added_after`);
      next = undefined;
      base = newest;
      continue;
    }

    const keys = page.objects.map(keyOf);
    if (query.next !== undefined && keys.length > 0 && keys.every((k) => previous.has(k))) {
      startFallback('the server ignores next; paged by added_after');
      continue;
    }
    const fresh = page.objects.filter((o, i) => !previous.has(keys[i]!));
    duplicates += page.objects.length - fresh.length;
    if (mode === 'added-after' && fresh.length === 0 && page.more) {
      // A whole page shares the newest timestamp: step past it (exclusive), or give up if that was done.
      if (newest === undefined || fallbackAfter === newest) {
        throw new TaxiiClientError('TAXII_NO_PROGRESS', collectionUrl, 'The pull does not advance', { description: `the server keeps answering the same objects after ${fallbackAfter ?? 'the start'}` });
      }
      fallbackAfter = newest;
      warn(`more than one page of objects share date_added ${newest}; some of them may be missed`);
      continue;
    }
    if (page.objects.length > 0 && page.dateAddedLast === undefined) warn('the server sends no X-TAXII-Date-Added-Last; the next pull cannot start where this one ended');
    newest = laterOf(newest, page.dateAddedLast);
    const cursorNext = mode === 'cursor' && page.more ? page.next : undefined;
    state = {
      ...(newest !== undefined ? { addedAfter: newest } : {}),
      ...(cursorNext !== undefined ? { next: cursorNext, ...(base !== undefined ? { nextAddedAfter: base } : {}) } : {}),
    };
    await opts.onPage({ objects: fresh, state, page: pages, ...(page.dateAddedFirst ? { dateAddedFirst: page.dateAddedFirst } : {}), ...(page.dateAddedLast ? { dateAddedLast: page.dateAddedLast } : {}) });
    delivered += fresh.length;
    previous = new Set(keys);

    if (!page.more) {
      complete = true;
      break;
    }
    if (mode === 'cursor') {
      if (cursorNext !== undefined) next = cursorNext;
      else startFallback('the server says more but gives no next; paged by added_after');
    } else {
      if (page.dateAddedLast === undefined) throw new TaxiiClientError('TAXII_NO_PROGRESS', collectionUrl, 'The pull cannot advance', { description: 'the server neither honours next nor sends X-TAXII-Date-Added-Last' });
      fallbackAfter = justBefore(newest!);
    }
  }
  return { state, objects: delivered, pages, complete, ...(stoppedBy ? { stoppedBy } : {}), duplicatesSkipped: duplicates, mode, warnings };
}
