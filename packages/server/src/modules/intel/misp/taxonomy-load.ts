// Loading MISP taxonomies (`<dir>/<name>/machinetag.json`). Malformed parts are reported, never thrown.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { directoryFeedSource } from './feed-source.ts';
import { isObj, type Obj, own, readBool, readInt, readString } from './json-read.ts';
import { parseJson } from './json-parse.ts';
import { joinPath, type MispProblem, ProblemLog } from './problems.ts';
import { Taxonomies } from './taxonomies.ts';
import type { Taxonomy, TaxonomyEntry, TaxonomyPredicate } from './taxonomy-types.ts';

function entry(o: Obj): TaxonomyEntry | undefined {
  const value = readString(own(o, 'value'));
  if (!value) return undefined;
  const e: TaxonomyEntry = { value };
  const expanded = readString(own(o, 'expanded'));
  if (expanded) e.expanded = expanded;
  const description = readString(own(o, 'description'));
  if (description) e.description = description;
  const colour = readString(own(o, 'colour'));
  if (colour) e.colour = colour;
  const n = own(o, 'numerical_value');
  if (typeof n === 'number' && Number.isFinite(n)) e.numericalValue = n;
  return e;
}

/** Parses one machinetag.json document; undefined (with problems) when it has no namespace or predicates. */
export function parseTaxonomy(json: unknown, log: ProblemLog): Taxonomy | undefined {
  if (!isObj(json)) {
    log.error('schema', '', 'a taxonomy is an object with namespace and predicates');
    return undefined;
  }
  const namespace = readString(own(json, 'namespace'))?.trim();
  if (!namespace || /[\s:="]/.test(namespace)) {
    log.error('schema', 'namespace', 'namespace is missing or not a single word');
    return undefined;
  }
  const preds = own(json, 'predicates');
  if (!Array.isArray(preds)) {
    log.error('schema', 'predicates', 'predicates is missing or not an array');
    return undefined;
  }
  const t: Taxonomy = {
    namespace,
    description: readString(own(json, 'description')) ?? '',
    version: readInt(own(json, 'version')) ?? 0,
    exclusive: readBool(own(json, 'exclusive')) ?? false,
    refs: Array.isArray(own(json, 'refs')) ? (own(json, 'refs') as unknown[]).filter((r): r is string => typeof r === 'string') : [],
    predicates: [],
  };
  const expanded = readString(own(json, 'expanded'));
  if (expanded) t.expanded = expanded;
  preds.forEach((p, i) => {
    const e = isObj(p) ? entry(p) : undefined;
    if (!e || !isObj(p)) return log.warn('schema', joinPath(joinPath('', 'predicates'), i), 'predicate without a value; ignored');
    if (t.predicates.some((x) => x.value === e.value)) return log.warn('schema', joinPath(joinPath('', 'predicates'), i), `predicate ${e.value} defined twice; the first is used`);
    t.predicates.push({ ...e, exclusive: readBool(own(p, 'exclusive')) ?? false, entries: [] });
  });
  const values = own(json, 'values');
  if (values !== undefined && !Array.isArray(values)) log.warn('schema', 'values', 'values is not an array; ignored');
  (Array.isArray(values) ? values : []).forEach((v, i) => {
    const path = joinPath(joinPath('', 'values'), i);
    const name = isObj(v) ? readString(own(v, 'predicate')) : undefined;
    const pred: TaxonomyPredicate | undefined = name === undefined ? undefined : t.predicates.find((x) => x.value === name);
    if (!pred || !isObj(v)) return log.warn('schema', path, `values for an unknown predicate ${JSON.stringify(name)}; ignored`);
    const entries = own(v, 'entry');
    if (!Array.isArray(entries)) return log.warn('schema', joinPath(path, 'entry'), 'entry is not an array; ignored');
    entries.forEach((x, j) => {
      const e = isObj(x) ? entry(x) : undefined;
      if (!e) return log.warn('schema', joinPath(joinPath(path, 'entry'), j), 'entry without a value; ignored');
      if (pred.entries.some((y) => y.value === e.value)) return log.warn('schema', joinPath(joinPath(path, 'entry'), j), `value ${e.value} listed twice; the first is used`);
      pred.entries.push(e);
    });
  });
  return t;
}

export interface TaxonomyLoadResult {
  taxonomies: Taxonomies;
  problems: MispProblem[];
}

/** Builds Taxonomies from parsed documents; a later namespace that repeats an earlier one is reported and ignored. */
export function buildTaxonomies(documents: readonly { json: unknown; file?: string }[]): TaxonomyLoadResult {
  const problems: MispProblem[] = [];
  const list: Taxonomy[] = [];
  for (const doc of documents) {
    const log = new ProblemLog(doc.file);
    const t = parseTaxonomy(doc.json, log);
    if (t && list.some((x) => x.namespace === t.namespace)) log.warn('schema', 'namespace', `namespace ${t.namespace} is already loaded; ignored`);
    else if (t) list.push(t);
    problems.push(...log.problems);
  }
  return { taxonomies: new Taxonomies(list), problems };
}

/** Loads every `<dir>/<name>/machinetag.json`. */
export async function loadTaxonomies(dir: string, options: { maxFileBytes?: number } = {}): Promise<TaxonomyLoadResult> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch (err) {
    return { taxonomies: new Taxonomies([]), problems: [{ code: 'io', level: 'error', file: dir, message: `cannot list the taxonomies directory: ${(err as Error).message}` }] };
  }
  const problems: MispProblem[] = [];
  const docs: { json: unknown; file: string }[] = [];
  for (const name of names) {
    const source = directoryFeedSource(join(dir, name));
    const file = source.describe('machinetag.json');
    const read = await source.read('machinetag.json', options.maxFileBytes ?? 16 << 20);
    const log = new ProblemLog(file);
    if (!read.ok) {
      if (read.code !== 'missing') log.error(read.code, undefined, read.message);
    } else {
      const json = parseJson(read.text, log);
      if (json.ok) docs.push({ json: json.value, file });
    }
    problems.push(...log.problems);
  }
  const built = buildTaxonomies(docs);
  return { taxonomies: built.taxonomies, problems: [...problems, ...built.problems] };
}
