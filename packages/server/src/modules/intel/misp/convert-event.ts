// A MISP event → STIX 2.1: a report (or grouping) referring to the creator organisation (identity),
// the converted attributes and objects, galaxy objects, notes and relationships (object references).
import { convertAttribute } from './convert-attribute.ts';
import { ConversionContext } from './convert-context.ts';
import { convertGalaxies } from './convert-galaxy.ts';
import { convertObject } from './convert-object.ts';
import type { ConvertOptions, ConvertResult, StixObject } from './convert-options.ts';
import { DEFAULT_EVENT_LIMITS, type EventLimits, parseMispEvent } from './event-parse.ts';
import type { MispEvent } from './event-types.ts';
import { type MispProblem, ProblemLog } from './problems.ts';
import { note, relationship, relationshipType, type Source } from './stix-builders.ts';
import { MISP_IMPORT_NAMESPACE, stixIdFor } from './stix-ids.ts';
import { EPOCH, fromEpochSeconds } from './stix-time.ts';
import { TLP_LEVELS, tlpMarkingObject } from './tlp.ts';
import { uuidv5 } from './uuid5.ts';

const THREAT_LEVELS: Readonly<Record<number, string>> = { 1: 'high', 2: 'medium', 3: 'low', 4: 'undefined' };
const ANALYSIS: Readonly<Record<number, string>> = { 0: 'initial', 1: 'ongoing', 2: 'completed' };

function creator(ctx: ConversionContext, event: MispEvent, src: Source): void {
  if (!event.orgc) return;
  const id = event.orgc.uuid ? stixIdFor('identity', event.orgc.uuid) : `identity--${uuidv5(MISP_IMPORT_NAMESPACE, `identity:name:${event.orgc.name}`)}`;
  // The organisation has no timestamps in MISP: the epoch keeps its version the same on every import.
  const obj: StixObject = { type: 'identity', spec_version: '2.1', id, created: EPOCH, modified: EPOCH, name: event.orgc.name, identity_class: 'organization', ...ctx.common({ ...src.scope, labels: [] }, event.orgc.uuid) };
  ctx.add(obj);
  ctx.creatorRef = id;
}

function references(ctx: ConversionContext, event: MispEvent): void {
  for (const obj of event.objects) {
    obj.references.forEach((ref, i) => {
      const path = `${obj.path}.ObjectReference[${i}]`;
      const source = ctx.byMispUuid.get(obj.uuid);
      const target = ctx.byMispUuid.get(ref.referencedUuid);
      if (!source || !target) {
        ctx.log.warn('reference', path, `reference to ${ref.referencedUuid} does not resolve to a converted attribute or object; dropped`);
        return;
      }
      if (source === target) return;
      const src: Source = { uuid: ref.uuid ?? obj.uuid, scope: ctx.scope([obj], obj.attributes.map((a) => a.tags), path), times: ctx.times(obj.timestamp), deleted: obj.deleted, extra: {} };
      src.scope.labels = [];
      relationship(ctx, source, relationshipType(ref.relationshipType), target, src, ref.uuid, ref.comment);
    });
  }
}

/** Converts a parsed event. Never throws on content; problems and unmapped items are reported. */
export function convertMispEvent(event: MispEvent, options: ConvertOptions = {}, file?: string): ConvertResult {
  const ctx = new ConversionContext(event, options, file);
  const kind = options.eventAs === 'grouping' || (options.eventAs === 'auto' && !event.published) ? 'grouping' : 'report';
  ctx.eventObjectId = stixIdFor(kind, event.uuid);
  const scope = ctx.scope([], [], 'Event');
  const eventSrc: Source = { uuid: event.uuid, scope, times: { created: ctx.eventCreated, modified: ctx.eventModified }, deleted: false, extra: {} };
  creator(ctx, event, eventSrc);
  const galaxies = convertGalaxies(ctx, event.galaxies, { ...scope, labels: [] });
  scope.labels = scope.labels.filter((l) => !galaxies.coveredTags.has(l));
  for (const l of galaxies.labels) if (!scope.labels.includes(l)) scope.labels.push(l);
  for (const a of event.attributes) convertAttribute(ctx, a);
  for (const o of event.objects) convertObject(ctx, o);
  event.reports.forEach((r, i) => {
    const path = `Event.EventReport[${i}]`;
    const src: Source = { uuid: r.uuid, scope: ctx.scope([r], [], path), times: ctx.times(r.timestamp), deleted: r.deleted, extra: { x_misp_event_report: true } };
    ctx.byMispUuid.set(r.uuid, note(ctx, src, r.name || 'MISP event report', r.content));
  });
  references(ctx, event);

  const refs = [...ctx.objects.keys()];
  if (refs.length === 0) refs.push(note(ctx, eventSrc, 'Empty MISP event', `The MISP event ${event.uuid} has no attributes or objects.`));
  const obj: StixObject = {
    type: kind,
    spec_version: '2.1',
    id: ctx.eventObjectId,
    created: ctx.eventCreated,
    modified: ctx.eventModified,
    name: event.info || '(untitled MISP event)',
    ...ctx.common(scope, event.uuid),
  };
  if (kind === 'report') {
    obj.published = event.publishTimestamp !== undefined ? fromEpochSeconds(event.publishTimestamp) : ctx.eventModified;
    obj.report_types = ['threat-report'];
  } else obj.context = 'suspicious-activity';
  obj.object_refs = refs;
  if (ctx.links.length > 0) obj.external_references = ctx.links;
  obj.x_misp_published = event.published;
  if (event.date) obj.x_misp_date = event.date;
  if (event.threatLevelId !== undefined) obj.x_misp_threat_level = THREAT_LEVELS[event.threatLevelId] ?? String(event.threatLevelId);
  if (event.analysis !== undefined) obj.x_misp_analysis = ANALYSIS[event.analysis] ?? String(event.analysis);
  if (event.orgc) obj.x_misp_orgc = event.orgc.name;

  const objects: StixObject[] = [obj, ...ctx.objects.values()];
  if (options.includeMarkingDefinitions !== false) {
    for (const level of TLP_LEVELS) if (ctx.usedTlp.has(level)) objects.push({ ...tlpMarkingObject(level) } as StixObject);
  }
  return { objects, eventObjectId: ctx.eventObjectId, problems: ctx.log.problems, unmapped: ctx.unmapped };
}

/** Parses and converts a MISP JSON event (`{"Event": {...}}`); `result` is undefined when the event is unusable. */
export function convertMispEventJson(json: unknown, options: ConvertOptions & { limits?: Partial<EventLimits> } = {}, file?: string): { result?: ConvertResult; event?: MispEvent; problems: MispProblem[] } {
  const log = new ProblemLog(file);
  const event = parseMispEvent(json, log, { ...DEFAULT_EVENT_LIMITS, ...options.limits });
  if (!event) return { problems: log.problems };
  const result = convertMispEvent(event, options, file);
  return { result, event, problems: [...log.problems, ...result.problems] };
}
