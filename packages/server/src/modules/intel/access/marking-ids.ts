// The TLP marking-definition id table (data: marking-ids.json), validated once at load.
import data from './marking-ids.json' with { type: 'json' };
import { TLP_LEVELS, isTlpLevel, type TlpLevel } from './tlp.ts';

const ID = /^marking-definition--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const TLP2_EXTENSION_ID: string = data.tlp2.extensionDefinitionId;

export interface Tlp2Marking {
  readonly id: string;
  readonly name: string;
  /** The value of `tlp_2_0` in the extension. */
  readonly value: string;
}

function load(): { byId: ReadonlyMap<string, TlpLevel>; tlp2: Readonly<Record<TlpLevel, Tlp2Marking>> } {
  const byId = new Map<string, TlpLevel>();
  const put = (id: string, level: string): void => {
    if (!ID.test(id)) throw new Error(`marking-ids.json: malformed id ${id}`);
    if (!isTlpLevel(level)) throw new Error(`marking-ids.json: unknown level ${level} for ${id}`);
    if (byId.has(id)) throw new Error(`marking-ids.json: duplicate id ${id}`);
    byId.set(id, level);
  };
  const markings: Record<string, Tlp2Marking> = data.tlp2.markings;
  const tlp2 = {} as Record<TlpLevel, Tlp2Marking>;
  for (const level of TLP_LEVELS) {
    const m = markings[level];
    if (m === undefined) throw new Error(`marking-ids.json: no TLP 2.0 marking for ${level}`);
    put(m.id, level);
    tlp2[level] = Object.freeze({ ...m });
  }
  for (const alias of data.aliases) put(alias.id, alias.level);
  return { byId, tlp2: Object.freeze(tlp2) };
}

const table = load();

/** Every known TLP marking-definition id (TLP 2.0, TLP 1.0, OpenCTI) → its level. */
export const TLP_MARKING_IDS: ReadonlyMap<string, TlpLevel> = table.byId;

/** The level of a known TLP marking-definition id; undefined for any other id (near misses included). */
export function tlpOfMarkingId(id: string): TlpLevel | undefined {
  return table.byId.get(id.trim().toLowerCase());
}

/** The OASIS TLP 2.0 marking-definition id emitted on export. */
export function tlpMarkingId(level: TlpLevel): string {
  return table.tlp2[level].id;
}

export interface Tlp2MarkingObject {
  readonly type: 'marking-definition';
  readonly spec_version: string;
  readonly id: string;
  readonly created: string;
  readonly name: string;
  readonly extensions: Readonly<Record<string, { readonly extension_type: 'property-extension'; readonly tlp_2_0: string }>>;
}

/** The OASIS TLP 2.0 marking-definition object emitted on export (a fresh, frozen copy). */
export function tlpMarkingObject(level: TlpLevel): Tlp2MarkingObject {
  const m = table.tlp2[level];
  return Object.freeze({
    type: 'marking-definition',
    spec_version: data.tlp2.specVersion,
    id: m.id,
    created: data.tlp2.created,
    name: m.name,
    extensions: Object.freeze({ [TLP2_EXTENSION_ID]: Object.freeze({ extension_type: 'property-extension', tlp_2_0: m.value }) }),
  });
}
