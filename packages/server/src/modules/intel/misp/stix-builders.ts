// Constructors for the STIX objects the conversion emits, with the common properties filled in.
import type { ConversionContext, Scope } from './convert-context.ts';
import type { StixObject } from './convert-options.ts';
import { materialiseSco, type ScoNode } from './observable.ts';
import { relationshipId, stixIdFor } from './stix-ids.ts';
import { maxTime } from './stix-time.ts';

export interface Source {
  /** The MISP UUID the object derives from. */
  uuid: string;
  scope: Scope;
  times: { created: string; modified: string };
  deleted: boolean;
  firstSeen?: string;
  lastSeen?: string;
  /** Custom properties (`x_misp_*`) describing the MISP origin. */
  extra: Record<string, unknown>;
}

function base(ctx: ConversionContext, type: string, id: string, src: Source): StixObject {
  return { type, spec_version: '2.1', id, created: src.times.created, modified: src.times.modified, ...ctx.common(src.scope, src.uuid, src.deleted), ...src.extra };
}

export function indicator(ctx: ConversionContext, src: Source, name: string, description: string | undefined, pattern: string, patternType: string, warninglists: readonly string[]): string {
  const obj = base(ctx, 'indicator', stixIdFor('indicator', src.uuid), src);
  obj.name = name.length > 256 ? `${name.slice(0, 253)}...` : name;
  if (description) obj.description = description;
  obj.pattern = pattern;
  obj.pattern_type = patternType;
  if (patternType === 'stix') obj.pattern_version = '2.1';
  const validFrom = src.firstSeen ?? src.times.created;
  obj.valid_from = validFrom;
  if (src.lastSeen && src.lastSeen > validFrom) obj.valid_until = src.lastSeen;
  if (warninglists.length > 0) obj.x_bulwark_warninglists = [...warninglists];
  return ctx.add(obj);
}

export function observedData(ctx: ConversionContext, src: Source, scos: readonly ScoNode[]): string | undefined {
  const ids: string[] = [];
  const extra = ctx.scoExtra(src.scope);
  const out = new Map<string, Record<string, unknown>>();
  scos.forEach((node, i) => ids.push(materialiseSco(node, extra, out, `${src.uuid}:${i}`)));
  if (ids.length === 0) return undefined;
  for (const sco of out.values()) ctx.add(sco as StixObject);
  const obj = base(ctx, 'observed-data', stixIdFor('observed-data', src.uuid), src);
  const first = src.firstSeen ?? src.times.modified;
  obj.first_observed = first;
  obj.last_observed = src.lastSeen ? maxTime(src.lastSeen, first) : first;
  obj.number_observed = 1;
  obj.object_refs = [...new Set([...out.keys()])];
  return ctx.add(obj);
}

export function note(ctx: ConversionContext, src: Source, abstract: string, content: string): string {
  const obj = base(ctx, 'note', stixIdFor('note', src.uuid), src);
  obj.abstract = abstract.length > 256 ? `${abstract.slice(0, 253)}...` : abstract;
  obj.content = content === '' ? '(empty)' : content;
  obj.object_refs = [ctx.eventObjectId];
  return ctx.add(obj);
}

export function domainObject(ctx: ConversionContext, type: string, src: Source, props: Record<string, unknown>): string {
  return ctx.add({ ...base(ctx, type, stixIdFor(type, src.uuid), src), ...props });
}

/** STIX relationship types are lower-case words joined by hyphens. */
export function relationshipType(text: string): string {
  const t = text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return t === '' ? 'related-to' : t;
}

export function relationship(ctx: ConversionContext, source: string, type: string, target: string, src: Source, mispUuid?: string, description?: string): string {
  const id = relationshipId(source, type, target, mispUuid);
  const obj = base(ctx, 'relationship', id, src);
  obj.relationship_type = type;
  obj.source_ref = source;
  obj.target_ref = target;
  if (description) obj.description = description;
  if (!mispUuid) delete obj.x_misp_uuid;
  else obj.x_misp_uuid = mispUuid;
  return ctx.add(obj);
}

const INDICATES = new Set(['attack-pattern', 'campaign', 'infrastructure', 'intrusion-set', 'malware', 'threat-actor', 'tool']);

/** `indicates` where STIX allows it from an indicator, `related-to` otherwise. */
export function linkToGalaxy(ctx: ConversionContext, from: string, to: string, src: Source): void {
  const fromType = from.slice(0, from.indexOf('--'));
  const toType = to.slice(0, to.indexOf('--'));
  relationship(ctx, from, fromType === 'indicator' && INDICATES.has(toType) ? 'indicates' : 'related-to', to, { ...src, scope: { ...src.scope, labels: [] }, extra: {} });
}
