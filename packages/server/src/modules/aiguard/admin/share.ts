// A confirmed abusive actor, shared over the federation as STIX 2.1 so that other governments'
// gateways refuse it too: a `threat-actor`, an `identity` for the account (by pseudonym only), and
// indicators with the account's one-way subject hash (`user-account:x_bulwark_subject_sha256`, the same
// hash every Bulwark gateway computes for that user's e-mail or name, never the identifier itself) and
// the source addresses seen, each `indicates` the threat actor, with the MITRE ATLAS techniques of the
// findings as external references. TLP and distribution per aiguard_share_tlp / aiguard_share_distribution.
import { createHash } from 'node:crypto';
import { refusal } from '../../../platform/index.ts';
import type { IntelObjects } from '../../intel/index.ts';
import { tlpMarkingId, uuidv5, type TlpLevel } from '../../intel/index.ts';
import { SUBJECT_HASH_PROPERTY } from '../actors/check.ts';
import { sharedIdentifierHash } from '../gateway/pseudonym.ts';

const NS = '9b1e4c72-3f0a-4d8e-b6a1-2c5d7e9f0a13';

export interface ConfirmedActor {
  readonly orgId: string;
  readonly account: string;
  readonly subject: string;
  readonly ips: readonly string[];
  readonly atlas: readonly string[];
  readonly categories: readonly string[];
  readonly note: string;
}

export function actorObjects(a: ConfirmedActor, tlp: TlpLevel, now = new Date().toISOString()): Record<string, unknown>[] {
  const subjectHash = sharedIdentifierHash(a.subject);
  const seed = `${a.orgId}|${subjectHash}`;
  const refs = [tlpMarkingId(tlp)];
  const atlasRefs = a.atlas.map((t) => ({ source_name: 'mitre-atlas', external_id: t, url: `https://atlas.mitre.org/techniques/${t}` }));
  const actorId = `threat-actor--${uuidv5(NS, `${seed}|actor`)}`;
  const identityId = `identity--${uuidv5(NS, `${seed}|identity`)}`;
  const common = { spec_version: '2.1', created: now, modified: now, object_marking_refs: refs };
  const description = `Abuse of an AI service confirmed by an analyst${a.categories.length ? ` (${a.categories.join(', ')})` : ''}${a.note ? `: ${a.note}` : ''}`;
  const objects: Record<string, unknown>[] = [
    { type: 'threat-actor', id: actorId, ...common, name: `AI service abuser ${a.account}`, description, threat_actor_types: ['unknown'], ...(atlasRefs.length ? { external_references: atlasRefs } : {}) },
    { type: 'identity', id: identityId, ...common, name: a.account, identity_class: 'individual', description: 'Pseudonymised account of an AI gateway' },
    { type: 'relationship', id: `relationship--${uuidv5(NS, `${seed}|attributed`)}`, ...common, relationship_type: 'attributed-to', source_ref: actorId, target_ref: identityId },
  ];
  const indicator = (what: string, pattern: string) => {
    const id = `indicator--${uuidv5(NS, `${seed}|${what}`)}`;
    objects.push({
      type: 'indicator', id, ...common, name: `AI service abuser ${a.account}: ${what}`, description, indicator_types: ['malicious-activity', 'attribution'],
      pattern, pattern_type: 'stix', valid_from: now, labels: ['aiguard', ...a.categories.map((c) => `aiguard:${c}`)], ...(atlasRefs.length ? { external_references: atlasRefs } : {}),
    });
    objects.push({ type: 'relationship', id: `relationship--${uuidv5(NS, `${seed}|${what}|indicates`)}`, ...common, relationship_type: 'indicates', source_ref: id, target_ref: actorId });
  };
  indicator('account', `[user-account:${SUBJECT_HASH_PROPERTY} = '${subjectHash}']`);
  // Only public addresses mean anything to another government (loopback, private and link-local do not).
  for (const v of [...new Set(a.ips.map((x) => (x.startsWith('::ffff:') ? x.slice(7) : x)))].filter((x) => !refusal(x)).slice(0, 20)) {
    indicator(`address ${createHash('sha256').update(v).digest('hex').slice(0, 12)}`, `[${v.includes(':') ? 'ipv6-addr' : 'ipv4-addr'}:value = '${v}']`);
  }
  return objects;
}

export async function shareActor(intel: IntelObjects, a: ConfirmedActor, scope: { tlp: TlpLevel; distribution: 'organisation' | 'community' | 'connected' | 'all' }): Promise<string> {
  const objects = actorObjects(a, scope.tlp);
  const report = await intel.publish(objects, { orgId: a.orgId, tlp: scope.tlp, distribution: scope.distribution });
  const failed = report.defects.filter((d) => d.severity === 'error' && d.code !== 'version-conflict');
  if (failed.length) throw new Error(`the actor could not be shared: ${failed.slice(0, 3).map((d) => `${d.code}: ${d.message}`).join('; ')}`);
  return String(objects[0]!['id']);
}
