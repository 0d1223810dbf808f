// What other modules may do with the STIX store (DESIGN: queries across modules go through the other
// module's public functions): publish objects as one of this instance's organisations, read the newest
// versions a user may receive, and read newest versions in instance scope for a module's own index
// (the media module's hash index). Writes are announced on `intel.changed` like every other import.
import { sql } from 'drizzle-orm';
import { errors, INSTANCE, orgScope, rows, type Bus, type Db, type Principal } from '../../platform/index.ts';
import type { Distribution } from './access/distribution.ts';
import type { TlpLevel } from './access/tlp.ts';
import { getGroup } from './groups/store.ts';
import { announceChanged } from './live-indicators.ts';
import { importObjects, type ImportReport } from './store/import.ts';
import { receiveSql } from './store/scope-sql.ts';
import { validateObject } from './stix/index.ts';
import { accessOf } from './viewer.ts';

export interface PublishScope {
  readonly orgId: string;
  /** TLP of objects without a TLP marking. */
  readonly tlp: TlpLevel;
  readonly distribution: Distribution;
  /**
   * With distribution `group`: the sharing group (its id), which the organisation must own or belong to;
   * its members are read at publication and travel with the objects.
   */
  readonly group?: string;
}

/** A sharing group as an organisation sees it (one it owns or belongs to). */
export interface SharingGroupRef {
  readonly id: string;
  readonly name: string;
  readonly ownerInstance: string;
  readonly ownerOrg: string;
  readonly members: readonly { readonly instance: string; readonly org: string }[];
}

/** The newest stored version of an object with its scope. */
export interface StoredLatest {
  readonly id: string;
  readonly type: string;
  readonly object: Record<string, unknown>;
  readonly revoked: boolean;
  readonly ownerInstance: string;
  readonly ownerOrg: string;
  readonly tlp: TlpLevel;
  readonly distribution: Distribution;
  /** The sharing group (distribution `group`), else null. */
  readonly group: string | null;
  readonly seq: number;
}

interface Row {
  id: string; type: string; object: Record<string, unknown>; revoked: boolean; owner_instance: string; owner_org: string; tlp: TlpLevel; distribution: Distribution; group_id: string | null; seq: string | number;
}

const toLatest = (r: Row): StoredLatest => ({
  id: r.id, type: r.type, object: r.object, revoked: r.revoked, ownerInstance: r.owner_instance, ownerOrg: r.owner_org, tlp: r.tlp, distribution: r.distribution, group: r.group_id ?? null, seq: Number(r.seq),
});
const COLUMNS = sql`id, type, object, revoked, owner_instance, owner_org, tlp, distribution, group_id, seq`;

export interface IntelObjects {
  /** Stores objects (strict: all or nothing) as `scope.orgId` of this instance; they federate as their scope allows. */
  publish(objects: readonly Record<string, unknown>[], scope: PublishScope): Promise<ImportReport>;
  /** A sharing group the organisation owns or belongs to; undefined when there is none with that id (or not for it). */
  sharingGroup(orgId: string, id: string): Promise<SharingGroupRef | undefined>;
  /** The newest versions of `ids` that the principal may receive. */
  receivable(p: Principal, ids: readonly string[]): Promise<StoredLatest[]>;
  /** Newest versions of `ids` in instance scope (absent: deleted). */
  latest(ids: readonly string[]): Promise<StoredLatest[]>;
  /**
   * Newest versions of indicators whose pattern type starts with one of `patternTypePrefixes` or that carry
   * the custom property `property`, in `seq` order after `afterSeq` (instance scope).
   */
  indicatorsOf(kind: IndicatorKind, afterSeq: number, limit: number): Promise<StoredLatest[]>;
  /** The newest such indicators (not revoked) that the principal may receive from owners other than its organisation, newest first. */
  receivedIndicatorsOf(p: Principal, kind: IndicatorKind, limit: number): Promise<StoredLatest[]>;
}

export interface IndicatorKind {
  readonly patternTypePrefixes: readonly string[];
  readonly property: string;
}

function kindSql(kind: IndicatorKind) {
  const like = kind.patternTypePrefixes.map((t) => sql`object->>'pattern_type' like ${`${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return sql`(${sql.join([...like, sql`object ? ${kind.property}`], sql` or `)})`;
}

export function intelObjects(db: Db, bus: Bus, instance: () => Promise<string>): IntelObjects {
  return {
    async publish(objects, scope) {
      const self = await instance();
      if ((scope.distribution === 'group') !== (scope.group !== undefined)) throw new Error('publish: a sharing group goes with distribution group, and only with it');
      let group: { id: string; members: SharingGroupRef['members'] } | undefined;
      if (scope.group !== undefined) {
        const g = await db.tx(orgScope(scope.orgId), (tx) => getGroup(tx, self, scope.orgId, scope.group!));
        if (!g) throw errors.conflict(`the sharing group ${scope.group} does not exist or your organisation is no longer in it: nothing was shared`);
        group = { id: g.id, members: g.members };
      }
      return importObjects(db, objects, validateObject, {
        scope: { ownerInstance: self, ownerOrg: scope.orgId, tlp: scope.tlp, distribution: scope.distribution, ...(group ? { group } : {}) },
        source: 'local',
        strict: true,
        announce: announceChanged(bus),
      });
    },
    async sharingGroup(orgId, id) {
      const self = await instance();
      const g = await db.tx(orgScope(orgId), (tx) => getGroup(tx, self, orgId, id));
      return g ? { id: g.id, name: g.name, ownerInstance: g.ownerInstance, ownerOrg: g.ownerOrg, members: g.members } : undefined;
    },
    async receivable(p, ids) {
      if (!ids.length) return [];
      const access = receiveSql((await accessOf(db, p, await instance())).access);
      const found = await db.tx(INSTANCE, (tx) => rows<Row>(tx, sql`select ${COLUMNS} from intel_objects
        where is_latest and id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) and ${access}`));
      return found.map(toLatest);
    },
    async latest(ids) {
      if (!ids.length) return [];
      const found = await db.tx(INSTANCE, (tx) => rows<Row>(tx, sql`select ${COLUMNS} from intel_objects
        where is_latest and id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`));
      return found.map(toLatest);
    },
    async indicatorsOf(kind, afterSeq, limit) {
      const found = await db.tx(INSTANCE, (tx) => rows<Row>(tx, sql`select ${COLUMNS} from intel_objects
        where type = 'indicator' and is_latest and seq > ${afterSeq} and ${kindSql(kind)}
        order by seq limit ${limit}`));
      return found.map(toLatest);
    },
    async receivedIndicatorsOf(p, kind, limit) {
      const self = await instance();
      const access = receiveSql((await accessOf(db, p, self)).access);
      const found = await db.tx(INSTANCE, (tx) => rows<Row>(tx, sql`select ${COLUMNS} from intel_objects
        where type = 'indicator' and is_latest and not revoked and ${kindSql(kind)} and ${access}
          and not (owner_instance = ${self} and owner_org = ${p.orgId})
        order by seq desc limit ${limit}`));
      return found.map(toLatest);
    },
  };
}
