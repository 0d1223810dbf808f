// What the store says about indicators being seen or wrong: the latest sighting (STIX `sighting` with
// sighting_of_ref) and the latest false-positive opinion (STIX `opinion` "strongly-disagree" naming it in
// object_refs), newest versions only, revoked ones left out. For a viewer (API: what it may receive), or
// per sharing scope (the live index decides per organisation at match time).
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../../platform/index.ts';
import type { ObjectScope, OrgRef, Recipient } from './access/scope.ts';
import type { Distribution } from './access/distribution.ts';
import type { TlpLevel } from './access/tlp.ts';
import { mergeSignals, type Signals } from './indicators/index.ts';

/** A STIX timestamp text as timestamptz (NULL when it is not one, rather than an error). */
const ts = (expr: SQL): SQL => sql`(case when ${expr} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?Z$' then (${expr})::timestamptz end)`;
const SEEN = ts(sql`coalesce(object->>'last_seen', object->>'first_seen', object->>'modified')`);
const MODIFIED = ts(sql`object->>'modified'`);
const REFS = sql`(case when jsonb_typeof(object->'object_refs') = 'array' then object->'object_refs' else '[]'::jsonb end)`;
export const FALSE_POSITIVE_OPINIONS = sql`object->>'opinion' = 'strongly-disagree'`;

const list = (ids: readonly string[]): string => `{${ids.map((i) => JSON.stringify(i)).join(',')}}`;
const time = (v: Date | string | null): number | undefined => (v === null ? undefined : new Date(v).getTime());

interface SignalRow {
  ref: string;
  seen: Date | string | null;
  recorded: Date | string | null;
  fp: Date | string | null;
}

/** The signals about these objects that the rows passing `visible` give (one query per kind). */
export async function signalsFor(tx: Tx, ids: readonly string[], visible: SQL): Promise<Map<string, Signals>> {
  const out = new Map<string, Signals>();
  if (!ids.length) return out;
  const wanted = list(ids);
  const found = await rows<SignalRow>(tx, sql`select object->>'sighting_of_ref' as ref, max(${SEEN}) as seen, max(${MODIFIED}) as recorded, null as fp
      from intel_objects where type = 'sighting' and is_latest and not revoked and object->>'sighting_of_ref' = any(${wanted}::text[]) and ${visible}
      group by 1
    union all
    select r.ref, null, null, max(${MODIFIED})
      from intel_objects cross join lateral jsonb_array_elements_text(${REFS}) as r(ref)
      where type = 'opinion' and is_latest and not revoked and ${FALSE_POSITIVE_OPINIONS} and object->'object_refs' ?| ${wanted}::text[] and ${visible} and r.ref = any(${wanted}::text[])
      group by 1`);
  for (const r of found) {
    const s: Signals = { ...(r.seen !== null ? { seen: time(r.seen)! } : {}), ...(r.recorded !== null ? { recorded: time(r.recorded)! } : {}), ...(r.fp !== null ? { falsePositive: time(r.fp)! } : {}) };
    out.set(r.ref, mergeSignals(out.get(r.ref) ?? {}, s));
  }
  return out;
}

/** Signals of one sharing scope (the scope of the sightings and opinions that give them). */
export interface ScopedSignals extends Signals {
  readonly scope: Omit<ObjectScope, 'holder'>;
}

interface ScopedRow extends SignalRow {
  owner_instance: string;
  owner_org: string;
  tlp: TlpLevel;
  distribution: Distribution;
  group_id: string | null;
  group_members: OrgRef[];
  recipients: Recipient[];
}

const SCOPE = sql.raw('owner_instance, owner_org, tlp, distribution, group_id, group_members, recipients');

/** The signals about these objects (all, when `ids` is undefined), grouped by the scope of what gives them. */
export async function scopedSignals(tx: Tx, ids: readonly string[] | undefined): Promise<Map<string, ScopedSignals[]>> {
  const wanted = ids ? list(ids) : undefined;
  const sightingOf = wanted ? sql`and object->>'sighting_of_ref' = any(${wanted}::text[])` : sql``;
  const opinionOf = wanted ? sql`and object->'object_refs' ?| ${wanted}::text[] and r.ref = any(${wanted}::text[])` : sql``;
  const found = await rows<ScopedRow>(tx, sql`select object->>'sighting_of_ref' as ref, ${SCOPE}, max(${SEEN}) as seen, max(${MODIFIED}) as recorded, null as fp
      from intel_objects where type = 'sighting' and is_latest and not revoked ${sightingOf}
      group by 1, 2, 3, 4, 5, 6, 7, 8
    union all
    select r.ref, ${SCOPE}, null, null, max(${MODIFIED})
      from intel_objects cross join lateral jsonb_array_elements_text(${REFS}) as r(ref)
      where type = 'opinion' and is_latest and not revoked and ${FALSE_POSITIVE_OPINIONS} ${opinionOf}
      group by 1, 2, 3, 4, 5, 6, 7, 8`);
  const out = new Map<string, ScopedSignals[]>();
  for (const r of found) {
    if (r.ref === null) continue;
    const scope: Omit<ObjectScope, 'holder'> = {
      ownerInstance: r.owner_instance, ownerOrg: r.owner_org, tlp: r.tlp, distribution: r.distribution,
      ...(r.group_id ? { group: { id: r.group_id, members: r.group_members } } : {}), recipients: r.recipients,
    };
    const s: Signals = { ...(r.seen !== null ? { seen: time(r.seen)! } : {}), ...(r.recorded !== null ? { recorded: time(r.recorded)! } : {}), ...(r.fp !== null ? { falsePositive: time(r.fp)! } : {}) };
    const key = JSON.stringify(scope);
    const listFor = out.get(r.ref) ?? [];
    const same = listFor.findIndex((x) => JSON.stringify(x.scope) === key);
    if (same >= 0) listFor[same] = { ...mergeSignals(listFor[same]!, s), scope };
    else listFor.push({ ...s, scope });
    out.set(r.ref, listFor);
  }
  return out;
}
