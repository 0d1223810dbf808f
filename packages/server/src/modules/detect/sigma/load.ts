// Reading rule files: YAML with limits, several documents per file (`action: global/reset/repeat`),
// detection, correlation and meta filter documents. Bad input gives errors with reason and line; nothing throws.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { SigmaError } from './errors.ts';
import { type CorrelationRule, type Locate, type SigmaFilter, type SigmaRule, toCorrelation, toFilter, toRule } from './rule.ts';

export interface LoadLimits {
  maxFileBytes: number;
  maxDocuments: number;
  maxDepth: number;
  maxAliases: number;
  maxDetectionItems: number;
}

export const DEFAULT_LIMITS: LoadLimits = { maxFileBytes: 1 << 20, maxDocuments: 100, maxDepth: 64, maxAliases: 100, maxDetectionItems: 10_000 };

export interface ParsedFile {
  rules: SigmaRule[];
  correlations: CorrelationRule[];
  /** Meta filter documents (a top-level `filter` section). */
  filters: SigmaFilter[];
  errors: SigmaError[];
}

class LimitError extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * YAML node → plain value. Inside `detection` (and a meta filter's `filter`), numbers keep their source
 * text (so `0x17` stays "0x17" and `4688` matches "4688"); elsewhere they are numbers.
 */
function toPlain(node: unknown, doc: Document, limits: LoadLimits, state: { aliases: number; items: number }, depth: number, keepNumberText: boolean): unknown {
  if (depth > limits.maxDepth) throw new LimitError(`nesting deeper than ${limits.maxDepth}`);
  if (isAlias(node)) {
    if (++state.aliases > limits.maxAliases) throw new LimitError(`more than ${limits.maxAliases} aliases`);
    return toPlain(node.resolve(doc), doc, limits, state, depth + 1, keepNumberText);
  }
  if (isScalar(node)) {
    if (keepNumberText && ++state.items > limits.maxDetectionItems) throw new LimitError(`more than ${limits.maxDetectionItems} detection values`);
    const v = node.value;
    if (keepNumberText && (typeof v === 'number' || typeof v === 'bigint')) return node.source ?? String(v);
    return typeof v === 'bigint' ? Number(v) : v;
  }
  if (isMap(node)) {
    const out: Obj = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(toPlain(pair.key, doc, limits, state, depth + 1, false));
      const keep = keepNumberText || (depth === 0 && (key === 'detection' || key === 'filter'));
      Object.defineProperty(out, key, { value: toPlain(pair.value, doc, limits, state, depth + 1, keep), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((n) => toPlain(n, doc, limits, state, depth + 1, keepNumberText));
  return node === undefined ? null : node;
}

function locator(doc: Document, lines: LineCounter): Locate {
  return (path) => {
    let node: unknown = doc.contents;
    let offset: number | undefined = (node as Node | null)?.range?.[0];
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
        if (!pair) break;
        offset = (pair.key as Node).range?.[0];
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number') {
        node = node.items[step];
        offset = (node as Node | undefined)?.range?.[0] ?? offset;
      } else break;
    }
    return offset === undefined ? undefined : lines.linePos(offset).line;
  };
}

function merge(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObj(b) && isObj(v) ? merge(b, v) : v;
  }
  return out;
}

/** Parses the text of one rule file. */
export function parseRuleText(text: string, file?: string, limits: LoadLimits = DEFAULT_LIMITS): ParsedFile {
  const result: ParsedFile = { rules: [], correlations: [], filters: [], errors: [] };
  if (Buffer.byteLength(text) > limits.maxFileBytes) {
    result.errors.push({ code: 'limit', reason: `file larger than ${limits.maxFileBytes} bytes` });
    return result;
  }
  const lines = new LineCounter();
  let docs: Document[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true }) as Document[];
  } catch (e) {
    result.errors.push({ code: 'yaml', reason: (e as Error).message });
    return result;
  }
  if (!Array.isArray(docs)) docs = [];
  if (docs.length > limits.maxDocuments) {
    result.errors.push({ code: 'limit', reason: `more than ${limits.maxDocuments} YAML documents` });
    return result;
  }
  let global: Obj = {};
  let previous: Obj | undefined;
  for (const doc of docs) {
    const locate = locator(doc, lines);
    if (doc.errors.length) {
      for (const e of doc.errors) result.errors.push({ code: 'yaml', reason: e.message.split('\n')[0] ?? e.message, line: e.linePos?.[0]?.line });
      continue;
    }
    if (doc.contents === null) continue;
    let plain: unknown;
    try {
      plain = toPlain(doc.contents, doc, limits, { aliases: 0, items: 0 }, 0, false);
    } catch (e) {
      if (e instanceof LimitError) result.errors.push({ code: 'limit', reason: e.message });
      else result.errors.push({ code: 'yaml', reason: (e as Error).message });
      continue;
    }
    if (!isObj(plain)) {
      result.errors.push({ code: 'schema', reason: 'a rule document must be a map', line: locate([]) });
      continue;
    }
    const { action, ...body } = plain;
    if (action === 'global') {
      global = merge(global, body);
      continue;
    }
    if (action === 'reset') {
      global = {};
      continue;
    }
    let full: Obj;
    if (action === 'repeat') {
      if (!previous) {
        result.errors.push({ code: 'schema', reason: '"action: repeat" without a previous rule document', path: 'action', line: locate(['action']) });
        continue;
      }
      full = merge(previous, body);
    } else if (action !== undefined) {
      result.errors.push({ code: 'schema', reason: `unknown action "${String(action)}" (global, reset or repeat)`, path: 'action', line: locate(['action']) });
      continue;
    } else full = merge(global, body);
    previous = full;
    if ('correlation' in full) {
      const { rule, errors } = toCorrelation(full, locate, file);
      if (rule) result.correlations.push(rule);
      result.errors.push(...errors);
    } else if ('filter' in full) {
      const { filter, errors } = toFilter(full, locate, file);
      if (filter) result.filters.push(filter);
      result.errors.push(...errors);
    } else {
      const { rule, errors } = toRule(full, locate, file);
      if (rule) result.rules.push(rule);
      for (const e of errors) result.errors.push({ ...e });
    }
  }
  return result;
}

/** Lists the `.yml`/`.yaml` files under the given files or directories (recursively, sorted). */
export async function listRuleFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string): Promise<void> => {
    const s = await stat(p);
    if (s.isDirectory()) {
      const entries = (await readdir(p)).sort();
      for (const e of entries) {
        if (e.startsWith('.')) continue;
        const child = join(p, e);
        const cs = await stat(child);
        if (cs.isDirectory() || /\.ya?ml$/i.test(e)) await walk(child);
      }
    } else out.push(p);
  };
  for (const p of paths) await walk(p);
  return out;
}

/** Reads and parses one file; I/O problems become errors. */
export async function loadRuleFile(file: string, limits: LoadLimits = DEFAULT_LIMITS): Promise<ParsedFile> {
  try {
    const s = await stat(file);
    if (s.size > limits.maxFileBytes) return { rules: [], correlations: [], filters: [], errors: [{ code: 'limit', reason: `file larger than ${limits.maxFileBytes} bytes` }] };
    return parseRuleText(await readFile(file, 'utf8'), file, limits);
  } catch (e) {
    return { rules: [], correlations: [], filters: [], errors: [{ code: 'yaml', reason: `cannot read file: ${(e as Error).message}` }] };
  }
}
