// State of one event's conversion: common properties (times, markings, labels, distribution, creator),
// the objects produced so far and what could not be mapped.
import { type EffectiveDistribution, type DistributionHolder, effectiveDistribution } from './distribution.ts';
import type { MispEvent, MispTag } from './event-types.ts';
import type { ConvertOptions, StixObject, UnmappedItem } from './convert-options.ts';
import { ProblemLog } from './problems.ts';
import { EPOCH, fromDate, fromEpochSeconds, fromIso, maxTime, minTime } from './stix-time.ts';
import { classifyTags } from './tags.ts';
import { strictestTlp, tlpMarkingId, type TlpLevel } from './tlp.ts';

/** What limits who may see an object: TLP, MISP distribution, and its labels. */
export interface Scope {
  tlp?: TlpLevel;
  distribution: EffectiveDistribution;
  labels: string[];
}

export class ConversionContext {
  readonly event: MispEvent;
  readonly options: ConvertOptions;
  readonly log: ProblemLog;
  readonly objects = new Map<string, StixObject>();
  readonly unmapped: UnmappedItem[] = [];
  /** MISP UUID (attribute, object, report) → the STIX object that stands for it. */
  readonly byMispUuid = new Map<string, string>();
  readonly usedTlp = new Set<TlpLevel>();
  /** External references for the report (from `link` attributes). */
  readonly links: Record<string, unknown>[] = [];
  readonly eventTags: MispTag[];
  readonly eventCreated: string;
  readonly eventModified: string;
  creatorRef: string | undefined;
  eventObjectId = '';

  constructor(event: MispEvent, options: ConvertOptions, file?: string) {
    this.event = event;
    this.options = options;
    this.log = new ProblemLog(file);
    this.eventTags = [...event.tags, ...(options.defaultTags ?? []).filter((t) => !event.tags.some((e) => e.name === t)).map((name) => ({ name }))];
    const modified = event.timestamp !== undefined ? fromEpochSeconds(event.timestamp) : event.date ? fromDate(event.date) : EPOCH;
    if (event.timestamp === undefined && !event.date) this.log.warn('schema', 'Event.timestamp', 'the event has neither timestamp nor date; times are set to the epoch');
    this.eventModified = modified;
    this.eventCreated = event.date ? minTime(fromDate(event.date), modified) : modified;
  }

  /** `created` stays the event's (so versions of one object share it); `modified` is the item's own timestamp. */
  times(timestamp: number | undefined): { created: string; modified: string } {
    const modified = timestamp !== undefined ? maxTime(fromEpochSeconds(timestamp), this.eventCreated) : this.eventModified;
    return { created: minTime(this.eventCreated, modified), modified };
  }

  seen(text: string | undefined): string | undefined {
    return text === undefined ? undefined : fromIso(text);
  }

  /** The scope of something inside the event: distribution along `chain` (event first), TLP from all `tagSets`. */
  scope(chain: readonly DistributionHolder[], tagSets: readonly (readonly MispTag[])[], path: string): Scope {
    const d = effectiveDistribution([this.event, ...chain], this.options.defaultDistribution ?? 0, this.options.maxDistribution);
    for (const note of d.notes) this.log.warn('reference', path, note);
    const event = classifyTags(this.eventTags);
    const own = tagSets.map((t) => classifyTags(t));
    const tlp = strictestTlp([...event.tlp, ...own.flatMap((c) => c.tlp)]);
    const all = [...event.tlp, ...own.flatMap((c) => c.tlp)];
    if (new Set(all).size > 1) this.log.warn('schema', path, `several TLP levels (${[...new Set(all)].join(', ')}); the most restrictive, ${tlp}, applies`);
    const labels = chain.length === 0 ? event.labels : [...new Set(own.flatMap((c) => c.labels))];
    const s: Scope = { distribution: d, labels };
    if (tlp) s.tlp = tlp;
    return s;
  }

  /** Properties every converted object carries. */
  common(scope: Scope, mispUuid: string | undefined, deleted = false): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.creatorRef) out.created_by_ref = this.creatorRef;
    if (deleted) out.revoked = true;
    if (scope.labels.length > 0) out.labels = [...scope.labels];
    if (scope.tlp) {
      out.object_marking_refs = [tlpMarkingId(scope.tlp)];
      this.usedTlp.add(scope.tlp);
    }
    if (mispUuid) out.x_misp_uuid = mispUuid;
    out.x_bulwark_distribution = scope.distribution.level;
    if (scope.distribution.sharingGroups.length > 0) out.x_bulwark_sharing_groups = [...scope.distribution.sharingGroups];
    return out;
  }

  /** Markings and distribution for SCOs (which have no created_by_ref, labels or revoked). */
  scoExtra(scope: Scope): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (scope.tlp) {
      out.object_marking_refs = [tlpMarkingId(scope.tlp)];
      this.usedTlp.add(scope.tlp);
    }
    out.x_bulwark_distribution = scope.distribution.level;
    if (scope.distribution.sharingGroups.length > 0) out.x_bulwark_sharing_groups = [...scope.distribution.sharingGroups];
    return out;
  }

  add(obj: StixObject): string {
    if (!this.objects.has(obj.id)) this.objects.set(obj.id, obj);
    return obj.id;
  }
}
