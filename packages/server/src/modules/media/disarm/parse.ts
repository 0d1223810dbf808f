// Reads DISARM's STIX 2.1 bundle (untrusted input) into tactics and techniques, within limits.
// Shape (DISARM's generated_files/DISARM_STIX): techniques are `attack-pattern` objects with the DISARM id
// in external_references[].external_id and the tactic as kill_chain_phases[].phase_name; tactics are
// `x-mitre-tactic` objects (x_mitre_shortname), ordered by the one `x-mitre-matrix` (tactic_refs);
// sub-techniques are linked to their parent by `subtechnique-of` relationships.
// Structural problems (not JSON, too large, too deep, too many objects) throw a DisarmParseError;
// a bad object is skipped and reported as a defect with its index and path.
import { htmlToText } from './text.ts';

export interface DisarmLimits {
  /** Bytes of the bundle's JSON text. */
  readonly maxBytes: number;
  /** Objects in the bundle. */
  readonly maxObjects: number;
  /** Nesting of arrays and objects. */
  readonly maxDepth: number;
  /** Characters of any one string. */
  readonly maxStringLength: number;
}

export const DISARM_LIMITS: DisarmLimits = Object.freeze({ maxBytes: 8 * 1024 * 1024, maxObjects: 20_000, maxDepth: 32, maxStringLength: 100_000 });

export interface DisarmDefect {
  /** Position in `objects` (null: the bundle itself). */
  readonly index: number | null;
  readonly id?: string;
  readonly path: string;
  readonly message: string;
}

export type StixJson = Record<string, unknown>;

export interface ParsedTactic {
  readonly id: string;
  readonly stixId: string;
  readonly name: string;
  readonly shortname: string;
  readonly description: string;
  readonly position: number;
  readonly object: StixJson;
}

export interface ParsedTechnique {
  readonly id: string;
  readonly stixId: string;
  readonly name: string;
  readonly description: string;
  readonly tacticId: string | null;
  readonly tacticName: string | null;
  readonly tacticShortname: string | null;
  readonly parentId: string | null;
  readonly subtechnique: boolean;
  readonly url: string | null;
  readonly object: StixJson;
}

export interface DisarmBundle {
  /** Objects in the bundle. */
  readonly received: number;
  readonly tactics: ParsedTactic[];
  readonly techniques: ParsedTechnique[];
  /** The identity and marking definitions the techniques refer to, and the matrix, as given. */
  readonly others: StixJson[];
  readonly defects: DisarmDefect[];
}

export class DisarmParseError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'DisarmParseError';
    this.path = path;
  }
}

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;
const TACTIC_ID = /^TA\d{2}$/;
const STIX_ID = /^([a-z][a-z0-9-]*)--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const SHORTNAME = /^[a-z0-9][a-z0-9-]{0,99}$/;
const MAX_NAME = 500;

const isObject = (v: unknown): v is StixJson => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Depth, string length and element count of a parsed JSON value, without recursion. */
function checkShape(root: unknown, limits: DisarmLimits): void {
  const stack: Array<{ v: unknown; depth: number; path: string }> = [{ v: root, depth: 0, path: '$' }];
  let visited = 0;
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (++visited > limits.maxObjects * 200) throw new DisarmParseError(path, `more than ${limits.maxObjects * 200} JSON values`);
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) throw new DisarmParseError(path, `a string of ${v.length} characters (at most ${limits.maxStringLength})`);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limits.maxDepth) throw new DisarmParseError(path, `nested deeper than ${limits.maxDepth} levels`);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, depth: depth + 1, path: `${path}[${i}]` }));
    else {
      for (const [k, x] of Object.entries(v)) {
        if (k.length > limits.maxStringLength) throw new DisarmParseError(path, `a key of ${k.length} characters`);
        stack.push({ v: x, depth: depth + 1, path: `${path}.${/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : JSON.stringify(k)}` });
      }
    }
  }
}

function text(input: string | Uint8Array, limits: DisarmLimits): string {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (bytes > limits.maxBytes) throw new DisarmParseError('$', `the bundle holds ${bytes} bytes (at most ${limits.maxBytes})`);
  return typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
}

/** Reads a DISARM STIX bundle given as JSON text (or bytes), within `limits`. */
export function parseDisarmBundle(input: string | Uint8Array, limits: DisarmLimits = DISARM_LIMITS): DisarmBundle {
  const json = text(input, limits);
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch (err) {
    throw new DisarmParseError('$', `not JSON (${(err as Error).message})`);
  }
  return readDisarmBundle(root, limits);
}

/** Reads an already parsed bundle (limits on depth, strings and objects still apply). */
export function readDisarmBundle(root: unknown, limits: DisarmLimits = DISARM_LIMITS): DisarmBundle {
  if (!isObject(root)) throw new DisarmParseError('$', 'a STIX bundle is a JSON object');
  if (root.type !== 'bundle') throw new DisarmParseError('$.type', `expected "bundle", not ${JSON.stringify(root.type ?? null)}`);
  const objects = root.objects;
  if (!Array.isArray(objects)) throw new DisarmParseError('$.objects', 'a bundle holds an array of objects');
  if (objects.length > limits.maxObjects) throw new DisarmParseError('$.objects', `${objects.length} objects (at most ${limits.maxObjects})`);
  checkShape(root, limits);

  const defects: DisarmDefect[] = [];
  const defect = (index: number | null, path: string, message: string, id?: unknown) =>
    defects.push({ index, path, message, ...(typeof id === 'string' && id.length <= 300 ? { id } : {}) });

  interface RawTechnique { index: number; id: string; stixId: string; name: string; description: string; phase: string | null; url: string | null; sub: boolean; object: StixJson }
  interface RawTactic { index: number; id: string; stixId: string; name: string; shortname: string; description: string; object: StixJson }
  const rawTechniques: RawTechnique[] = [];
  const rawTactics: RawTactic[] = [];
  const parents = new Map<string, { target: string; index: number }>();
  const others: StixJson[] = [];
  let matrix: { refs: string[]; index: number } | undefined;

  objects.forEach((o: unknown, index) => {
    const at = `$.objects[${index}]`;
    if (!isObject(o)) return defect(index, at, 'not a JSON object');
    const type = o.type;
    const id = o.id;
    if (typeof type !== 'string') return defect(index, `${at}.type`, 'type is missing or not a string', id);
    if (typeof id !== 'string' || STIX_ID.exec(id)?.[1] !== type) return defect(index, `${at}.id`, `id is not a STIX id of type ${type}`, id);
    if (o.revoked === true || o.x_mitre_deprecated === true) return defect(index, `${at}.revoked`, 'revoked or deprecated: not imported', id);
    switch (type) {
      case 'attack-pattern': {
        const name = o.name;
        if (typeof name !== 'string' || !name.trim() || name.length > MAX_NAME) return defect(index, `${at}.name`, `name is missing, empty or longer than ${MAX_NAME} characters`, id);
        const refs = Array.isArray(o.external_references) ? o.external_references : [];
        const refIndex = refs.findIndex((r) => isObject(r) && typeof r.external_id === 'string' && TECHNIQUE_ID.test(r.external_id));
        if (refIndex === -1) return defect(index, `${at}.external_references`, 'no external reference with a DISARM technique id (T0000 or T0000.000)', id);
        const ref = refs[refIndex] as StixJson;
        const disarmId = ref.external_id as string;
        const url = typeof ref.url === 'string' && /^https?:\/\//.test(ref.url) ? ref.url : null;
        let phase: string | null = null;
        const phases = o.kill_chain_phases;
        if (phases !== undefined && !Array.isArray(phases)) defect(index, `${at}.kill_chain_phases`, 'not an array: read without a tactic', id);
        else if (Array.isArray(phases)) {
          const first = phases.find((p) => isObject(p) && typeof p.phase_name === 'string');
          if (first) phase = (first as StixJson).phase_name as string;
          else defect(index, `${at}.kill_chain_phases`, 'no phase_name: read without a tactic', id);
          if (phases.length > 1) defect(index, `${at}.kill_chain_phases`, `${phases.length} phases: the first names the tactic`, id);
        } else defect(index, `${at}.kill_chain_phases`, 'missing: read without a tactic', id);
        const description = typeof o.description === 'string' ? htmlToText(o.description) : '';
        const sub = o.x_mitre_is_subtechnique === true || disarmId.includes('.');
        rawTechniques.push({ index, id: disarmId, stixId: id, name: name.trim(), description, phase, url, sub, object: o });
        return;
      }
      case 'x-mitre-tactic': {
        const refs = Array.isArray(o.external_references) ? o.external_references : [];
        const ref = refs.find((r) => isObject(r) && typeof r.external_id === 'string' && TACTIC_ID.test(r.external_id)) as StixJson | undefined;
        if (!ref) return defect(index, `${at}.external_references`, 'no external reference with a DISARM tactic id (TA00)', id);
        const name = o.name;
        if (typeof name !== 'string' || !name.trim() || name.length > MAX_NAME) return defect(index, `${at}.name`, `name is missing, empty or longer than ${MAX_NAME} characters`, id);
        const shortname = o.x_mitre_shortname;
        if (typeof shortname !== 'string' || !SHORTNAME.test(shortname)) return defect(index, `${at}.x_mitre_shortname`, 'missing or not a lowercase shortname (a-z, 0-9, -)', id);
        rawTactics.push({ index, id: ref.external_id as string, stixId: id, name: name.trim(), shortname, description: typeof o.description === 'string' ? htmlToText(o.description) : '', object: o });
        return;
      }
      case 'x-mitre-matrix': {
        if (matrix) return defect(index, at, 'a second matrix: ignored', id);
        const refs = o.tactic_refs;
        if (!Array.isArray(refs) || refs.some((r) => typeof r !== 'string')) return defect(index, `${at}.tactic_refs`, 'not a list of tactic ids', id);
        matrix = { refs: refs as string[], index };
        others.push(o);
        return;
      }
      case 'relationship': {
        if (o.relationship_type !== 'subtechnique-of') return;
        if (typeof o.source_ref !== 'string' || typeof o.target_ref !== 'string') return defect(index, at, 'subtechnique-of without source_ref and target_ref', id);
        parents.set(o.source_ref, { target: o.target_ref, index });
        return;
      }
      case 'identity':
      case 'marking-definition':
        others.push(o);
        return;
      default:
        return; // other types are not part of the framework
    }
  });

  // Tactics: unique ids and shortnames, ordered by the matrix (then by id).
  const tacticsById = new Map<string, RawTactic>();
  const byShortname = new Map<string, RawTactic>();
  for (const t of rawTactics) {
    if (tacticsById.has(t.id) || byShortname.has(t.shortname)) {
      defect(t.index, `$.objects[${t.index}]`, `tactic ${t.id} (${t.shortname}) appears twice: the first is kept`, t.stixId);
      continue;
    }
    tacticsById.set(t.id, t);
    byShortname.set(t.shortname, t);
  }
  const byStix = new Map([...tacticsById.values()].map((t) => [t.stixId, t]));
  const order: RawTactic[] = [];
  if (matrix) {
    matrix.refs.forEach((ref, i) => {
      const t = byStix.get(ref);
      if (!t) defect(matrix!.index, `$.objects[${matrix!.index}].tactic_refs[${i}]`, `${ref} is not a tactic of this bundle`);
      else if (!order.includes(t)) order.push(t);
    });
  }
  const rest = [...tacticsById.values()].filter((t) => !order.includes(t)).sort((a, b) => a.id.localeCompare(b.id));
  order.push(...rest);
  const tactics: ParsedTactic[] = order.map((t, position) => ({ id: t.id, stixId: t.stixId, name: t.name, shortname: t.shortname, description: t.description, position, object: t.object }));

  // Techniques: unique DISARM ids, tactic from the phase name, parent from subtechnique-of (else the id's prefix).
  const seen = new Set<string>();
  const unique: RawTechnique[] = [];
  for (const t of rawTechniques) {
    if (seen.has(t.id)) {
      defect(t.index, `$.objects[${t.index}].external_references`, `technique ${t.id} appears twice: the first is kept`, t.stixId);
      continue;
    }
    seen.add(t.id);
    unique.push(t);
  }
  const disarmIdOfStix = new Map(unique.map((t) => [t.stixId, t.id]));
  const techniques: ParsedTechnique[] = unique.map((t) => {
    const tactic = t.phase === null ? undefined : byShortname.get(t.phase);
    if (t.phase !== null && !tactic) defect(t.index, `$.objects[${t.index}].kill_chain_phases`, `phase "${t.phase}" is not the shortname of a tactic in this bundle`, t.stixId);
    let parentId: string | null = null;
    const rel = parents.get(t.stixId);
    if (rel) {
      parentId = disarmIdOfStix.get(rel.target) ?? null;
      if (!parentId) defect(rel.index, `$.objects[${rel.index}].target_ref`, `${rel.target} is not a technique of this bundle`);
    }
    if (!parentId && t.sub) {
      const prefix = t.id.split('.')[0]!;
      if (seen.has(prefix) && prefix !== t.id) parentId = prefix;
      else defect(t.index, `$.objects[${t.index}]`, `sub-technique ${t.id} without a parent technique in this bundle`, t.stixId);
    }
    return {
      id: t.id, stixId: t.stixId, name: t.name, description: t.description,
      tacticId: tactic?.id ?? null, tacticName: tactic?.name ?? null, tacticShortname: tactic?.shortname ?? null,
      parentId, subtechnique: t.sub, url: t.url, object: t.object,
    };
  });
  if (techniques.length === 0) defect(null, '$.objects', 'no DISARM techniques (attack-pattern objects with a T0000 id) in the bundle');
  defects.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
  return { received: objects.length, tactics, techniques, others, defects };
}
