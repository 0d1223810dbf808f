// A MISP feed's manifest.json: an object keyed by event UUID, each value the event's summary
// (info, date, threat_level_id, analysis, timestamp, Orgc, Tag, publish_timestamp).
import type { MispOrg, MispTag } from './event-types.ts';
import { isObj, own, readInt, readString } from './json-read.ts';
import { joinPath, type ProblemLog } from './problems.ts';
import { isUuid } from './uuid5.ts';

export interface ManifestEntry {
  uuid: string;
  info: string;
  date?: string;
  threatLevelId?: number;
  analysis?: number;
  /** The event's last-change time in seconds; what incremental imports compare. */
  timestamp?: number;
  publishTimestamp?: number;
  orgc?: MispOrg;
  tags: MispTag[];
}

/** Parses the manifest object; entries with a bad key are reported and skipped. */
export function parseManifest(json: unknown, log: ProblemLog): ManifestEntry[] {
  if (!isObj(json)) {
    log.error('schema', '', 'manifest.json is not an object keyed by event UUID');
    return [];
  }
  const out: ManifestEntry[] = [];
  const seen = new Set<string>();
  for (const key of Object.keys(json)) {
    const path = joinPath('', key);
    const v = json[key];
    if (!isUuid(key)) {
      log.error('schema', path, `manifest key is not an event UUID: ${JSON.stringify(key).slice(0, 60)}`);
      continue;
    }
    const uuid = key.toLowerCase();
    if (seen.has(uuid)) {
      log.warn('schema', path, 'event UUID listed twice (differing only in case); the first entry is used');
      continue;
    }
    seen.add(uuid);
    if (!isObj(v)) {
      log.error('schema', path, 'manifest entry is not an object');
      continue;
    }
    const entry: ManifestEntry = { uuid, info: readString(own(v, 'info')) ?? '', tags: [] };
    const date = readString(own(v, 'date'));
    if (date !== undefined) entry.date = date;
    const threat = readInt(own(v, 'threat_level_id'));
    if (threat !== undefined) entry.threatLevelId = threat;
    const analysis = readInt(own(v, 'analysis'));
    if (analysis !== undefined) entry.analysis = analysis;
    const ts = readInt(own(v, 'timestamp'));
    if (ts !== undefined) entry.timestamp = ts;
    else log.warn('schema', joinPath(path, 'timestamp'), 'entry has no timestamp; the event is read on every import');
    const pts = readInt(own(v, 'publish_timestamp'));
    if (pts !== undefined) entry.publishTimestamp = pts;
    const orgc = own(v, 'Orgc');
    if (isObj(orgc)) {
      const name = readString(own(orgc, 'name'));
      const ou = readString(own(orgc, 'uuid'));
      if (name) entry.orgc = ou && isUuid(ou) ? { name, uuid: ou.toLowerCase() } : { name };
    }
    const tags = own(v, 'Tag');
    if (Array.isArray(tags)) {
      for (const t of tags) {
        const name = isObj(t) ? readString(own(t, 'name')) : undefined;
        if (!name) continue;
        const colour = isObj(t) ? readString(own(t, 'colour')) : undefined;
        entry.tags.push(colour ? { name, colour } : { name });
      }
    }
    out.push(entry);
  }
  return out;
}
