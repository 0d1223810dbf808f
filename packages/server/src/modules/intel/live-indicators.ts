// The live indicator index of a worker: every current, unrevoked STIX indicator of the store (pattern
// type stix, still valid), with its sharing scope, so that a match is reported only to organisations
// that may receive the indicator. Loaded at start, then kept up to date from `intel.changed` (ids added,
// changed, revoked or deleted, and sightings or opinions about them) without a restart. Matches become
// sightings in the store, shared by the instance's sighting policy.
//
// Each indicator keeps what its decay score needs (indicators/score.ts): its basis, and the latest
// sighting and false-positive times per sharing scope of the sightings and opinions that give them. The
// score for the matching organisation is computed at match time from these (a few arithmetic operations,
// no database read). A match of an indicator whose score is 0 for the organisation (expired, or a false
// positive) is reported with `score: 0` (the detector raises it at informational severity) and records no
// sighting, so that it does not revive itself.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, SUBJECTS, type Db, type Logger, type Tx } from '../../platform/index.ts';
import { canReceive } from './access/can-receive.ts';
import type { Distribution } from './access/distribution.ts';
import type { ObjectScope, OrgRef, Recipient } from './access/scope.ts';
import type { TlpLevel } from './access/tlp.ts';
import { tlpMarkingId } from './access/marking-ids.ts';
import { IndicatorIndex, indicatorScore, mergeSignals, scoreBasis, type EventLike, type IndicatorMatch, type ScoreBasis, type Signals } from './indicators/index.ts';
import type { Observation } from './pattern/index.ts';
import { sightingScope, type SightingPolicy } from './sighting-scope.ts';
import { scopedSignals, type ScopedSignals } from './signals.ts';
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
  /** Organisations of this instance that hold this version through a receipt (they sent the same content). */
  readonly receipts: ReadonlySet<string>;
  /** What its score is computed from (undefined: no valid_from, scored 100). */
  readonly basis: ScoreBasis | undefined;
  /** Latest sighting and false-positive times, per sharing scope of what gives them. */
  signals: ScopedSignals[];
}

/** A match, with the indicator's score for the organisation (0: expired or a false positive). */
export type LiveMatch = IndicatorMatch<IndicatorMeta> & { readonly score: number; readonly falsePositive: boolean };

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
  receipt_orgs: string[] | null;
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
  private metas = new Map<string, IndicatorMeta>();
  private readonly db: Db;
  private readonly log: Logger;
  private readonly instance: () => Promise<string>;
  private readonly policy: SightingPolicy;
  private rejected = 0;

  constructor(db: Db, log: Logger, instance: () => Promise<string>, policy: SightingPolicy = 'organisation') {
    this.db = db;
    this.log = log;
    this.instance = instance;
    this.policy = policy;
  }

  get size(): number {
    return this.index.stats().indicators;
  }

  private put(r: Row, holder: string, now: number, signals: ScopedSignals[]): void {
    this.index.remove(r.id);
    this.metas.delete(r.id);
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
      receipts: new Set(r.receipt_orgs ?? []),
      basis: scoreBasis(o),
      signals,
    };
    try {
      this.index.add(r.id, meta.pattern, meta);
      this.metas.set(r.id, meta);
    } catch (err) {
      this.rejected++;
      this.log.debug({ err, indicator: r.id }, 'indicator pattern not indexed');
    }
  }

  private async read(where: ReturnType<typeof sql>, afterSeq: number): Promise<Array<Row & { seq: string | number }>> {
    return this.db.tx(INSTANCE, (tx) => rows<Row & { seq: string | number }>(tx, sql`select id, object, revoked, owner_instance, owner_org, tlp, distribution, group_id, group_members, recipients, seq,
        (select jsonb_agg(r.org_id) from intel_receipts r where r.object_id = o.id and r.object_version = o.version) as receipt_orgs
      from intel_objects o where type = 'indicator' and is_latest and ${where} and seq > ${afterSeq} order by seq limit ${PAGE}`));
  }

  /** Builds the index from the store (a fresh index replaces the old one when done). */
  async load(): Promise<void> {
    const holder = await this.instance();
    const fresh = new IndicatorIndex<IndicatorMeta>();
    const previous = this.index;
    const previousMetas = this.metas;
    this.index = fresh;
    this.metas = new Map();
    let after = 0;
    const now = Date.now();
    try {
      // Signals first: a sighting stored meanwhile is announced and refreshed (idempotent).
      const signals = await this.db.tx(INSTANCE, (tx) => scopedSignals(tx, undefined));
      for (;;) {
        const page = await this.read(sql`true`, after);
        for (const r of page) this.put(r, holder, now, signals.get(r.id) ?? []);
        if (page.length < PAGE) break;
        after = Number(page.at(-1)!.seq);
      }
    } catch (err) {
      this.index = previous;
      this.metas = previousMetas;
      throw err;
    }
    this.log.info({ indicators: this.size, notIndexed: this.rejected }, 'indicator index loaded');
  }

  /** Re-reads these ids (indicators added, changed, revoked or deleted; sightings and opinions: what they are about). */
  async refresh(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    const holder = await this.instance();
    const given = `{${ids.map((i) => JSON.stringify(i)).join(',')}}`;
    const about = await this.db.tx(INSTANCE, (tx) => rows<{ ref: string }>(tx, sql`select distinct object->>'sighting_of_ref' as ref from intel_objects where id = any(${given}::text[]) and type = 'sighting' and object->>'sighting_of_ref' is not null
      union select distinct r.ref from intel_objects cross join lateral jsonb_array_elements_text(case when jsonb_typeof(object->'object_refs') = 'array' then object->'object_refs' else '[]'::jsonb end) as r(ref)
      where id = any(${given}::text[]) and type = 'opinion' and r.ref like 'indicator--%'`));
    const indicators = [...new Set([...ids.filter((i) => !/^(sighting|opinion)--/.test(i)), ...about.map((a) => a.ref)])];
    if (!indicators.length) return;
    const list = `{${indicators.map((i) => JSON.stringify(i)).join(',')}}`;
    const found = await this.read(sql`id = any(${list}::text[])`, 0);
    const signals = await this.db.tx(INSTANCE, (tx) => scopedSignals(tx, found.map((r) => r.id)));
    const now = Date.now();
    const seen = new Set(found.map((r) => r.id));
    for (const id of indicators) {
      if (seen.has(id)) continue;
      this.index.remove(id);
      this.metas.delete(id);
    }
    for (const r of found) this.put(r, holder, now, signals.get(r.id) ?? []);
  }

  /** The indicators the event matches that this organisation may receive, with their score for it. */
  async match(orgId: string, event: EventLike): Promise<LiveMatch[]> {
    return this.scored(orgId, this.index.match(event));
  }

  /** The same for an observation built by the caller (e.g. the AI gateway's request: address, account, ASN). */
  async matchObservation(orgId: string, observation: Observation): Promise<LiveMatch[]> {
    return this.scored(orgId, this.index.matchObservation(observation));
  }

  private async scored(orgId: string, found: IndicatorMatch<IndicatorMeta>[]): Promise<LiveMatch[]> {
    const viewer = { kind: 'user' as const, instance: await this.instance(), org: orgId };
    const out: LiveMatch[] = [];
    let now: number | undefined;
    for (const m of found) {
      if (!canReceive(viewer, m.meta.scope) && !m.meta.receipts.has(orgId)) continue;
      if (!m.meta.basis) {
        out.push({ ...m, score: 100, falsePositive: false });
        continue;
      }
      let signals: Signals = {};
      for (const s of m.meta.signals) if (canReceive(viewer, { holder: viewer.instance, ...s.scope })) signals = mergeSignals(signals, s);
      now ??= Date.now();
      out.push({ ...m, ...indicatorScore(m.meta.basis, signals, now) });
    }
    return out;
  }

  /**
   * Records sightings (STIX `sighting` objects, one per indicator, organisation and event) in the
   * organisation's own store (re-delivery stores nothing twice), shared by the sighting policy: by default
   * kept to the organisation; with `follow`, as far as the indicator goes. This worker's index counts them
   * at once (other workers when they next load or refresh the indicator).
   */
  async recordSightings(orgId: string, found: ReadonlyArray<{ match: IndicatorMatch<IndicatorMeta>; eventId: string; time: string }>, announce?: (tx: Tx, ids: string[]) => Promise<void>): Promise<void> {
    if (!found.length) return;
    const self = await this.instance();
    const groups = new Map<string, { scope: ReturnType<typeof sightingScope>; objects: Record<string, unknown>[] }>();
    for (const { match, eventId, time } of found) {
      // Held through a receipt only: the owner's scope does not include this organisation, so its
      // sighting stays with it whatever the policy (it must not tell the owner who else holds the content).
      const byReceipt = !canReceive({ kind: 'user', instance: self, org: orgId }, match.meta.scope);
      const policy = byReceipt ? 'organisation' : this.policy;
      const scope = sightingScope(policy, match.meta.scope, { instance: self, org: orgId });
      const key = JSON.stringify(scope);
      const group = groups.get(key) ?? { scope, objects: [] };
      groups.set(key, group);
      group.objects.push({
        type: 'sighting', spec_version: '2.1',
        id: `sighting--${uuidV5(SIGHTING_NS, `${match.indicatorId}\n${orgId}\n${eventId}`)}`,
        created: time, modified: time, first_seen: time, last_seen: time, count: 1,
        sighting_of_ref: match.indicatorId,
        description: `${match.observable} = ${match.value} in event ${eventId}`,
        ...(policy === 'organisation' ? {} : { object_marking_refs: [tlpMarkingId(scope.tlp)] }),
        x_bulwark_event_id: eventId,
      });
      const meta = this.metas.get(match.indicatorId);
      const at = Date.parse(time);
      if (meta && !Number.isNaN(at)) {
        // As the store keeps it: a RED sighting names its organisation (store/import.ts).
        const author = { instance: self, org: orgId };
        const recipients = scope.tlp === 'RED' && !scope.recipients.some((r) => r.instance === self && r.org === orgId && r.user === undefined) ? [...scope.recipients, author] : scope.recipients;
        const own = { ownerInstance: self, ownerOrg: orgId, tlp: scope.tlp, distribution: scope.distribution, ...(scope.group ? { group: scope.group } : {}), recipients };
        const ownKey = JSON.stringify(own);
        const i = meta.signals.findIndex((s) => JSON.stringify(s.scope) === ownKey);
        const merged = mergeSignals(i >= 0 ? meta.signals[i]! : {}, { seen: at, recorded: at });
        if (i >= 0) meta.signals[i] = { ...merged, scope: meta.signals[i]!.scope };
        else meta.signals.push({ ...merged, scope: own });
      }
    }
    for (const { scope, objects } of groups.values()) {
      await importObjects(this.db, objects, () => [], {
        scope: { ownerInstance: self, ownerOrg: orgId, tlp: scope.tlp, distribution: scope.distribution, ...(scope.group ? { group: scope.group } : {}), recipients: scope.recipients },
        source: 'local',
        ...(announce ? { announce: (tx, stored) => announce(tx, stored.map((s) => s.id)) } : {}),
      });
    }
  }
}

/** Publishes `intel.changed` for stored objects (in the storing transaction). */
export function announceChanged(bus: { publish: (tx: Tx, subject: string, data: unknown, id: string) => Promise<void> }) {
  return async (tx: Tx, stored: ReadonlyArray<{ id: string; type?: string }>): Promise<void> => {
    // Indicators, and sightings and opinions (the indicators they are about get their score refreshed).
    const ids = stored.filter((s) => s.type === undefined || s.type === 'indicator' || s.type === 'sighting' || s.type === 'opinion').map((s) => s.id);
    if (ids.length) await bus.publish(tx, SUBJECTS.intelChanged, { ids } satisfies IntelChanged, `intel-changed-${randomUUID()}`);
  };
}
