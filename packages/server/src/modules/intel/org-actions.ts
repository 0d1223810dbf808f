// What a playbook does with intelligence as its organisation (no user behind it): look up a value among
// the indicators the organisation may receive, sight an indicator (a STIX sighting that federates back
// to its owner within its TLP), and promote a value to an indicator of its own.
import { sql } from 'drizzle-orm';
import type { IntelSighting } from '@bulwark/contracts';
import { INSTANCE, rows, type Bus, type Db } from '../../platform/index.ts';
import type { Distribution } from './access/distribution.ts';
import { receiveFilter } from './access/receive-filter.ts';
import { tlpMarkingId } from './access/marking-ids.ts';
import type { TlpLevel } from './access/tlp.ts';
import { uuidv5 } from './misp/uuid5.ts';
import type { IntelObjects } from './objects-port.ts';
import { canonicalDomain, canonicalIp, canonicalUrl } from './pattern/index.ts';
import { recordSighting } from './sightings.ts';
import { receiveSql, type StoreAccess } from './store/scope-sql.ts';
import type { SightingPolicy } from './sighting-scope.ts';

/** Namespace of indicators promoted by playbooks (uuidv5 of organisation, kind and value). */
const PROMOTED_NS = '2c5f7f0e-8d8b-5a51-9c3e-4b1f6a2d7e90';

export interface ValueIndicator {
  readonly id: string;
  readonly name: string | null;
  readonly tlp: TlpLevel;
  readonly ownerInstance: string;
  readonly ownerOrg: string;
  readonly pattern: string | null;
}

/** An observable value in canonical form with its STIX type, or undefined. */
export function observable(raw: string): { kind: 'ipv4-addr' | 'ipv6-addr' | 'domain-name' | 'url'; value: string } | undefined {
  const v = raw.trim();
  const ip = canonicalIp(v);
  if (ip) return { kind: ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr', value: ip };
  if (/^https?:\/\//i.test(v)) return { kind: 'url', value: canonicalUrl(v) };
  if (/^[a-z0-9.-]+\.[a-z]{2,63}\.?$/i.test(v)) return { kind: 'domain-name', value: canonicalDomain(v) };
  return undefined;
}

export interface OrgIntel {
  lookup(orgId: string, value: string, limit?: number): Promise<ValueIndicator[]>;
  sight(orgId: string, objectId: string, body: { count?: number; firstSeen?: string; lastSeen?: string; note?: string }): Promise<{ created: boolean; sighting: IntelSighting }>;
  promote(orgId: string, value: string, opts: { name?: string; description?: string; tlp: TlpLevel; distribution: Distribution; validUntil?: string }): Promise<{ id: string; created: boolean }>;
}

export function orgIntel(db: Db, bus: Bus, objects: IntelObjects, instance: () => Promise<string>, policy: SightingPolicy): OrgIntel {
  const accessFor = async (orgId: string): Promise<{ self: string; access: StoreAccess }> => {
    const self = await instance();
    return { self, access: { ...receiveFilter({ kind: 'user', instance: self, org: orgId }, self), receiptsOf: orgId } };
  };
  return {
    async lookup(orgId, value, limit = 20) {
      const o = observable(value);
      if (!o) return [];
      const { access } = await accessFor(orgId);
      const visible = receiveSql(access);
      const found = await db.tx(INSTANCE, (tx) => rows<{ id: string; name: string | null; tlp: TlpLevel; owner_instance: string; owner_org: string; pattern: string | null }>(tx, sql`select distinct o.id, o.object->>'name' as name, o.tlp, o.owner_instance, o.owner_org, o.object->>'pattern' as pattern
        from intel_values v
        join (select id, version, object, tlp, owner_instance, owner_org from intel_objects where type = 'indicator' and is_latest and not revoked and ${visible}) o on o.id = v.id and o.version = v.version
        where v.kind = ${o.kind} and v.value = ${o.value}
        order by o.id limit ${limit}`));
      return found.map((r) => ({ id: r.id, name: r.name, tlp: r.tlp, ownerInstance: r.owner_instance, ownerOrg: r.owner_org, pattern: r.pattern }));
    },
    async sight(orgId, objectId, body) {
      const { self, access } = await accessFor(orgId);
      return recordSighting({ db, bus, instance: self, org: orgId, access, policy }, objectId, { kind: 'true-positive', ...body });
    },
    async promote(orgId, value, opts) {
      const o = observable(value);
      if (!o) throw new Error(`${value.slice(0, 100)} is not an IP address, domain name or URL`);
      const id = `indicator--${uuidv5(PROMOTED_NS, `${orgId}\n${o.kind}\n${o.value}`)}`;
      const [had] = await db.tx(INSTANCE, (tx) => rows<{ id: string }>(tx, sql`select id from intel_objects where id = ${id} and is_latest limit 1`));
      if (had) return { id, created: false };
      const now = new Date().toISOString();
      const q = o.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
      await objects.publish([{
        type: 'indicator', spec_version: '2.1', id, created: now, modified: now, name: opts.name ?? `${o.kind} ${o.value}`, ...(opts.description ? { description: opts.description } : {}),
        indicator_types: ['malicious-activity'], pattern: `[${o.kind}:value = '${q}']`, pattern_type: 'stix', valid_from: now, ...(opts.validUntil ? { valid_until: opts.validUntil } : {}),
        object_marking_refs: [tlpMarkingId(opts.tlp)],
      }], { orgId, tlp: opts.tlp, distribution: opts.distribution });
      return { id, created: true };
    },
  };
}
