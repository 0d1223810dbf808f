// Reader of the labelled prompt corpus format: one JSON object per line with `text`, `label`
// (`malicious` | `benign`) and `category`. Limits on line length and line count; a bad line is reported
// with its line number and skipped, the rest is kept.
import { readFileSync, statSync } from 'node:fs';
import { BENIGN_CATEGORIES, MALICIOUS_CATEGORIES } from './categories.ts';

export const CORPUS_LIMITS = {
  /** Longest line accepted, in characters. */
  maxLineChars: 256 * 1024,
  /** Most lines read; the rest of the file is reported once and ignored. */
  maxLines: 200_000,
  /** Largest file read, in bytes. */
  maxFileBytes: 512 * 1024 * 1024,
} as const;

export class CorpusError extends Error {
  readonly code = 'aiguard.corpus_invalid';
  override name = 'CorpusError';
}

export interface CorpusRow {
  readonly line: number;
  readonly text: string;
  readonly label: 'malicious' | 'benign';
  readonly category: string;
  readonly id?: string;
  readonly meta?: Record<string, unknown>;
}

export interface CorpusProblem {
  readonly line: number;
  readonly message: string;
}

export interface Corpus {
  readonly rows: CorpusRow[];
  readonly problems: CorpusProblem[];
}

const KNOWN: ReadonlySet<string> = new Set<string>([...MALICIOUS_CATEGORIES, ...BENIGN_CATEGORIES]);

export function parseCorpus(text: string, limits: { maxLineChars: number; maxLines: number } = CORPUS_LIMITS): Corpus {
  const rows: CorpusRow[] = [];
  const problems: CorpusProblem[] = [];
  let pos = 0;
  let line = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    line++;
    const raw = text.slice(pos, nl).replace(/\r$/, '');
    pos = nl + 1;
    if (line > limits.maxLines) {
      problems.push({ line, message: `more than ${limits.maxLines} lines; the rest of the file is ignored` });
      break;
    }
    if (raw.trim() === '') continue;
    if (raw.length > limits.maxLineChars) {
      problems.push({ line, message: `line is ${raw.length} characters long (limit ${limits.maxLineChars})` });
      continue;
    }
    let o: unknown;
    try {
      o = JSON.parse(raw);
    } catch (e) {
      problems.push({ line, message: `not JSON: ${(e as Error).message}` });
      continue;
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) {
      problems.push({ line, message: 'not a JSON object' });
      continue;
    }
    const r = o as Record<string, unknown>;
    if (typeof r.text !== 'string') {
      problems.push({ line, message: '`text` must be a string' });
      continue;
    }
    if (r.label !== 'malicious' && r.label !== 'benign') {
      problems.push({ line, message: `\`label\` must be "malicious" or "benign", not ${JSON.stringify(r.label)?.slice(0, 40)}` });
      continue;
    }
    let category = typeof r.category === 'string' ? r.category : r.label === 'benign' ? 'benign_general' : 'other_harm';
    if (!KNOWN.has(category)) category = category.slice(0, 64); // unknown categories are kept by name; the label decides
    if (r.label === 'benign' && (MALICIOUS_CATEGORIES as readonly string[]).includes(category)) {
      problems.push({ line, message: `label "benign" with malicious category ${JSON.stringify(category)}` });
      continue;
    }
    if (r.label === 'malicious' && (BENIGN_CATEGORIES as readonly string[]).includes(category)) {
      problems.push({ line, message: `label "malicious" with benign category ${JSON.stringify(category)}` });
      continue;
    }
    rows.push({
      line,
      text: r.text,
      label: r.label,
      category,
      ...(typeof r.id === 'string' ? { id: r.id } : {}),
      ...(typeof r.meta === 'object' && r.meta !== null && !Array.isArray(r.meta) ? { meta: r.meta as Record<string, unknown> } : {}),
    });
  }
  return { rows, problems };
}

export function readCorpus(path: string): Corpus {
  const size = statSync(path).size;
  if (size > CORPUS_LIMITS.maxFileBytes) throw new CorpusError(`${path} is ${size} bytes (limit ${CORPUS_LIMITS.maxFileBytes})`);
  return parseCorpus(readFileSync(path, 'utf8'));
}
