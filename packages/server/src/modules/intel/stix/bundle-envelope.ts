// The outer shape of the input: a bundle (envelope checked: type, id, objects), a single object, or an
// array of objects; and the extension definitions the input carries.
import type { Sink } from './defects.ts';
import { parseId } from './id.ts';
import type { BundleDefect } from './parse-bundle.ts';
import { isPlainObject, type ValidateOptions } from './types.ts';

export interface Shaped {
  form: 'bundle' | 'object' | 'array';
  bundleId?: string;
  items: unknown[];
  /** Path of the item list: `$.objects`, `$` (array), or '' for a single object. */
  base: string;
}

export function shape(value: unknown, sink: Sink): Shaped | { fatal: BundleDefect } {
  if (Array.isArray(value)) return { form: 'array', items: value, base: '$' };
  if (!isPlainObject(value)) return { fatal: { path: '$', code: 'not-object', severity: 'error', message: 'expected a bundle, a STIX object or an array of objects', index: -1 } };
  const looksLikeBundle = value.type === 'bundle' || (value.type === undefined && Array.isArray(value.objects));
  if (!looksLikeBundle) return { form: 'object', items: [value], base: '' };
  if (value.type === undefined) sink.error('$.type', 'invalid-bundle', 'the bundle has no "type": "bundle"');
  const id = value.id;
  if (id === undefined) sink.error('$.id', 'missing-property', 'a bundle has an id');
  else if (parseId(id)?.type !== 'bundle') sink.error('$.id', 'invalid-id', `"${String(id)}" is not bundle--<UUID>`);
  if (value.spec_version !== undefined) sink.warn('$.spec_version', 'not-applicable-property', 'bundles have no spec_version in STIX 2.1 (a STIX 2.0 leftover)');
  const objects = value.objects;
  if (objects !== undefined && !Array.isArray(objects)) return { fatal: { path: '$.objects', code: 'invalid-bundle', severity: 'error', message: 'objects is not a list', index: -1 } };
  return { form: 'bundle', ...(typeof id === 'string' ? { bundleId: id } : {}), items: objects ?? [], base: '$.objects' };
}

export function extensionDefinitions(items: readonly unknown[], given: ValidateOptions['extensionDefinitions']): Map<string, Readonly<Record<string, unknown>>> {
  const found = new Map(given ?? []);
  for (const item of items) {
    if (isPlainObject(item) && item.type === 'extension-definition' && typeof item.id === 'string' && !found.has(item.id)) found.set(item.id, item);
  }
  return found;
}
