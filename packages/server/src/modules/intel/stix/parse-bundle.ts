// parseBundle: untrusted input (a bundle, a single object or an array of objects) read within limits,
// each object validated, the bundle checked as a whole. Lenient mode returns the valid objects and
// reports each defect with its object index and JSON path; strict mode returns nothing when anything
// is wrong. Never throws.
import { danglingReferences, versionCollisions, type Candidate } from './bundle-checks.ts';
import { Sink } from './defects.ts';
import { extensionDefinitions, shape, type Shaped } from './bundle-envelope.ts';
import { DEFAULT_LIMITS, parseJson, readText, scanLimits, type BundleLimits } from './json-limits.ts';
import { isPlainObject, type Defect, type StixObject, type ValidateOptions } from './types.ts';
import { validateInto } from './validate.ts';

export interface ParseOptions extends Partial<BundleLimits>, ValidateOptions {
  /** 'lenient' (default): keep the valid objects. 'strict': keep nothing when any error was found. */
  mode?: 'lenient' | 'strict';
  /**
   * Validate each object (default true). When false, only the envelope, the presence of type and id and
   * the cross-object checks run, and version conflicts and copies are reported but left in `objects`:
   * for callers that validate each object themselves and keep their own conflict policy.
   */
  validate?: boolean;
  /** Report references to objects absent from the input (warnings). Default false. */
  checkReferences?: boolean;
}

export interface BundleDefect extends Defect {
  /** Position of the object in the input; -1 for defects of the input itself or of the bundle envelope. */
  index: number;
  id?: string;
}

export interface ParseResult {
  /** What the input was; undefined when it could not be read (see `fatal`). */
  form: 'bundle' | 'object' | 'array' | undefined;
  bundleId?: string;
  /** Objects accepted, in input order (lenient: all without errors; strict: all or none). */
  objects: StixObject[];
  /** Input position of each accepted object. */
  indexes: number[];
  /** Objects left out because of errors, with their input position. */
  rejected: Array<{ index: number; id?: string; object: unknown }>;
  defects: BundleDefect[];
  /** Number of objects in the input. */
  total: number;
  /** No error at all. */
  ok: boolean;
  /** Set when the input could not be read at all (JSON syntax, a limit, not an object or array). */
  fatal?: string;
}

function fail(defect: BundleDefect): ParseResult {
  return { form: undefined, objects: [], indexes: [], rejected: [], defects: [defect], total: 0, ok: false, fatal: `${defect.message} (${defect.path})` };
}

export function parseBundle(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  try {
    return parse(input, options);
  } catch (err) {
    return fail({ path: '$', code: 'internal', severity: 'error', message: `parsing stopped: ${err instanceof Error ? err.message : String(err)}`, index: -1 });
  }
}

function parse(input: string | Uint8Array, options: ParseOptions): ParseResult {
  const limits: BundleLimits = { ...DEFAULT_LIMITS, ...pickLimits(options) };
  const text = readText(input, limits);
  if (typeof text !== 'string') return fail({ ...text, index: -1 });
  const violation = scanLimits(text, limits);
  if (violation) return fail({ ...violation, severity: 'error', index: indexOfPath(violation.path) });
  const json = parseJson(text);
  if (!json.ok) return fail({ path: json.path, code: 'json-syntax', severity: 'error', message: json.message, index: indexOfPath(json.path) });
  const envelope = new Sink();
  const shaped = shape(json.value, envelope);
  if ('fatal' in shaped) return fail(shaped.fatal);
  if (shaped.items.length > limits.maxObjects) {
    return fail({ path: shaped.base, code: 'limit-objects', severity: 'error', message: `${shaped.items.length} objects exceed the limit of ${limits.maxObjects}`, index: -1 });
  }
  return collect(shaped, envelope.defects, options);
}

/** The object a path of the raw input points into (`$.objects[3]…` or `$[3]…`), else -1. */
function indexOfPath(path: string): number {
  const m = /^\$(?:\.objects)?\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : -1;
}

function pickLimits(options: ParseOptions): Partial<BundleLimits> {
  const out: Partial<BundleLimits> = {};
  for (const key of ['maxBytes', 'maxObjects', 'maxDepth', 'maxStringLength'] as const) {
    const value = options[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function collect(shaped: Shaped, envelopeDefects: Defect[], options: ParseOptions): ParseResult {
  const defects: BundleDefect[] = envelopeDefects.map((d) => ({ ...d, index: -1 }));
  const validateOptions: ValidateOptions = { ...options, extensionDefinitions: extensionDefinitions(shaped.items, options.extensionDefinitions) };
  const candidates: Candidate[] = [];
  const rejected: ParseResult['rejected'] = [];
  const ids = new Set<string>();
  shaped.items.forEach((item, index) => {
    const base = shaped.form === 'object' ? '$' : `${shaped.base}[${index}]`;
    const sink = new Sink();
    if (options.validate === false) minimalCheck(item, base, sink);
    else validateInto(item, base, { sink, options: validateOptions });
    const id = isPlainObject(item) && typeof item.id === 'string' ? item.id : undefined;
    if (id) ids.add(id);
    for (const d of sink.defects) defects.push({ ...d, index, ...(id ? { id } : {}) });
    if (sink.defects.some((d) => d.severity === 'error')) rejected.push({ index, ...(id ? { id } : {}), object: item });
    else candidates.push({ index, object: item as StixObject });
  });
  const cross = versionCollisions(candidates);
  if (options.checkReferences) cross.push(...danglingReferences(candidates, ids));
  const dropped = new Set<number>();
  const byIndex = new Map(candidates.map((c) => [c.index, c.object]));
  for (const d of cross) {
    const object = byIndex.get(d.index);
    const path = shaped.form === 'object' ? d.path : `${shaped.base}[${d.index}]${d.path.slice(1)}`;
    defects.push({ path, code: d.code, message: d.message, severity: d.severity, index: d.index, ...(object ? { id: object.id } : {}) });
    // Without validation the caller decides: conflicts and copies are reported, nothing is removed.
    if (options.validate !== false && (d.code === 'version-conflict' || d.code === 'duplicate-object')) {
      dropped.add(d.index);
      if (d.code === 'version-conflict' && object) rejected.push({ index: d.index, id: object.id, object });
    }
  }
  defects.sort((a, b) => a.index - b.index);
  rejected.sort((a, b) => a.index - b.index);
  const ok = !defects.some((d) => d.severity === 'error');
  const accepted = options.mode === 'strict' && !ok ? [] : candidates.filter((c) => !dropped.has(c.index));
  return {
    form: shaped.form,
    ...(shaped.bundleId ? { bundleId: shaped.bundleId } : {}),
    objects: accepted.map((c) => c.object),
    indexes: accepted.map((c) => c.index),
    rejected,
    defects,
    total: shaped.items.length,
    ok,
  };
}

/** Without full validation, an object still needs to be a JSON object with a type and an id. */
function minimalCheck(item: unknown, path: string, sink: Sink): void {
  if (!isPlainObject(item)) return sink.error(path, 'not-object', 'a STIX object is a JSON object');
  if (typeof item.type !== 'string') sink.error(`${path}.type`, 'missing-property', 'type is required');
  if (typeof item.id !== 'string') sink.error(`${path}.id`, 'missing-property', 'id is required');
}
