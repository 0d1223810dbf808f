// Reading a playbook's YAML with limits, and finding the line and column of any path in it afterwards.
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

export interface YamlLimits {
  maxBytes: number;
  maxDepth: number;
  maxAliases: number;
  maxStringLength: number;
}

export const YAML_LIMITS: YamlLimits = { maxBytes: 256 * 1024, maxDepth: 16, maxAliases: 50, maxStringLength: 16 * 1024 };

export type PathSegment = string | number;

export interface Position {
  line: number;
  column: number;
}

export interface SourceProblem extends Partial<Position> {
  path: PathSegment[];
  message: string;
}

export type Locate = (path: readonly PathSegment[]) => Position | undefined;

export type YamlRead = { ok: true; value: unknown; locate: Locate } | { ok: false; problems: SourceProblem[] };

/** Walks the plain value: depth, string length and JSON-only values (no binary, no custom tags). */
function check(value: unknown, path: PathSegment[], limits: YamlLimits, problems: SourceProblem[]): void {
  if (problems.length >= 50) return;
  if (path.length > limits.maxDepth) {
    problems.push({ path, message: `nested deeper than ${limits.maxDepth} levels` });
    return;
  }
  if (typeof value === 'string') {
    if (value.length > limits.maxStringLength) problems.push({ path, message: `text longer than ${limits.maxStringLength} characters` });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => check(v, [...path, i], limits, problems));
  } else if (typeof value === 'object' && value !== null) {
    if (Object.getPrototypeOf(value) !== Object.prototype) problems.push({ path, message: 'unsupported value (only maps, lists, text, numbers, booleans and null)' });
    else for (const [k, v] of Object.entries(value)) check(v, [...path, k], limits, problems);
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) problems.push({ path, message: 'number out of range' });
  } else if (value !== null && typeof value !== 'boolean') {
    problems.push({ path, message: 'unsupported value (only maps, lists, text, numbers, booleans and null)' });
  }
}

export function readYaml(text: string, limits: YamlLimits = YAML_LIMITS): YamlRead {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) return { ok: false, problems: [{ path: [], message: `document is ${bytes} bytes; the limit is ${limits.maxBytes}` }] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined): Partial<Position> => {
    if (offset === undefined) return {};
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.slice(0, 20).map((e) => ({ path: [], message: `YAML: ${e.message}`, ...at(e.pos[0]) })) };
  let value: unknown;
  try {
    // maxAliasCount bounds how much each alias may expand (the "billion laughs" document).
    value = doc.toJS({ maxAliasCount: limits.maxAliases });
  } catch (err) {
    return { ok: false, problems: [{ path: [], message: `YAML: ${(err as Error).message}` }] };
  }
  const problems: SourceProblem[] = [];
  check(value, [], limits, problems);
  const locate: Locate = (path) => {
    let node: unknown = doc.contents;
    let offset: number | undefined = (node as Node | null)?.range?.[0];
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const v = pair.value as Node | null;
        offset = v?.range?.[0] ?? (pair.key as Node).range?.[0] ?? offset;
        node = v;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        if (node === undefined) break;
        offset = (node as Node).range?.[0] ?? offset;
      } else break;
    }
    const p = at(offset);
    return p.line === undefined ? undefined : (p as Position);
  };
  if (problems.length > 0) return { ok: false, problems: problems.map((p) => ({ ...p, ...locate(p.path) })) };
  return { ok: true, value, locate };
}
