// The Sigma rule model (rules spec "File Structure"; correlation spec "Correlation section"; filters spec
// "Global filter") and the validation of the fields that matter. Validation returns errors; it never throws.
import type { SigmaError } from './errors.ts';

export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];
export const STATUSES = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] as const;
export type Status = (typeof STATUSES)[number];

export interface LogSource {
  category?: string;
  product?: string;
  service?: string;
  definition?: string;
}

/** Locates a YAML path of the document in the file (1-based line). */
export type Locate = (path: readonly (string | number)[]) => number | undefined;

export interface SigmaRule {
  kind: 'rule';
  file?: string;
  title: string;
  id?: string;
  name?: string;
  status?: Status;
  description?: string;
  author?: string;
  date?: string;
  modified?: string;
  level?: Level;
  logsource: LogSource;
  /** Search identifiers as parsed from YAML (numbers kept as their source text). */
  detection: Record<string, unknown>;
  condition: string[];
  tags: string[];
  references: string[];
  falsepositives: string[];
  fields: string[];
  locate: Locate;
}

export const CORRELATION_TYPES = ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile'] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];
export type CountCondition = Partial<Record<'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq', number>>;

/** A correlation rule: parsed and validated here; matching it is not implemented yet. */
export interface CorrelationRule {
  kind: 'correlation';
  file?: string;
  title: string;
  id?: string;
  name?: string;
  status?: Status;
  level?: Level;
  type: CorrelationType;
  rules: string[];
  groupBy: string[];
  timespanMs: number;
  condition?: CountCondition;
  field?: string;
  aliases: Record<string, Record<string, string>>;
  generate: boolean;
  locate: Locate;
}

/**
 * A meta filter (filters spec "Global filter"): events its condition matches are suppressed for the rules
 * it names, when its logsource fits theirs (see filter.ts). It has no level or status.
 */
export interface SigmaFilter {
  kind: 'filter';
  file?: string;
  title: string;
  id?: string;
  description?: string;
  date?: string;
  modified?: string;
  taxonomy?: string;
  logsource: LogSource;
  /** The rules to filter, by id (or name). */
  rules: string[];
  /** Search identifiers of the `filter` section (all keys but `rules` and `condition`). */
  detection: Record<string, unknown>;
  condition: string[];
  locate: Locate;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function err(reason: string, path: (string | number)[], locate: Locate): SigmaError {
  return { code: 'schema', reason, path: path.join('.'), line: locate(path) };
}

function strList(doc: Obj, key: string, errors: SigmaError[], locate: Locate): string[] {
  const v = doc[key];
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' && typeof x !== 'number')) {
    errors.push(err(`"${key}" must be a list of strings`, [key], locate));
    return [];
  }
  return v.map(String);
}

function optStr(doc: Obj, key: string, errors: SigmaError[], locate: Locate): string | undefined {
  const v = doc[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  errors.push(err(`"${key}" must be a string`, [key], locate));
  return undefined;
}

function common(doc: Obj, errors: SigmaError[], locate: Locate) {
  const title = optStr(doc, 'title', errors, locate);
  if (!title) errors.push(err('"title" is required', ['title'], locate));
  const id = optStr(doc, 'id', errors, locate);
  if (id !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    errors.push(err(`"id" must be a UUID, got "${id}"`, ['id'], locate));
  }
  const status = optStr(doc, 'status', errors, locate);
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
    errors.push(err(`"status" must be one of ${STATUSES.join(', ')}`, ['status'], locate));
  }
  const level = optStr(doc, 'level', errors, locate);
  if (level !== undefined && !(LEVELS as readonly string[]).includes(level)) {
    errors.push(err(`"level" must be one of ${LEVELS.join(', ')}`, ['level'], locate));
  }
  return { title: title ?? '', id, name: optStr(doc, 'name', errors, locate), status: status as Status | undefined, level: level as Level | undefined };
}

function logsourceOf(doc: Obj, errors: SigmaError[], locate: Locate): LogSource {
  const ls = doc.logsource;
  const logsource: LogSource = {};
  if (!isObj(ls)) errors.push(err('"logsource" is required and must be a map', ['logsource'], locate));
  else {
    for (const k of ['category', 'product', 'service', 'definition'] as const) {
      const v = ls[k];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'string') errors.push(err(`"logsource.${k}" must be a string`, ['logsource', k], locate));
      else logsource[k] = v;
    }
  }
  return logsource;
}

function conditionOf(cond: unknown, root: string, errors: SigmaError[], locate: Locate): string[] {
  if (typeof cond === 'string') return [cond];
  if (Array.isArray(cond) && cond.length && cond.every((c) => typeof c === 'string')) return cond as string[];
  errors.push(err(`"${root}.condition" is required (a string or a list of strings)`, [root, 'condition'], locate));
  return [];
}

/** Validates a detection rule document. */
export function toRule(doc: Obj, locate: Locate, file?: string): { rule?: SigmaRule; errors: SigmaError[] } {
  const errors: SigmaError[] = [];
  const base = common(doc, errors, locate);
  const logsource = logsourceOf(doc, errors, locate);
  const det = doc.detection;
  let detection: Obj = {};
  let condition: string[] = [];
  if (!isObj(det)) errors.push(err('"detection" is required and must be a map', ['detection'], locate));
  else {
    const { condition: cond, ...ids } = det;
    detection = ids;
    condition = conditionOf(cond, 'detection', errors, locate);
    if (Object.keys(ids).length === 0) errors.push(err('"detection" defines no search identifier', ['detection'], locate));
  }
  const rule: SigmaRule = {
    kind: 'rule',
    file,
    ...base,
    description: optStr(doc, 'description', errors, locate),
    author: optStr(doc, 'author', errors, locate),
    date: optStr(doc, 'date', errors, locate),
    modified: optStr(doc, 'modified', errors, locate),
    logsource,
    detection,
    condition,
    tags: strList(doc, 'tags', errors, locate),
    references: strList(doc, 'references', errors, locate),
    falsepositives: strList(doc, 'falsepositives', errors, locate),
    fields: strList(doc, 'fields', errors, locate),
    locate,
  };
  return errors.length ? { errors } : { rule, errors };
}

const TIMESPAN = /^(\d+)([smhdwMy])$/;
const UNIT_MS: Record<string, number> = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5, M: 2592e6, y: 31536e6 };

/** Validates a correlation rule document. */
export function toCorrelation(doc: Obj, locate: Locate, file?: string): { rule?: CorrelationRule; errors: SigmaError[] } {
  const errors: SigmaError[] = [];
  const base = common(doc, errors, locate);
  const c = doc.correlation;
  if (!isObj(c)) return { errors: [err('"correlation" must be a map', ['correlation'], locate)] };
  const at = (k: string) => ['correlation', k];
  const type = c.type;
  if (typeof type !== 'string' || !(CORRELATION_TYPES as readonly string[]).includes(type)) {
    errors.push(err(`"correlation.type" must be one of ${CORRELATION_TYPES.join(', ')}`, at('type'), locate));
  }
  const rules = typeof c.rules === 'string' ? [c.rules] : Array.isArray(c.rules) && c.rules.every((r) => typeof r === 'string') ? (c.rules as string[]) : undefined;
  if (!rules?.length) errors.push(err('"correlation.rules" must list the referenced rules', at('rules'), locate));
  const groupBy = c['group-by'] === undefined ? [] : typeof c['group-by'] === 'string' ? [c['group-by']] : Array.isArray(c['group-by']) ? c['group-by'].map(String) : undefined;
  if (!groupBy) errors.push(err('"correlation.group-by" must be a list of fields', at('group-by'), locate));
  const ts = TIMESPAN.exec(String(c.timespan ?? c.timeframe ?? ''));
  if (!ts) errors.push(err('"correlation.timespan" must be a number followed by s, m, h or d', at('timespan'), locate));
  let condition: CountCondition | undefined;
  if (c.condition !== undefined) {
    if (!isObj(c.condition)) errors.push(err('"correlation.condition" must be a map such as {gte: 10}', at('condition'), locate));
    else {
      condition = {};
      for (const [k, v] of Object.entries(c.condition)) {
        if (k === 'field') continue;
        const n = Number(v);
        if (!['gt', 'gte', 'lt', 'lte', 'eq', 'neq'].includes(k) || !Number.isFinite(n)) {
          errors.push(err(`"correlation.condition.${k}" is not a valid count condition`, ['correlation', 'condition', k], locate));
        } else condition[k as keyof CountCondition] = n;
      }
    }
  } else if (type !== 'temporal' && type !== 'temporal_ordered') {
    errors.push(err('"correlation.condition" is required for this type', at('condition'), locate));
  }
  const field = isObj(c.condition) && typeof c.condition.field === 'string' ? c.condition.field : typeof c.field === 'string' ? c.field : undefined;
  if (typeof type === 'string' && type.startsWith('value_') && !field) errors.push(err(`"${type}" needs a field`, at('condition'), locate));
  const aliases: Record<string, Record<string, string>> = {};
  if (isObj(c.aliases)) for (const [k, v] of Object.entries(c.aliases)) if (isObj(v)) aliases[k] = Object.fromEntries(Object.entries(v).map(([a, b]) => [a, String(b)]));
  if (errors.length) return { errors };
  return {
    rule: {
      kind: 'correlation',
      file,
      ...base,
      type: type as CorrelationType,
      rules: rules ?? [],
      groupBy: groupBy ?? [],
      timespanMs: Number(ts?.[1]) * (UNIT_MS[ts?.[2] ?? 's'] as number),
      condition,
      field,
      aliases,
      generate: c.generate === true || doc.generate === true,
      locate,
    },
    errors,
  };
}

function ruleRefs(v: unknown, errors: SigmaError[], locate: Locate): string[] {
  const at = ['filter', 'rules'];
  if (v === undefined || v === null) {
    errors.push(err('"filter.rules" is required: the ids of the rules to filter', at, locate));
    return [];
  }
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.length === 0) {
    errors.push(err('"filter.rules" must be a non-empty list of rule ids', at, locate));
    return [];
  }
  const seen = new Set<string>();
  for (const [i, ref] of list.entries()) {
    if (typeof ref !== 'string' || ref === '') {
      errors.push(err('"filter.rules" must be a list of rule ids (strings)', [...at, i], locate));
      return [];
    }
    if (seen.has(ref)) errors.push(err(`"filter.rules" lists "${ref}" twice`, [...at, i], locate));
    seen.add(ref);
  }
  return list as string[];
}

/** Validates a meta filter document. */
export function toFilter(doc: Obj, locate: Locate, file?: string): { filter?: SigmaFilter; errors: SigmaError[] } {
  const errors: SigmaError[] = [];
  const { title, id } = common(doc, errors, locate);
  const logsource = logsourceOf(doc, errors, locate);
  const f = doc.filter;
  let rules: string[] = [];
  let detection: Obj = {};
  let condition: string[] = [];
  if (!isObj(f)) errors.push(err('"filter" must be a map of "rules", search identifiers and "condition"', ['filter'], locate));
  else {
    const { rules: refs, condition: cond, ...ids } = f;
    rules = ruleRefs(refs, errors, locate);
    condition = conditionOf(cond, 'filter', errors, locate);
    detection = ids;
    if (Object.keys(ids).length === 0) errors.push(err('"filter" defines no search identifier (such as "selection")', ['filter'], locate));
  }
  const filter: SigmaFilter = {
    kind: 'filter',
    file,
    title,
    id,
    description: optStr(doc, 'description', errors, locate),
    date: optStr(doc, 'date', errors, locate),
    modified: optStr(doc, 'modified', errors, locate),
    taxonomy: optStr(doc, 'taxonomy', errors, locate),
    logsource,
    rules,
    detection,
    condition,
    locate,
  };
  return errors.length ? { errors } : { filter, errors };
}
