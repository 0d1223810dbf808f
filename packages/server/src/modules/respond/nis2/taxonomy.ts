// MISP taxonomy files (`machinetag.json`) read into typed vocabularies. The NIS2 reports code their
// classification fields as machine tags of the `nis2` taxonomy (sectors, impact, root cause) and, for
// the incident type the `nis2` taxonomy does not have, of `rsit` (see README.md).
import { readFile, stat } from 'node:fs/promises';

export interface TaxonomyValue {
  value: string;
  expanded: string;
  description: string;
  colour?: string;
}

export interface TaxonomyPredicate {
  value: string;
  expanded: string;
  description: string;
  /** Only one value of this predicate may be chosen at a time. */
  exclusive: boolean;
  values: readonly TaxonomyValue[];
}

export interface Taxonomy {
  namespace: string;
  description: string;
  version: number;
  predicates: readonly TaxonomyPredicate[];
}

export interface TaxonomyLimits {
  maxBytes: number;
  maxPredicates: number;
  maxValuesPerPredicate: number;
  maxStringLength: number;
}

export const DEFAULT_TAXONOMY_LIMITS: TaxonomyLimits = { maxBytes: 1 << 20, maxPredicates: 500, maxValuesPerPredicate: 2000, maxStringLength: 20_000 };

export interface TaxonomyParseOptions {
  /** Named in errors, e.g. the file path. */
  source?: string;
  /** Refuse a file of another namespace (e.g. `nis2`). */
  expectedNamespace?: string;
  limits?: Partial<TaxonomyLimits>;
}

export type TaxonomyErrorCode = 'too_large' | 'unreadable' | 'bad_json' | 'bad_shape' | 'too_many' | 'duplicate' | 'wrong_namespace';

export class TaxonomyError extends Error {
  readonly code: TaxonomyErrorCode;
  /** JSON path of the offending item, e.g. `values[2].entry[5].value`. */
  readonly where: string;
  constructor(code: TaxonomyErrorCode, source: string, where: string, message: string, options?: { cause?: unknown }) {
    super(`${source}${where ? ` at ${where}` : ''}: ${message}`, options);
    this.name = 'TaxonomyError';
    this.code = code;
    this.where = where;
  }
}

export async function loadTaxonomy(path: string, options: TaxonomyParseOptions = {}): Promise<Taxonomy> {
  const limits = { ...DEFAULT_TAXONOMY_LIMITS, ...options.limits };
  const source = options.source ?? path;
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new TaxonomyError('unreadable', source, '', 'not a regular file');
    if (info.size > limits.maxBytes) throw new TaxonomyError('too_large', source, '', `file is ${info.size} bytes, limit ${limits.maxBytes}`);
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof TaxonomyError) throw err;
    throw new TaxonomyError('unreadable', source, '', `cannot read: ${(err as Error).message}`, { cause: err });
  }
  return parseTaxonomy(text, { ...options, source });
}

export function parseTaxonomy(text: string, options: TaxonomyParseOptions = {}): Taxonomy {
  const limits = { ...DEFAULT_TAXONOMY_LIMITS, ...options.limits };
  const source = options.source ?? 'taxonomy';
  const fail = (code: TaxonomyErrorCode, where: string, message: string): never => {
    throw new TaxonomyError(code, source, where, message);
  };
  if (Buffer.byteLength(text, 'utf8') > limits.maxBytes) fail('too_large', '', `text exceeds ${limits.maxBytes} bytes`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    fail('bad_json', '', `not JSON: ${(err as Error).message}`);
  }
  if (!isObject(doc)) return fail('bad_shape', '', 'expected a JSON object');
  const str = (obj: Record<string, unknown>, key: string, where: string, required: boolean): string => {
    const v = obj[key];
    if (v === undefined && !required) return '';
    if (typeof v !== 'string') return fail('bad_shape', `${where}${where ? '.' : ''}${key}`, 'expected a string');
    if (v.length > limits.maxStringLength) fail('too_large', `${where}${where ? '.' : ''}${key}`, `string longer than ${limits.maxStringLength}`);
    if (required && v.trim() === '') fail('bad_shape', `${where}${where ? '.' : ''}${key}`, 'must not be empty');
    return v;
  };
  const namespace = str(doc, 'namespace', '', true);
  if (options.expectedNamespace !== undefined && namespace !== options.expectedNamespace) {
    fail('wrong_namespace', 'namespace', `expected "${options.expectedNamespace}", found "${namespace}"`);
  }
  const version = doc['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) fail('bad_shape', 'version', 'expected a non-negative integer');
  const rawPredicates = doc['predicates'];
  if (!Array.isArray(rawPredicates)) return fail('bad_shape', 'predicates', 'expected an array');
  if (rawPredicates.length > limits.maxPredicates) fail('too_many', 'predicates', `${rawPredicates.length} predicates, limit ${limits.maxPredicates}`);

  const predicates = new Map<string, { value: string; expanded: string; description: string; exclusive: boolean; values: TaxonomyValue[] }>();
  rawPredicates.forEach((p: unknown, i) => {
    const where = `predicates[${i}]`;
    if (!isObject(p)) return fail('bad_shape', where, 'expected an object');
    const value = str(p, 'value', where, true);
    if (predicates.has(value)) fail('duplicate', `${where}.value`, `predicate "${value}" appears twice`);
    const exclusive = p['exclusive'];
    if (exclusive !== undefined && typeof exclusive !== 'boolean') fail('bad_shape', `${where}.exclusive`, 'expected a boolean');
    predicates.set(value, { value, expanded: str(p, 'expanded', where, false) || value, description: str(p, 'description', where, false), exclusive: exclusive === true, values: [] });
    return undefined;
  });

  const rawValues = doc['values'];
  if (rawValues !== undefined && !Array.isArray(rawValues)) fail('bad_shape', 'values', 'expected an array');
  ((rawValues as unknown[] | undefined) ?? []).forEach((group: unknown, i) => {
    const where = `values[${i}]`;
    if (!isObject(group)) return fail('bad_shape', where, 'expected an object');
    const predicateName = str(group, 'predicate', where, true);
    const predicate = predicates.get(predicateName);
    if (!predicate) return fail('bad_shape', `${where}.predicate`, `"${predicateName}" is not a declared predicate`);
    const entries = group['entry'];
    if (!Array.isArray(entries)) return fail('bad_shape', `${where}.entry`, 'expected an array');
    if (predicate.values.length + entries.length > limits.maxValuesPerPredicate) fail('too_many', `${where}.entry`, `more than ${limits.maxValuesPerPredicate} values for "${predicateName}"`);
    entries.forEach((e: unknown, j) => {
      const at = `${where}.entry[${j}]`;
      if (!isObject(e)) return fail('bad_shape', at, 'expected an object');
      const value = str(e, 'value', at, true);
      if (predicate.values.some((v) => v.value === value)) fail('duplicate', `${at}.value`, `value "${value}" appears twice under "${predicateName}"`);
      const entry: TaxonomyValue = { value, expanded: str(e, 'expanded', at, false) || value, description: str(e, 'description', at, false) };
      const colour = str(e, 'colour', at, false);
      if (colour) entry.colour = colour;
      predicate.values.push(entry);
      return undefined;
    });
    return undefined;
  });
  return { namespace, description: str(doc, 'description', '', false), version: version as number, predicates: [...predicates.values()] };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function findPredicate(taxonomy: Taxonomy, predicate: string): TaxonomyPredicate | undefined {
  return taxonomy.predicates.find((p) => p.value === predicate);
}

/** The values of a predicate, in file order; empty for an unknown predicate. */
export function listValues(taxonomy: Taxonomy, predicate: string): readonly TaxonomyValue[] {
  return findPredicate(taxonomy, predicate)?.values ?? [];
}

export function lookupValue(taxonomy: Taxonomy, predicate: string, value: string): TaxonomyValue | undefined {
  return listValues(taxonomy, predicate).find((v) => v.value === value);
}

export interface MachineTag {
  namespace: string;
  predicate: string;
  value: string;
}

// MISP's syntax: namespace:predicate="value". Values here never contain a double quote.
const TAG = /^([A-Za-z0-9][A-Za-z0-9_.+-]*):([^"=:\s][^"=\s]*)="([^"]*)"$/;

export function parseMachineTag(tag: string): MachineTag | null {
  const m = TAG.exec(tag);
  return m ? { namespace: m[1]!, predicate: m[2]!, value: m[3]! } : null;
}

export function formatMachineTag(namespace: string, predicate: string, value: string): string {
  return `${namespace}:${predicate}="${value}"`;
}

export type TagCheck =
  | { ok: true; tag: MachineTag; predicate: TaxonomyPredicate; value: TaxonomyValue }
  | { ok: false; problem: string };

/**
 * Checks that a machine tag names a value that exists. With `allowedPredicates`, the tag must also be of
 * one of them (e.g. a sector field accepts only the two sector predicates).
 */
export function validateMachineTag(taxonomies: Taxonomy | readonly Taxonomy[], tag: string, allowedPredicates?: readonly string[]): TagCheck {
  const parsed = parseMachineTag(tag);
  if (!parsed) return { ok: false, problem: `"${clip(tag)}" is not a machine tag of the form namespace:predicate="value"` };
  const list: readonly Taxonomy[] = Array.isArray(taxonomies) ? taxonomies : [taxonomies as Taxonomy];
  const taxonomy = list.find((t) => t.namespace === parsed.namespace);
  if (!taxonomy) return { ok: false, problem: `no taxonomy "${clip(parsed.namespace)}" is loaded` };
  const key = `${parsed.namespace}:${parsed.predicate}`;
  if (allowedPredicates && !allowedPredicates.includes(key)) return { ok: false, problem: `${clip(key)} is not allowed here (expected ${allowedPredicates.join(' or ')})` };
  const predicate = findPredicate(taxonomy, parsed.predicate);
  if (!predicate) return { ok: false, problem: `taxonomy ${taxonomy.namespace} has no predicate "${clip(parsed.predicate)}"` };
  const value = predicate.values.find((v) => v.value === parsed.value);
  if (!value) return { ok: false, problem: `${key} has no value "${clip(parsed.value)}"` };
  return { ok: true, tag: parsed, predicate, value };
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
