// Semantic rules of SDOs and SROs that a property table cannot express (specification sections 4, 5).
import type { Ctx } from './context.ts';
import { childPath } from './defects.ts';
import { exclusive, oneOf, requires, timeOrder, type Rule } from './rules-util.ts';
import { isPlainObject } from './types.ts';

const seen: Rule = (obj, path, ctx) => timeOrder(obj, path, ctx, 'first_seen', 'last_seen');

function location(obj: Readonly<Record<string, unknown>>, path: string, ctx: Ctx): void {
  if (obj.region === undefined && obj.country === undefined && (obj.latitude === undefined || obj.longitude === undefined)) {
    ctx.sink.error(path, 'missing-one-of', 'a location needs region, country, or latitude and longitude');
  }
  requires(obj, path, ctx, 'latitude', ['longitude']);
  requires(obj, path, ctx, 'longitude', ['latitude']);
  requires(obj, path, ctx, 'precision', ['latitude', 'longitude']);
}

function observedData(obj: Readonly<Record<string, unknown>>, path: string, ctx: Ctx): void {
  exclusive(obj, path, ctx, 'objects', 'object_refs');
  oneOf(obj, path, ctx, ['object_refs', 'objects']);
  timeOrder(obj, path, ctx, 'first_observed', 'last_observed');
  // The deprecated observable container: a dictionary of cyber-observable objects with local keys.
  const objects = obj.objects;
  if (objects === undefined) return;
  const at = childPath(path, 'objects');
  if (!isPlainObject(objects)) return ctx.sink.error(at, 'wrong-kind', 'objects is a dictionary of cyber-observable objects');
  const entries = Object.entries(objects);
  if (entries.length === 0) ctx.sink.error(at, 'empty-dictionary', 'objects must not be empty');
  for (const [key, observable] of entries) {
    if (!isPlainObject(observable) || typeof observable.type !== 'string') {
      ctx.sink.error(childPath(at, key), 'wrong-kind', 'each entry of objects is a cyber-observable object with a type');
    }
  }
}

export const SDO_RULES: Readonly<Record<string, Rule>> = {
  campaign: seen,
  'intrusion-set': seen,
  'threat-actor': seen,
  infrastructure: seen,
  malware: (obj, path, ctx) => {
    seen(obj, path, ctx);
    if (obj.is_family === true && obj.name === undefined) ctx.sink.error(childPath(path, 'name'), 'missing-property', 'a malware family (is_family true) requires name');
  },
  indicator: (obj, path, ctx) => timeOrder(obj, path, ctx, 'valid_from', 'valid_until', true),
  location,
  'malware-analysis': (obj, path, ctx) => oneOf(obj, path, ctx, ['result', 'analysis_sco_refs']),
  'observed-data': observedData,
  relationship: (obj, path, ctx) => timeOrder(obj, path, ctx, 'start_time', 'stop_time', true),
  sighting: seen,
};
