// validateObject: one STIX object (or a bundle envelope with its objects) against the catalogue and the
// semantic rules. Returns every defect found; never throws.
import { typeDef } from './catalogue.ts';
import type { Ctx } from './context.ts';
import { Sink, childPath } from './defects.ts';
import { checkExtensions, summarizeExtensions } from './extensions.ts';
import { isTypeName, parseId } from './id.ts';
import { checkCommonProperties, checkOtherProperties, checkOwnProperties, type Family } from './properties.ts';
import type { TypeDef } from './props.ts';
import { TYPE_RULES, commonRules } from './rules.ts';
import { checkSelectors } from './selectors.ts';
import { isPlainObject, own, type Defect, type ValidateOptions } from './types.ts';

export function validateObject(value: unknown, options: ValidateOptions = {}): Defect[] {
  const sink = new Sink();
  validateInto(value, '$', { sink, options });
  return sink.defects;
}

/** Validates into an existing sink, with paths under `path` (used for bundle contents). */
export function validateInto(value: unknown, path: string, ctx: Ctx): void {
  try {
    check(value, path, ctx);
  } catch (err) {
    ctx.sink.error(path, 'internal', `validation stopped: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function check(value: unknown, path: string, ctx: Ctx): void {
  if (!isPlainObject(value)) return ctx.sink.error(path, 'not-object', 'a STIX object is a JSON object');
  const type = checkType(value, path, ctx);
  const def = type === undefined ? undefined : typeDef(type);
  if (def?.kind === 'bundle') return checkBundle(value, def, path, ctx);
  const ext = summarizeExtensions(value, ctx.options);
  const family: Family = def ? def.common : (ext.newKind ?? 'loose');
  if (!def && type !== undefined) {
    if (ctx.options.rejectCustomObjects) ctx.sink.error(childPath(path, 'type'), 'custom-object', `"${type}" is not a STIX 2.1 type`);
    else if (!type.startsWith('x-') && !ext.newKind) ctx.sink.warn(childPath(path, 'type'), 'custom-type-name', `custom object type "${type}" should start with x-`);
  }
  checkId(value, type, def, family, path, ctx);
  checkCommonProperties(value, family, path, ctx);
  if (def) checkOwnProperties(value, def, path, ctx);
  checkOtherProperties(value, def, ext, path, ctx);
  if (value.extensions !== undefined) checkExtensions(value, def, def ? def.kind === 'sco' : family === 'sco', path, ctx);
  checkSelectors(value, path, ctx);
  commonRules(value, path, ctx);
  if (type !== undefined) own(TYPE_RULES, type)?.(value, path, ctx);
}

function checkType(obj: Readonly<Record<string, unknown>>, path: string, ctx: Ctx): string | undefined {
  const type = obj.type;
  const at = childPath(path, 'type');
  if (type === undefined) ctx.sink.error(at, 'missing-property', 'type is required');
  else if (typeof type !== 'string') ctx.sink.error(at, 'wrong-kind', 'type is a string');
  else if (!isTypeName(type)) ctx.sink.error(at, 'invalid-type-name', `"${type}" is not a valid type name (a-z, 0-9, single hyphens, 3-250 characters)`);
  else return type;
  return undefined;
}

function checkId(obj: Readonly<Record<string, unknown>>, type: string | undefined, def: TypeDef | undefined, family: Family, path: string, ctx: Ctx): void {
  const id = obj.id;
  const at = childPath(path, 'id');
  if (id === undefined) return ctx.sink.error(at, 'missing-property', 'id is required');
  if (typeof id !== 'string') return ctx.sink.error(at, 'wrong-kind', 'id is a string');
  const parsed = parseId(id);
  if (!parsed) return ctx.sink.error(at, 'invalid-id', `"${id}" is not <type>--<RFC 4122 UUID>`);
  if (type !== undefined && parsed.type !== type) return ctx.sink.error(at, 'id-type-mismatch', `the id names type ${parsed.type}, the object is ${type}`);
  const sco = def ? def.kind === 'sco' : family === 'sco';
  if (sco) {
    // SCOs should use deterministic UUIDv5 ids when an ID Contributing Property is present (2.9).
    const contributing = def?.idContributing ?? [];
    if (parsed.version !== 5 && contributing.some((p) => obj[p] !== undefined)) {
      ctx.sink.warn(at, 'uuid-version', `SCO ids should be UUIDv5 from their ID Contributing Properties (${contributing.join(', ')}); this is v${parsed.version}`);
    }
  } else if (parsed.version !== 4) {
    ctx.sink.warn(at, 'uuid-version', `ids of SDOs, SROs and meta objects should be UUIDv4; this is v${parsed.version}`);
  }
}

function checkBundle(obj: Readonly<Record<string, unknown>>, def: TypeDef, path: string, ctx: Ctx): void {
  checkId(obj, 'bundle', def, 'bundle', path, ctx);
  for (const name of Object.keys(obj)) {
    if (name === 'type' || name === 'id' || name === 'objects') continue;
    if (name === 'spec_version') ctx.sink.warn(childPath(path, name), 'not-applicable-property', 'bundles have no spec_version in STIX 2.1 (a STIX 2.0 leftover)');
  }
  const objects = obj.objects;
  if (objects === undefined) return;
  const at = childPath(path, 'objects');
  if (!Array.isArray(objects)) return ctx.sink.error(at, 'wrong-kind', 'objects is a list of STIX objects');
  if (objects.length === 0) ctx.sink.error(at, 'empty-list', 'objects must not be empty; omit the property instead');
  objects.forEach((item, i) => {
    if (isPlainObject(item) && item.type === 'bundle') ctx.sink.error(childPath(at, i), 'invalid-bundle', 'a bundle cannot contain a bundle');
    else validateInto(item, childPath(at, i), ctx);
  });
}
