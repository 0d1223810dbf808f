// One MISP object → one STIX object with a combined pattern (to_ids) or SCO graph (not to_ids), for the
// templates in object-templates.ts. Attributes outside the template's mapping stay on that object as
// `x_misp_attributes`; those meant for detection are also converted on their own. Objects of other
// templates have their attributes converted one by one.
import { attributeMapping } from './attribute-types.ts';
import { attributeRecord, convertAttribute, warninglistHits } from './convert-attribute.ts';
import type { ConversionContext } from './convert-context.ts';
import { convertGalaxies } from './convert-galaxy.ts';
import type { MispAttribute, MispObject } from './event-types.ts';
import { patternText } from './observable.ts';
import { objectTemplate } from './object-templates.ts';
import { indicator, linkToGalaxy, note, observedData, type Source } from './stix-builders.ts';

function objectSource(ctx: ConversionContext, obj: MispObject, attrs: readonly MispAttribute[]): { src: Source; galaxyIds: string[] } {
  const scope = ctx.scope([obj], attrs.map((a) => a.tags), obj.path);
  const galaxies = convertGalaxies(ctx, attrs.flatMap((a) => a.galaxies), { ...scope, labels: [] });
  scope.labels = scope.labels.filter((l) => !galaxies.coveredTags.has(l));
  for (const l of galaxies.labels) if (!scope.labels.includes(l)) scope.labels.push(l);
  const latest = Math.max(obj.timestamp ?? 0, ...attrs.map((a) => a.timestamp ?? 0));
  const extra: Record<string, unknown> = { x_misp_object_name: obj.name };
  if (obj.metaCategory) extra.x_misp_meta_category = obj.metaCategory;
  const src: Source = { uuid: obj.uuid, scope, times: ctx.times(latest > 0 ? latest : undefined), deleted: obj.deleted, extra };
  const fs = ctx.seen(obj.firstSeen);
  if (fs) src.firstSeen = fs;
  const ls = ctx.seen(obj.lastSeen);
  if (ls) src.lastSeen = ls;
  return { src, galaxyIds: galaxies.ids };
}

export function convertObject(ctx: ConversionContext, obj: MispObject): string | undefined {
  const template = objectTemplate(obj.name);
  const live = obj.attributes.filter((a) => !a.deleted || obj.deleted);
  if (!template) {
    ctx.unmapped.push({ uuid: obj.uuid, type: obj.name, reason: 'unknown-template', keptAs: 'attributes', path: obj.path });
    ctx.log.warn('unmapped', obj.path, `object template ${obj.name} has no combined mapping; its attributes are converted one by one`);
    let main: string | undefined;
    for (const a of obj.attributes) {
      const id = convertAttribute(ctx, a, obj);
      main ??= id;
    }
    if (main) ctx.byMispUuid.set(obj.uuid, main);
    return main;
  }
  const { src, galaxyIds } = objectSource(ctx, obj, live);
  const forDetection = live.filter((a) => a.toIds);
  const detection = forDetection.length > 0 ? template(forDetection.map((a) => ({ relation: a.objectRelation ?? '', value: a.value }))) : undefined;
  let main: string | undefined;
  const represented = new Set<MispAttribute>();
  if (detection && detection.observations.length > 0) {
    const used = forDetection.filter((_, i) => detection.used.has(i));
    for (const a of used) represented.add(a);
    for (const e of detection.errors) ctx.log.warn('schema', forDetection[e.index]?.path, `${e.message}; left out of the ${obj.name} pattern`);
    const pattern = patternText(detection.observations);
    const leftovers = live.filter((a) => !represented.has(a));
    if (leftovers.length > 0) src.extra.x_misp_attributes = leftovers.map(attributeRecord);
    main = indicator(ctx, src, obj.comment?.split('\n')[0] || `MISP ${obj.name} object`, obj.comment, pattern, 'stix', warninglistHits(ctx, used));
  } else {
    const all = template(live.map((a) => ({ relation: a.objectRelation ?? '', value: a.value })));
    live.forEach((a, i) => {
      if (all.used.has(i)) represented.add(a);
    });
    for (const e of all.errors) ctx.log.warn('schema', live[e.index]?.path, `${e.message}; left out of the ${obj.name} observable`);
    const leftovers = live.filter((a) => !represented.has(a));
    if (leftovers.length > 0) src.extra.x_misp_attributes = leftovers.map(attributeRecord);
    main = all.scos.length > 0 ? observedData(ctx, src, all.scos) : undefined;
    if (!main) {
      if (live.length > 0) src.extra.x_misp_attributes = live.map(attributeRecord);
      else delete src.extra.x_misp_attributes;
      represented.clear();
      main = note(ctx, src, `MISP ${obj.name} object`, live.map((a) => `${a.objectRelation ?? a.type}: ${a.value}`).join('\n'));
    }
  }
  ctx.byMispUuid.set(obj.uuid, main);
  for (const a of represented) ctx.byMispUuid.set(a.uuid, main);
  for (const g of galaxyIds) linkToGalaxy(ctx, main, g, src);
  for (const a of live) {
    if (represented.has(a)) continue;
    const mappable = attributeMapping(a.type)?.kind === 'observable';
    if (a.toIds && mappable) {
      convertAttribute(ctx, a, obj);
      continue;
    }
    ctx.byMispUuid.set(a.uuid, main);
    ctx.unmapped.push({ uuid: a.uuid, type: a.type, reason: 'object-relation', keptAs: 'property', stixId: main, path: a.path });
  }
  return main;
}
