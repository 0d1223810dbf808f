// The live indicator index of a worker: every current, unrevoked STIX indicator of the store (pattern
// type stix, still valid), with its sharing scope, so that a match is reported only to organisations
// that may receive the indicator. Loaded at start, then kept up to date from `intel.changed` (ids added,
// changed, revoked or deleted) without a restart. Matches become sightings in the store.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, SUBJECTS, type Db, type Logger, type Tx } from '../../platform/index.ts';
import { canReceive } from './access/can-receive.ts';
import type { Distribution } from './access/distribution.ts';
import type { ObjectScope, OrgRef, Recipient } from './access/scope.ts';
import type { TlpLevel } from './access/tlp.ts';
import { IndicatorIndex, type EventLike, type IndicatorMatch } from './indicators/index.ts';
import { uuidV5 } from './stix/index.ts';
import { importObjects } from './store/import.ts';

export interface IndicatorMeta {
  readonly id: string;
  readonly name: string | null;
  readonly pattern: string;
  readonly confidence: number | null;
  readonly labels: readonly string[];
  /** Warninglists the indicator's value is on (MISP import): alert quietly, never block automatically. */
  readonly warninglists: readonly string[];
  readonly tlp: TlpLevel;
  readonly scope: ObjectScope;
}

export interface IntelChanged {
  readonly ids: readonly string[];
}

interface Row {
  id: string;
  object: Record<string, unknown>;
  revoked: boolean;
  owner_instance: string;
  owner_org: string;
  tlp: TlpLevel;
  distribution: Distribution;
  group_id: string | null;
  group_members: OrgRef[];
  recipients: Recipient[];
}

const PAGE = 5000;
/** Namespace of sighting ids: one sighting per indicator, organisation and event. */
const SIGHTING_NS = '6f1d7c2e-2b7a-4f0e-9a59-3f5b8a1c9d10';

function usable(r: Row, now: number): boolean {
  const o = r.object;
  if (r.revoked || o['pattern_type'] !== 'stix' || typeof o['pattern'] !== 'string') return false;
  const until = typeof o['valid_until'] === 'string' ? Date.parse(o['valid_until']) : NaN;
  return Number.isNaN(until) || until > now;
}

export class LiveIndicators {
  private index = new IndicatorIndex<IndicatorMeta>();
  private readonly db: Db;
  private readonly log: Logger;
  private readonly instance: () => Promise<string>;
  private rejected = 0;

  constructor(db: Db, log: Logger, instance: () => Promise<string>) {
    this.db = db;
    this.log = log;
    this.instance = instance;
  }

  get size(): number {
    return this.index.stats().indicators;
  }

  private put(r: Row, holder: string, now: number): void {
    this.index.remove(r.id);
    if (!usable(r, now)) return;
    const o = r.object;
    const meta: IndicatorMeta = {
      id: r.id,
      name: typeof o['name'] === 'string' ? o['name'] : null,
      pattern: o['pattern'] as string,
      confidence: typeof o['confidence'] === 'number' ? o['confidence'] : null,
      labels: Array.isArray(o['labels']) ? o['labels'].filter((l): l is string => typeof l === 'string') : [],
      warninglists: Array.isArray(o['x_bulwark_warninglists']) ? o['x_bulwark_warninglists'].map((w) => (typeof w === 'string' ? w : String((w as { name?: unknown; id?: unknown })?.name ?? (w as { id?: unknown })?.id ?? ''))).filter((w) => w !== '') : [],
      tlp: r.tlp,
      scope: {
        holder, ownerInstance: r.owner_instance, ownerOrg: r.owner_org, tlp: r.tlp, distribution: r.distribution,
        ...(r.group_id ? { group: { id: r.group_id, members: r.group_members } } : {}), recipients: r.recipients,
      },
    };
    try {
      this.index.add(r.id, meta.pattern, meta);
    } catch (err) {
      this.rejected++;
      this.log.debug({ err, indicator: r.id }, 'indicator pattern not indexed');
    }
  }

  private async read(where: ReturnType<typeof sql>, afterSeq: number): Promise<Array<Row & { seq: string | number }>> {
    return this.db.tx(INSTANCE, (tx) => rows<Row & { seq: string | number }>(tx, sql`select id, object, revoked, owner_instance, owner_org, tlp, distribution, group_id, group_members, recipients, seq
      from intel_objects where type = 'indicator' and is_latest and ${where} and seq > ${afterSeq} order by seq limit ${PAGE}`));
  }

  /** Builds the index from the store (a fresh index replaces the old one when done). */
  async load(): Promise<void> {
    const holder = await this.instance();
    const fresh = new IndicatorIndex<IndicatorMeta>();
    const previous = this.index;
    this.index = fresh;
    let after = 0;
    const now = Date.now();
    try {
      for (;;) {
        const page = await this.read(sql`true`, after);
        for (const r of page) this.put(r, holder, now);
        if (page.length < PAGE) break;
        after = Number(page.at(-1)!.seq);
      }
    } catch (err) {
      this.index = previous;
      throw err;
    }
    this.log.info({ indicators: this.size, notIndexed: this.rejected }, 'indicator index loaded');
  }

  /** Re-reads these ids (added, changed, revoked or deleted). */
  async refresh(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    const holder = await this.instance();
    const list = `{${ids.map((i) => JSON.stringify(i)).join(',')}}`;
    const found = await this.read(sql`id = any(${list}::text[])`, 0);
    const now = Date.now();
    const seen = new Set(found.map((r) => r.id));
    for (const id of ids) if (!seen.has(id)) this.index.remove(id);
    for (const r of found) this.put(r, holder, now);
  }

  /** The indicators the event matches that this organisation may receive. */
  async match(orgId: string, event: EventLike): Promise<IndicatorMatch<IndicatorMeta>[]> {
    const viewer = { kind: 'user' as const, instance: await this.instance(), org: orgId };
    return this.index.match(event).filter((m) => canReceive(viewer, m.meta.scope));
  }

  /**
   * Records sightings (STIX `sighting` objects, one per indicator, organisation and event) in the
   * organisation's own store, kept to the organisation (re-delivery stores nothing twice).
   */
  async recordSightings(orgId: string, found: ReadonlyArray<{ match: IndicatorMatch<IndicatorMeta>; eventId: string; time: string }>, announce?: (tx: Tx, ids: string[]) => Promise<void>): Promise<void> {
    if (!found.length) return;
    const sightings = found.map(({ match, eventId, time }) => ({
      type: 'sighting', spec_version: '2.1',
      id: `sighting--${uuidV5(SIGHTING_NS, `${match.indicatorId}\n${orgId}\n${eventId}`)}`,
      created: time, modified: time, first_seen: time, last_seen: time, count: 1,
      sighting_of_ref: match.indicatorId,
      description: `${match.observable} = ${match.value} in event ${eventId}`,
      x_bulwark_event_id: eventId,
    }));
    await importObjects(this.db, sightings, () => [], {
      scope: { ownerInstance: await this.instance(), ownerOrg: orgId, tlp: 'AMBER', distribution: 'organisation' },
      source: 'local',
      ...(announce ? { announce: (tx, stored) => announce(tx, stored.map((s) => s.id)) } : {}),
    });
  }
}

/** Publishes `intel.changed` for stored objects (in the storing transaction). */
export function announceChanged(bus: { publish: (tx: Tx, subject: string, data: unknown, id: string) => Promise<void> }) {
  return async (tx: Tx, stored: ReadonlyArray<{ id: string; type?: string }>): Promise<void> => {
    const ids = stored.filter((s) => s.type === undefined || s.type === 'indicator').map((s) => s.id);
    if (ids.length) await bus.publish(tx, SUBJECTS.intelChanged, { ids } satisfies IntelChanged, `intel-changed-${randomUUID()}`);
  };
}
