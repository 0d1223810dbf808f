// One MISP attribute → STIX: an indicator (to_ids), observed-data with SCOs (not to_ids), a domain
// object (vulnerability, threat actor, campaign, organisation), a note (text, or anything unmapped),
// or an external reference of the report (link).
import { attributeMapping } from './attribute-types.ts';
import type { ConversionContext } from './convert-context.ts';
import { convertGalaxies } from './convert-galaxy.ts';
import type { UnmappedReason } from './convert-options.ts';
import type { MispAttribute, MispObject } from './event-types.ts';
import { observationText } from './observable.ts';
import { absoluteUri } from './observable-values.ts';
import { domainObject, indicator, linkToGalaxy, note, observedData, type Source } from './stix-builders.ts';

/** Custom properties naming the MISP origin of an attribute. */
export function attributeExtra(attr: MispAttribute, parent?: MispObject): Record<string, unknown> {
  const extra: Record<string, unknown> = { x_misp_type: attr.type };
  if (attr.category) extra.x_misp_category = attr.category;
  if (parent) {
    extra.x_misp_object_uuid = parent.uuid;
    extra.x_misp_object_name = parent.name;
    if (attr.objectRelation) extra.x_misp_object_relation = attr.objectRelation;
  }
  return extra;
}

/** The attribute as a custom property value (for notes and for attributes kept on another object). */
export function attributeRecord(attr: MispAttribute): Record<string, unknown> {
  const r: Record<string, unknown> = { uuid: attr.uuid, type: attr.type, value: attr.value, to_ids: attr.toIds };
  if (attr.category) r.category = attr.category;
  if (attr.objectRelation) r.object_relation = attr.objectRelation;
  if (attr.comment) r.comment = attr.comment;
  return r;
}

/** Names of the warninglists that hold any of the values (sorted, without duplicates). */
export function warninglistHits(ctx: ConversionContext, values: readonly { value: string; type: string }[]): string[] {
  const wl = ctx.options.warninglists;
  if (!wl) return [];
  const ids = new Set<string>();
  for (const v of values) for (const hit of wl.check(v.value, v.type)) ids.add(hit.id);
  return [...ids].sort();
}

export function attributeSource(ctx: ConversionContext, attr: MispAttribute, parent?: MispObject): { src: Source; galaxyIds: string[] } {
  const chain = parent ? [parent, attr] : [attr];
  const scope = ctx.scope(chain, [attr.tags], attr.path);
  const galaxies = convertGalaxies(ctx, attr.galaxies, { ...scope, labels: [] });
  scope.labels = scope.labels.filter((l) => !galaxies.coveredTags.has(l));
  for (const l of galaxies.labels) if (!scope.labels.includes(l)) scope.labels.push(l);
  const src: Source = { uuid: attr.uuid, scope, times: ctx.times(attr.timestamp ?? parent?.timestamp), deleted: attr.deleted || (parent?.deleted ?? false), extra: attributeExtra(attr, parent) };
  const fs = ctx.seen(attr.firstSeen ?? parent?.firstSeen);
  if (fs) src.firstSeen = fs;
  const ls = ctx.seen(attr.lastSeen ?? parent?.lastSeen);
  if (ls) src.lastSeen = ls;
  return { src, galaxyIds: galaxies.ids };
}

/** Keeps an attribute as a note and records why; returns the note's id. */
export function unmappedNote(ctx: ConversionContext, attr: MispAttribute, src: Source, reason: UnmappedReason, why: string): string {
  const id = note(ctx, { ...src, extra: { ...src.extra, x_misp_attribute: attributeRecord(attr) } }, `MISP ${attr.type} attribute`, attr.value);
  ctx.unmapped.push({ uuid: attr.uuid, type: attr.type, reason, keptAs: 'note', stixId: id, path: attr.path });
  ctx.log.warn('unmapped', attr.path, `${why}; kept as ${id}`);
  return id;
}

function sdoProps(sdo: 'vulnerability' | 'threat-actor' | 'campaign' | 'identity', attr: MispAttribute): Record<string, unknown> {
  const name = attr.value.trim();
  const props: Record<string, unknown> = { name };
  if (attr.comment) props.description = attr.comment;
  if (sdo === 'vulnerability' && /^CVE-\d{4}-\d{4,}$/i.test(name)) props.external_references = [{ source_name: 'cve', external_id: name.toUpperCase() }];
  if (sdo === 'identity') props.identity_class = 'organization';
  return props;
}

/** Converts one attribute; returns the id of the STIX object that stands for it (undefined for links). */
export function convertAttribute(ctx: ConversionContext, attr: MispAttribute, parent?: MispObject): string | undefined {
  const { src, galaxyIds } = attributeSource(ctx, attr, parent);
  if (attr.hasData) {
    ctx.unmapped.push({ uuid: attr.uuid, type: attr.type, reason: 'payload', keptAs: 'dropped', path: attr.path });
    ctx.log.warn('unmapped', `${attr.path}.data`, `the ${attr.type} payload is not imported (only its value)`);
  }
  const id = convertValue(ctx, attr, src);
  if (id) {
    ctx.byMispUuid.set(attr.uuid, id);
    for (const g of galaxyIds) linkToGalaxy(ctx, id, g, src);
  }
  return id;
}

function convertValue(ctx: ConversionContext, attr: MispAttribute, src: Source): string | undefined {
  const mapping = attributeMapping(attr.type);
  if (!mapping) return unmappedNote(ctx, attr, src, 'unknown-type', `attribute type ${attr.type} has no STIX mapping`);
  switch (mapping.kind) {
    case 'observable': {
      const built = mapping.build(attr.value);
      if ('error' in built) return unmappedNote(ctx, attr, src, 'invalid-value', `${attr.type} value does not parse (${built.error})`);
      if (attr.toIds) return indicator(ctx, src, attr.value, attr.comment, observationText(built.observation), 'stix', warninglistHits(ctx, [attr]));
      if (built.sco) return observedData(ctx, src, [built.sco]);
      return unmappedNote(ctx, attr, src, 'no-observable', `${attr.type} has a pattern form but no observable form, and to_ids is false`);
    }
    case 'rule':
      if (attr.toIds) return indicator(ctx, src, attr.comment?.split('\n')[0] || `${attr.type} rule`, attr.comment, attr.value, mapping.patternType, []);
      return unmappedNote(ctx, attr, src, 'no-observable', `${attr.type} rule with to_ids false`);
    case 'sdo':
      if (attr.value.trim() === '') return unmappedNote(ctx, attr, src, 'invalid-value', `empty ${attr.type}`);
      return domainObject(ctx, mapping.sdo, src, sdoProps(mapping.sdo, attr));
    case 'note':
      return note(ctx, { ...src, extra: { ...src.extra, x_misp_attribute: attributeRecord(attr) } }, attr.comment?.split('\n')[0] || `MISP ${attr.type}`, attr.value);
    case 'link': {
      // external_references[].url must be a URI; anything else is kept as the description.
      const v = attr.value.trim();
      const ref: Record<string, unknown> = absoluteUri(v) ? { source_name: 'misp-link', url: v } : { source_name: 'misp-link', description: v };
      if (attr.comment) ref.description = ref.description === undefined ? attr.comment : `${String(ref.description)} (${attr.comment})`;
      ctx.links.push(ref);
      return undefined;
    }
  }
}
