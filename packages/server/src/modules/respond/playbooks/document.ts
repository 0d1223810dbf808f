// Playbook documents: versioned YAML, read with limits, then checked key by key. Every problem is
// reported (not only the first) with its path, e.g. `steps[2].with.url: required`, and its line and column.
import { ACTION_NAME, type ActionRegistry } from './actions.ts';
import { formatDuration, parseDuration } from './duration.ts';
import { compileExpression, type Expression, ExpressionError } from './expression.ts';
import { type CompiledValue, compileParams, joinPath, paramPaths } from './template.ts';
import { type PathSegment, readYaml, YAML_LIMITS, type YamlLimits } from './yaml-source.ts';

export type IncidentChange = 'created' | 'updated' | 'severity_changed';
export const INCIDENT_CHANGES: readonly IncidentChange[] = ['created', 'updated', 'severity_changed'];
export type Concurrency = 'parallel' | 'per-alert' | 'per-incident' | 'single';
export const CONCURRENCY: readonly Concurrency[] = ['parallel', 'per-alert', 'per-incident', 'single'];
export type OnFailure = 'stop' | 'continue';

export interface Approval {
  /** `role:<role>` or `user:<id>`; who may decide is checked by the caller, not by the engine. */
  approvers: string[];
  timeoutMs: number;
  onTimeout: 'skip' | 'stop' | 'approve';
  onReject: 'skip' | 'stop';
}

export interface Step {
  index: number;
  id: string;
  name: string;
  uses: string;
  /** `with` as written (templates unrendered), for display. */
  params: Record<string, unknown>;
  /** `with` compiled: rendered against the run's scope before each execution. */
  compiled: CompiledValue;
  if: Expression | undefined;
  retries: { max: number; backoffMs: number; maxBackoffMs: number };
  timeoutMs: number;
  approval: Approval | undefined;
  onFailure: OnFailure;
}

export interface Playbook {
  id: string;
  name: string;
  version: number;
  description: string;
  enabled: boolean;
  on: {
    /** Present when alerts trigger the playbook; `when` absent means every alert. */
    alert?: { when: Expression | undefined };
    incident?: { types: IncidentChange[]; when: Expression | undefined };
  };
  concurrency: Concurrency;
  /** Budget of active run time (waiting for an approval does not count). */
  timeoutMs: number;
  steps: Step[];
}

export interface DocumentProblem {
  /** e.g. `steps[2].with.url`; empty for the document as a whole. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export type ParseResult = { ok: true; playbook: Playbook } | { ok: false; problems: DocumentProblem[] };

export interface DocumentLimits {
  maxSteps: number;
  maxNameLength: number;
  maxDescriptionLength: number;
  maxApprovers: number;
  maxRetries: number;
  maxStepTimeoutMs: number;
  maxRunTimeoutMs: number;
  maxApprovalTimeoutMs: number;
}

export const DOCUMENT_LIMITS: DocumentLimits = {
  maxSteps: 100,
  maxNameLength: 200,
  maxDescriptionLength: 4000,
  maxApprovers: 20,
  maxRetries: 10,
  maxStepTimeoutMs: 3_600_000,
  maxRunTimeoutMs: 86_400_000,
  maxApprovalTimeoutMs: 30 * 86_400_000,
};

export const DEFAULTS = {
  enabled: true,
  concurrency: 'parallel' as Concurrency,
  runTimeoutMs: 15 * 60_000,
  stepTimeoutMs: 30_000,
  retries: 0,
  backoffMs: 1000,
  maxBackoffMs: 5 * 60_000,
  onFailure: 'stop' as OnFailure,
  approvers: ['role:responder'],
  approvalTimeoutMs: 24 * 3_600_000,
  onTimeout: 'skip' as Approval['onTimeout'],
  onReject: 'skip' as Approval['onReject'],
  incidentTypes: ['created'] as IncidentChange[],
};

export interface ParseOptions {
  /** Role names an approver may name (`role:<name>`); any well-formed name when absent. */
  roles?: readonly string[];
  limits?: Partial<DocumentLimits>;
  yamlLimits?: Partial<YamlLimits>;
}

const PLAYBOOK_ID = /^[a-z][a-z0-9-]{0,63}$/;
const STEP_ID = /^[a-z][a-z0-9_-]{0,63}$/;
const APPROVER = /^(role|user):[A-Za-z0-9._@-]{1,128}$/;
const TRIGGER_ROOTS = ['alert', 'incident', 'playbook'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function pathText(path: readonly PathSegment[]): string {
  return path.reduce<string>((acc, seg) => joinPath(acc, seg), '');
}

/** Segments of a path written as `a.b[2]["x y"]` (how actions name their parameters). */
export function splitPath(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  const token = /\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(-?\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let i = 0;
  while (i < text.length) {
    token.lastIndex = i;
    const m = token.exec(text);
    if (!m) return text ? [text] : [];
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3] as string) as string)));
    i = token.lastIndex;
  }
  return out;
}

/** `steps[2].with.url: required (line 14, column 9)` */
export function formatProblem(p: DocumentProblem): string {
  const where = p.line === undefined ? '' : ` (line ${p.line}${p.column === undefined ? '' : `, column ${p.column}`})`;
  return `${p.path ? `${p.path}: ` : ''}${p.message}${where}`;
}

/** Collects problems while reading typed values out of the plain YAML value. */
class Reader {
  readonly problems: { path: PathSegment[]; message: string }[] = [];

  fail(path: PathSegment[], message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }

  map(v: unknown, path: PathSegment[], keys: readonly string[]): Obj | undefined {
    if (!isObj(v)) return this.fail(path, 'must be a map of keys to values');
    for (const k of Object.keys(v)) if (!keys.includes(k)) this.fail([...path, k], `unknown key (allowed: ${keys.join(', ')})`);
    return v;
  }

  text(v: unknown, path: PathSegment[], opts: { max: number; pattern?: RegExp; hint?: string }): string | undefined {
    if (typeof v !== 'string') return this.fail(path, 'must be text');
    if (v.length > opts.max) return this.fail(path, `longer than ${opts.max} characters`);
    if (opts.pattern && !opts.pattern.test(v)) return this.fail(path, opts.hint ?? `must match ${opts.pattern.source}`);
    return v;
  }

  integer(v: unknown, path: PathSegment[], min: number, max: number): number | undefined {
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.fail(path, 'must be a whole number');
    if (v < min || v > max) return this.fail(path, `must be between ${min} and ${max}`);
    return v;
  }

  bool(v: unknown, path: PathSegment[]): boolean | undefined {
    if (typeof v !== 'boolean') return this.fail(path, 'must be true or false');
    return v;
  }

  choice<T extends string>(v: unknown, path: PathSegment[], choices: readonly T[]): T | undefined {
    if (typeof v !== 'string' || !choices.includes(v as T)) return this.fail(path, `must be one of: ${choices.join(', ')}`);
    return v as T;
  }

  duration(v: unknown, path: PathSegment[], maxMs: number, minMs = 1): number | undefined {
    if (typeof v !== 'string') return this.fail(path, 'must be a duration such as 500ms, 10s, 5m, 4h or 2d');
    const d = parseDuration(v);
    if (!d.ok) return this.fail(path, d.message);
    if (d.ms < minMs || d.ms > maxMs) return this.fail(path, `must be between ${formatDuration(minMs)} and ${formatDuration(maxMs)}`);
    return d.ms;
  }

  expression(v: unknown, path: PathSegment[], roots?: readonly string[]): Expression | undefined {
    if (typeof v === 'boolean') v = String(v);
    if (typeof v !== 'string') return this.fail(path, 'must be a condition (text)');
    try {
      return compileExpression(v, roots ? { roots } : {});
    } catch (err) {
      if (err instanceof ExpressionError) return this.fail(path, `condition: ${err.message}`);
      throw err;
    }
  }
}

function readTrigger(r: Reader, v: unknown): Playbook['on'] {
  const on: Playbook['on'] = {};
  const m = r.map(v, ['on'], ['alert', 'incident']);
  if (!m) return on;
  if (!('alert' in m) && !('incident' in m)) r.fail(['on'], 'needs a trigger: alert or incident');
  if ('alert' in m) {
    const a = m.alert === null ? {} : r.map(m.alert, ['on', 'alert'], ['when']);
    if (a) on.alert = { when: a.when === undefined ? undefined : r.expression(a.when, ['on', 'alert', 'when'], TRIGGER_ROOTS) };
  }
  if ('incident' in m) {
    const i = m.incident === null ? {} : r.map(m.incident, ['on', 'incident'], ['types', 'when']);
    if (i) {
      let types = DEFAULTS.incidentTypes;
      if (i.types !== undefined) {
        const list = typeof i.types === 'string' ? [i.types] : i.types;
        if (!Array.isArray(list) || list.length === 0) r.fail(['on', 'incident', 'types'], `must be a list of: ${INCIDENT_CHANGES.join(', ')}`);
        else types = [...new Set(list.map((t, n) => r.choice(t, ['on', 'incident', 'types', n], INCIDENT_CHANGES) ?? 'created'))];
      }
      on.incident = { types, when: i.when === undefined ? undefined : r.expression(i.when, ['on', 'incident', 'when'], TRIGGER_ROOTS) };
    }
  }
  return on;
}

function readRetries(r: Reader, v: unknown, path: PathSegment[], limits: DocumentLimits): Step['retries'] {
  const out = { max: DEFAULTS.retries, backoffMs: DEFAULTS.backoffMs, maxBackoffMs: DEFAULTS.maxBackoffMs };
  if (v === undefined) return out;
  if (typeof v === 'number') {
    out.max = r.integer(v, path, 0, limits.maxRetries) ?? 0;
    return out;
  }
  const m = r.map(v, path, ['max', 'backoff', 'max_backoff']);
  if (!m) return out;
  if (m.max !== undefined) out.max = r.integer(m.max, [...path, 'max'], 0, limits.maxRetries) ?? 0;
  if (m.backoff !== undefined) out.backoffMs = r.duration(m.backoff, [...path, 'backoff'], limits.maxStepTimeoutMs) ?? out.backoffMs;
  if (m.max_backoff !== undefined) out.maxBackoffMs = r.duration(m.max_backoff, [...path, 'max_backoff'], limits.maxRunTimeoutMs) ?? out.maxBackoffMs;
  if (out.maxBackoffMs < out.backoffMs) r.fail([...path, 'max_backoff'], 'must not be shorter than backoff');
  return out;
}

function readApproval(r: Reader, v: unknown, path: PathSegment[], limits: DocumentLimits, roles: readonly string[] | undefined): Approval | undefined {
  if (v === undefined || v === false) return undefined;
  const m = v === true ? {} : r.map(v, path, ['required', 'approvers', 'timeout', 'on_timeout', 'on_reject']);
  if (!m) return undefined;
  if (m.required !== undefined && r.bool(m.required, [...path, 'required']) === false) return undefined;
  const out: Approval = { approvers: DEFAULTS.approvers, timeoutMs: DEFAULTS.approvalTimeoutMs, onTimeout: DEFAULTS.onTimeout, onReject: DEFAULTS.onReject };
  if (m.approvers !== undefined) {
    const list = typeof m.approvers === 'string' ? [m.approvers] : m.approvers;
    if (!Array.isArray(list) || list.length === 0 || list.length > limits.maxApprovers) r.fail([...path, 'approvers'], `must be a list of 1 to ${limits.maxApprovers} approvers such as role:responder or user:<id>`);
    else {
      out.approvers = [];
      list.forEach((a, i) => {
        const p = [...path, 'approvers', i];
        const s = r.text(a, p, { max: 140, pattern: APPROVER, hint: 'must be role:<role> or user:<id>' });
        if (s === undefined) return;
        if (roles && s.startsWith('role:') && !roles.includes(s.slice(5))) r.fail(p, `unknown role (known: ${roles.join(', ')})`);
        else out.approvers.push(s);
      });
    }
  }
  if (m.timeout !== undefined) out.timeoutMs = r.duration(m.timeout, [...path, 'timeout'], limits.maxApprovalTimeoutMs, 60_000) ?? out.timeoutMs;
  if (m.on_timeout !== undefined) out.onTimeout = r.choice(m.on_timeout, [...path, 'on_timeout'], ['skip', 'stop', 'approve'] as const) ?? out.onTimeout;
  if (m.on_reject !== undefined) out.onReject = r.choice(m.on_reject, [...path, 'on_reject'], ['skip', 'stop'] as const) ?? out.onReject;
  return out;
}

const STEP_KEYS = ['id', 'name', 'uses', 'with', 'if', 'retries', 'timeout', 'approval', 'on_failure'];

function readStep(r: Reader, v: unknown, index: number, earlier: ReadonlySet<string>, registry: ActionRegistry, limits: DocumentLimits, options: ParseOptions): Step | undefined {
  const path: PathSegment[] = ['steps', index];
  const m = r.map(v, path, STEP_KEYS);
  if (!m) return undefined;
  const id = m.id === undefined ? r.fail([...path, 'id'], 'required') : r.text(m.id, [...path, 'id'], { max: 64, pattern: STEP_ID, hint: 'must be a lower-case slug starting with a letter (a-z, 0-9, - and _)' });
  if (id !== undefined && earlier.has(id)) r.fail([...path, 'id'], `duplicate step id '${id}'`);
  const name = m.name === undefined ? id : r.text(m.name, [...path, 'name'], { max: limits.maxNameLength });
  let uses: string | undefined;
  if (m.uses === undefined) r.fail([...path, 'uses'], 'required');
  else {
    uses = r.text(m.uses, [...path, 'uses'], { max: 100, pattern: ACTION_NAME, hint: 'must be an action name such as contain.blocklist' });
    if (uses !== undefined && !registry.has(uses)) {
      r.fail([...path, 'uses'], `unknown action '${uses}' (known: ${[...registry.keys()].sort().join(', ') || 'none'})`);
      uses = undefined;
    }
  }
  let params: Obj = {};
  if (isObj(m.with)) params = m.with;
  else if (m.with !== undefined && m.with !== null) r.fail([...path, 'with'], 'must be a map of parameters');
  const { compiled, problems } = compileParams(params);
  const paramProblems = [...problems, ...(uses === undefined ? [] : (registry.get(uses)?.validate(params, 'document') ?? []))];
  for (const p of paramProblems) r.problems.push({ path: [...path, 'with', ...splitPath(p.path)], message: p.message });
  const cond = m.if === undefined ? undefined : r.expression(m.if, [...path, 'if']);
  // A step may only read outputs of steps that ran before it.
  const refs = [...(cond?.paths ?? []).map((p) => ({ p, at: [...path, 'if'] })), ...paramPaths(compiled).map((p) => ({ p, at: [...path, 'with'] }))];
  for (const { p, at } of refs) {
    if (p.root !== 'steps') continue;
    const target = p.segments[0];
    if (typeof target !== 'string') r.fail(at, 'steps must be followed by a step id');
    else if (!earlier.has(target)) r.fail(at, `steps.${target} does not name an earlier step`);
  }
  const retries = readRetries(r, m.retries, [...path, 'retries'], limits);
  const timeoutMs = m.timeout === undefined ? DEFAULTS.stepTimeoutMs : (r.duration(m.timeout, [...path, 'timeout'], limits.maxStepTimeoutMs) ?? DEFAULTS.stepTimeoutMs);
  const approval = readApproval(r, m.approval, [...path, 'approval'], limits, options.roles);
  const onFailure = m.on_failure === undefined ? DEFAULTS.onFailure : (r.choice(m.on_failure, [...path, 'on_failure'], ['stop', 'continue'] as const) ?? DEFAULTS.onFailure);
  if (id === undefined || uses === undefined) return undefined;
  return { index, id, name: name ?? id, uses, params, compiled, if: cond, retries, timeoutMs, approval, onFailure };
}

const TOP_KEYS = ['id', 'name', 'version', 'description', 'enabled', 'on', 'concurrency', 'timeout', 'steps'];

/** Reads and checks a playbook document. Never throws on bad input: every problem is in the result. */
export function parsePlaybook(text: string, registry: ActionRegistry, options: ParseOptions = {}): ParseResult {
  const limits = { ...DOCUMENT_LIMITS, ...options.limits };
  const read = readYaml(text, { ...YAML_LIMITS, ...options.yamlLimits });
  if (!read.ok) return { ok: false, problems: read.problems.map((p) => ({ ...p, path: pathText(p.path) })) };
  const r = new Reader();
  const doc = r.map(read.value, [], TOP_KEYS);
  if (!doc) return { ok: false, problems: [{ path: '', message: 'a playbook is a map with id, name, version, on and steps', line: 1, column: 1 }] };
  const required = (k: string): unknown => (doc[k] === undefined ? r.fail([k], 'required') : doc[k]);
  const id = required('id') === undefined ? undefined : r.text(doc.id, ['id'], { max: 64, pattern: PLAYBOOK_ID, hint: 'must be a lower-case slug starting with a letter (a-z, 0-9 and -)' });
  const name = required('name') === undefined ? undefined : r.text(doc.name, ['name'], { max: limits.maxNameLength });
  const version = required('version') === undefined ? undefined : r.integer(doc.version, ['version'], 1, 1_000_000_000);
  const description = doc.description === undefined ? '' : (r.text(doc.description, ['description'], { max: limits.maxDescriptionLength }) ?? '');
  const enabled = doc.enabled === undefined ? DEFAULTS.enabled : (r.bool(doc.enabled, ['enabled']) ?? false);
  const on = required('on') === undefined ? {} : readTrigger(r, doc.on);
  const concurrency = doc.concurrency === undefined ? DEFAULTS.concurrency : (r.choice(doc.concurrency, ['concurrency'], CONCURRENCY) ?? DEFAULTS.concurrency);
  const timeoutMs = doc.timeout === undefined ? DEFAULTS.runTimeoutMs : (r.duration(doc.timeout, ['timeout'], limits.maxRunTimeoutMs) ?? DEFAULTS.runTimeoutMs);
  const steps: Step[] = [];
  const rawSteps = required('steps');
  if (rawSteps !== undefined) {
    if (!Array.isArray(rawSteps) || rawSteps.length === 0) r.fail(['steps'], 'must be a list of at least one step');
    else if (rawSteps.length > limits.maxSteps) r.fail(['steps'], `has ${rawSteps.length} steps; the limit is ${limits.maxSteps}`);
    else {
      const seen = new Set<string>();
      rawSteps.forEach((s, i) => {
        const step = readStep(r, s, i, seen, registry, limits, options);
        if (step) steps.push(step);
        const sid = isObj(s) && typeof s.id === 'string' ? s.id : undefined;
        if (sid !== undefined) seen.add(sid);
      });
    }
  }
  if (r.problems.length > 0 || id === undefined || name === undefined || version === undefined) {
    const located: DocumentProblem[] = r.problems.map((p) => ({ path: pathText(p.path), message: p.message, ...read.locate(p.path) }));
    // In document order, so a reader can fix them top to bottom (sort is stable for equal positions).
    located.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
    return { ok: false, problems: located };
  }
  return { ok: true, playbook: { id, name, version, description, enabled, on, concurrency, timeoutMs, steps } };
}

/**
 * For whoever stores playbooks: a new document for an existing playbook must keep its id and raise
 * its version, so that every run can name the exact document it followed. Undefined when acceptable.
 */
export function checkNewVersion(stored: Pick<Playbook, 'id' | 'version'> | undefined, next: Pick<Playbook, 'id' | 'version'>): DocumentProblem | undefined {
  if (!stored) return undefined;
  if (stored.id !== next.id) return { path: 'id', message: `must stay '${stored.id}' (a playbook keeps its id across versions)` };
  if (next.version <= stored.version) return { path: 'version', message: `must be greater than ${stored.version}, the stored version` };
  return undefined;
}
