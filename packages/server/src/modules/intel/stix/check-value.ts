// The table-driven part of validation: checks one value against its catalogue kind, recursing into
// lists, dictionaries and nested shapes. This is what a JSON schema checks, written from the
// specification's property tables.
import { SHAPES, kindOf } from './catalogue.ts';
import type { Ctx } from './context.ts';
import { checkCustomProperty } from './custom-props.ts';
import { childPath } from './defects.ts';
import { checkDictionary, checkHashes } from './check-dictionary.ts';
import { formatProblem, isBase64, isHex } from './formats.ts';
import { parseId } from './id.ts';
import type { Prop, ShapeDef } from './props.ts';
import { SHAPE_RULES } from './rules-shapes.ts';
import { timestampProblem } from './timestamp.ts';
import { isPlainObject, own } from './types.ts';
import { ENUMERATIONS } from './vocab.ts';

const MAX_INTEGER = 2 ** 53 - 1;

function describe(prop: Prop): string {
  switch (prop.k) {
    case 'list': return `a list of ${describe(prop.of)}`;
    case 'ref': return 'an identifier';
    case 'struct': return `a ${prop.shape} object`;
    case 'either': return prop.options.map(describe).join(' or ');
    case 'open-vocab': case 'enum': case 'hex': case 'binary': case 'timestamp': return 'a string';
    case 'hashes': case 'dictionary': case 'extensions': return 'an object';
    case 'any': return 'any value';
    case 'boolean': case 'float': case 'integer': case 'string': return `a ${prop.k}`;
  }
}

export function checkValue(value: unknown, prop: Prop, path: string, ctx: Ctx): void {
  const { sink } = ctx;
  const wrong = (): void => sink.error(path, 'wrong-kind', `expected ${describe(prop)}`);
  switch (prop.k) {
    case 'any': case 'extensions': return;
    case 'boolean': if (typeof value !== 'boolean') wrong(); return;
    case 'string': case 'open-vocab': {
      if (typeof value !== 'string') return wrong();
      const problem = prop.k === 'string' && prop.format ? formatProblem(value, prop.format) : undefined;
      if (problem) sink.error(path, prop.k === 'string' && prop.format === 'lang' ? 'invalid-lang' : 'invalid-value', problem);
      return;
    }
    case 'enum': {
      if (typeof value !== 'string') return wrong();
      const allowed: readonly string[] = ENUMERATIONS[prop.vocab];
      if (!allowed.includes(value)) sink.error(path, 'enum', `"${value}" is not in ${prop.vocab} (${allowed.join(', ')})`);
      return;
    }
    case 'integer': case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value) || (prop.k === 'integer' && !Number.isInteger(value))) return wrong();
      const min = prop.min ?? (prop.k === 'integer' ? -MAX_INTEGER : -Infinity);
      const max = prop.max ?? (prop.k === 'integer' ? MAX_INTEGER : Infinity);
      if (value < min || value > max) sink.error(path, 'out-of-range', `${value} is outside ${min}..${max}`);
      return;
    }
    case 'timestamp': {
      const problem = timestampProblem(value);
      if (problem) sink.error(path, typeof value === 'string' ? 'invalid-timestamp' : 'wrong-kind', `not a STIX timestamp: ${problem}`);
      return;
    }
    case 'hex':
      if (typeof value !== 'string') return wrong();
      if (!isHex(value)) sink.error(path, 'invalid-value', 'hex values are an even number of 0-9 and lowercase a-f');
      return;
    case 'binary':
      if (typeof value !== 'string') return wrong();
      if (!isBase64(value)) sink.error(path, 'invalid-value', 'not base64 (RFC 4648)');
      return;
    case 'ref': return checkRef(value, prop.to, path, ctx);
    case 'list': {
      if (!Array.isArray(value)) return wrong();
      if (value.length === 0) sink.error(path, 'empty-list', 'lists must not be empty; omit the property instead');
      value.forEach((item, i) => checkValue(item, prop.of, childPath(path, i), ctx));
      return;
    }
    case 'dictionary': return checkDictionary(value, prop, path, ctx, checkValue);
    case 'hashes': return checkHashes(value, path, ctx);
    case 'struct': {
      const shape = own(SHAPES, prop.shape);
      if (shape) checkShape(value, shape, prop.shape, path, ctx);
      return;
    }
    case 'either': {
      if (!prop.options.some((option) => fits(value, option))) wrong();
      return;
    }
  }
}

/** Shallow kind test for `either` (string | integer | list of strings in dictionaries). */
function fits(value: unknown, prop: Prop): boolean {
  if (prop.k === 'string') return typeof value === 'string';
  if (prop.k === 'integer') return typeof value === 'number' && Number.isInteger(value);
  if (prop.k === 'list') return Array.isArray(value) && value.length > 0 && value.every((v) => fits(v, prop.of));
  return false;
}

export function checkRef(value: unknown, to: readonly string[], path: string, ctx: Ctx): void {
  const id = parseId(value);
  if (!id) {
    ctx.sink.error(path, typeof value === 'string' ? 'invalid-ref' : 'wrong-kind', 'not a STIX identifier (<type>--<UUID>)');
    return;
  }
  const allowed = id.type !== 'bundle' && (to.includes('*') || to.includes(id.type) || to.includes(kindOf(id.type)));
  if (!allowed) ctx.sink.error(path, 'ref-type', `may reference ${to.join(', ')}; not ${id.type}`);
}

/** A nested object: required properties, kinds, at-least-one, its own co-constraints, custom keys. */
export function checkShape(value: unknown, shape: ShapeDef, name: string, path: string, ctx: Ctx): void {
  if (!isPlainObject(value)) return ctx.sink.error(path, 'wrong-kind', `expected a ${name} object`);
  for (const req of shape.required ?? []) {
    if (!(req in value)) ctx.sink.error(childPath(path, req), 'missing-property', `${name} requires ${req}`);
  }
  let known = 0;
  for (const [key, item] of Object.entries(value)) {
    const prop = own(shape.props, key);
    if (prop) {
      known += 1;
      checkValue(item, prop, childPath(path, key), ctx);
    } else {
      checkCustomProperty(key, item, path, ctx, { expectPrefix: true, nameSeverity: 'error' });
    }
  }
  if (shape.atLeastOne && known === 0) ctx.sink.error(path, 'missing-one-of', `${name} needs at least one of ${Object.keys(shape.props).join(', ')}`);
  own(SHAPE_RULES, name)?.(value, path, ctx);
}
