// Parts of a MISP event shared by events, attributes, objects and reports: timestamps, distribution and
// sharing groups, organisations, tags and galaxies. Bad parts are reported with their JSON path and skipped.
import type { MispDistribution, MispGalaxy, MispGalaxyCluster, MispOrg, MispSharingGroup, MispTag } from './event-types.ts';
import { isObj, type Obj, optString, optInt, own, readArray, readString, readUuid } from './json-read.ts';
import { joinPath, type ProblemLog } from './problems.ts';
import type { EventLimits } from './event-parse.ts';

export interface ParseCtx {
  log: ProblemLog;
  limits: EventLimits;
  attributes: number;
}

export function timestamp(o: Obj, path: string, ctx: ParseCtx): number | undefined {
  const ts = optInt(o, 'timestamp', joinPath(path, 'timestamp'), ctx.log);
  if (ts === undefined) return undefined;
  if (ts < 0 || ts > 32503680000) {
    ctx.log.warn('schema', joinPath(path, 'timestamp'), `timestamp out of range: ${ts}; ignored`);
    return undefined;
  }
  return ts;
}

/** distribution, sharing_group_id and SharingGroup. */
export function sharing(o: Obj, path: string, ctx: ParseCtx, out: { distribution?: MispDistribution; sharingGroup?: MispSharingGroup; sharingGroupId?: string }, inheritAllowed: boolean): void {
  const d = optInt(o, 'distribution', joinPath(path, 'distribution'), ctx.log);
  if (d !== undefined) {
    if (d >= 0 && d <= (inheritAllowed ? 5 : 4)) out.distribution = d as MispDistribution;
    else ctx.log.warn('schema', joinPath(path, 'distribution'), `distribution ${d} is not one of 0–${inheritAllowed ? 5 : 4}; ignored`);
  }
  const sgId = readString(own(o, 'sharing_group_id'));
  if (sgId !== undefined && sgId !== '' && sgId !== '0') out.sharingGroupId = sgId;
  const sg = own(o, 'SharingGroup');
  if (isObj(sg)) {
    const sgPath = joinPath(path, 'SharingGroup');
    const uuid = readUuid(sg, 'uuid', joinPath(sgPath, 'uuid'), ctx.log, 'warning');
    if (uuid) {
      out.sharingGroup = { uuid };
      const name = optString(sg, 'name', joinPath(sgPath, 'name'), ctx.log);
      if (name) out.sharingGroup.name = name;
    }
  }
}

export function org(v: unknown, path: string, ctx: ParseCtx): MispOrg | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) {
    ctx.log.warn('schema', path, 'Orgc is not an object; ignored');
    return undefined;
  }
  const name = optString(v, 'name', joinPath(path, 'name'), ctx.log);
  if (!name) {
    ctx.log.warn('schema', path, 'Orgc has no name; ignored');
    return undefined;
  }
  const out: MispOrg = { name };
  if (own(v, 'uuid') !== undefined) {
    const uuid = readUuid(v, 'uuid', joinPath(path, 'uuid'), ctx.log, 'warning');
    if (uuid) out.uuid = uuid;
  }
  return out;
}

export function tags(o: Obj, path: string, ctx: ParseCtx): MispTag[] {
  const out: MispTag[] = [];
  readArray(o, 'Tag', path, ctx.log).forEach((t, i) => {
    const p = joinPath(joinPath(path, 'Tag'), i);
    const name = isObj(t) ? readString(own(t, 'name')) : typeof t === 'string' ? t : undefined;
    if (name === undefined || name.trim() === '') {
      ctx.log.warn('schema', p, 'tag without a name; ignored');
      return;
    }
    const tag: MispTag = { name: name.trim() };
    if (isObj(t)) {
      const colour = readString(own(t, 'colour'));
      if (colour) tag.colour = colour;
      if (own(t, 'local') === true || own(t, 'local') === '1' || own(t, 'local') === 1) tag.local = true;
    }
    out.push(tag);
  });
  return out;
}

export function galaxies(o: Obj, path: string, ctx: ParseCtx): MispGalaxy[] {
  const out: MispGalaxy[] = [];
  readArray(o, 'Galaxy', path, ctx.log).forEach((g, i) => {
    const p = joinPath(joinPath(path, 'Galaxy'), i);
    if (!isObj(g)) return ctx.log.warn('schema', p, 'galaxy is not an object; ignored');
    const type = optString(g, 'type', joinPath(p, 'type'), ctx.log);
    if (!type) return ctx.log.warn('schema', p, 'galaxy without a type; ignored');
    const galaxy: MispGalaxy = { type, clusters: [] };
    const name = optString(g, 'name', joinPath(p, 'name'), ctx.log);
    if (name) galaxy.name = name;
    const ns = optString(g, 'namespace', joinPath(p, 'namespace'), ctx.log);
    if (ns) galaxy.namespace = ns;
    if (own(g, 'uuid') !== undefined) {
      const uuid = readUuid(g, 'uuid', joinPath(p, 'uuid'), ctx.log, 'warning');
      if (uuid) galaxy.uuid = uuid;
    }
    readArray(g, 'GalaxyCluster', p, ctx.log).forEach((c, j) => {
      const cp = joinPath(joinPath(p, 'GalaxyCluster'), j);
      if (!isObj(c)) return ctx.log.warn('schema', cp, 'galaxy cluster is not an object; ignored');
      const value = optString(c, 'value', joinPath(cp, 'value'), ctx.log);
      if (!value) return ctx.log.warn('schema', cp, 'galaxy cluster without a value; ignored');
      const cluster: MispGalaxyCluster = { value, meta: {} };
      if (own(c, 'uuid') !== undefined) {
        const uuid = readUuid(c, 'uuid', joinPath(cp, 'uuid'), ctx.log, 'warning');
        if (uuid) cluster.uuid = uuid;
      }
      const ctype = optString(c, 'type', joinPath(cp, 'type'), ctx.log);
      if (ctype) cluster.type = ctype;
      const tagName = optString(c, 'tag_name', joinPath(cp, 'tag_name'), ctx.log);
      if (tagName) cluster.tagName = tagName;
      const description = optString(c, 'description', joinPath(cp, 'description'), ctx.log);
      if (description) cluster.description = description;
      const meta = own(c, 'meta');
      if (isObj(meta)) cluster.meta = meta;
      galaxy.clusters.push(cluster);
    });
    out.push(galaxy);
  });
  return out;
}

export function seen(o: Obj, key: string, path: string, ctx: ParseCtx): string | undefined {
  const v = optString(o, key, joinPath(path, key), ctx.log);
  if (v === undefined || v === '') return undefined;
  if (Number.isNaN(Date.parse(v))) {
    ctx.log.warn('schema', joinPath(path, key), `${key} is not a date-time: ${JSON.stringify(v).slice(0, 60)}; ignored`);
    return undefined;
  }
  return v;
}
