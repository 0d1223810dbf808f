// The scanner API the gateway calls: scanText for one text, scanMessages for an OpenAI chat request.
// Pure and synchronous: normalise → features → classifier, plus the rules; findings carry a category,
// a score, where they came from, ATLAS techniques and a span of the original text (never a copy).
import { ATLAS, ATLAS_DIRECT_INJECTION, ATLAS_INDIRECT_INJECTION, type Category } from './categories.ts';
import { documentRegions, inRegions } from './documents.ts';
import { extractFeatures } from './features.ts';
import { clip, SCAN_MAX_MESSAGES, unclip, type Clip } from './limits.ts';
import { loadModel, scoreBinary, scoreCategory, type Model } from './model.ts';
import { normalize, originalOffset, type Normalized } from './normalize.ts';
import { runRules, type RuleHit, type Where } from './rules.ts';
import { ScanCache } from './scan-cache.ts';

/** Score at and above which a text is flagged (logged, alerted, allowed through). */
export const FLAG_THRESHOLD = 0.55;
/** Score at and above which a text is blocked — when a rule backs the classifier (see blockable). */
export const BLOCK_THRESHOLD = 0.9;
/** The classifier alone blocks only from this probability; below it, without a rule hit, it flags. */
export const CLASSIFIER_BLOCK_MIN = 0.98;
/** A rule finding from this score makes a high score blockable. */
export const RULE_BLOCK_MIN = 0.7;
/**
 * How much the classifier's probability counts, by role. It was trained on user prompts; on model
 * output and on documents (web pages, tool results) it is out of its domain and leans towards
 * "malicious" on ordinary prose, so there it counts half: it cannot flag alone, only add to the rules.
 */
export const CLASSIFIER_WEIGHT: Readonly<Record<Where, number>> = { input: 1, document: 0.5, output: 0.5 };
/** Classifier probability from which the classifier reports a finding of its own. */
export const CLASSIFIER_FINDING_MIN = 0.3;
/** Characters read over all messages of one request; later messages are skipped with a scan_limit finding. */
export const SCAN_MAX_TOTAL_CHARS = 256 * 1024;

export type Role = Where;
export type Verdict = 'allow' | 'flag' | 'block';

export interface Finding {
  /** A malicious category, or `scan_limit` when part of the input was not read (score 0). */
  readonly category: Category | 'scan_limit';
  readonly score: number;
  /** `rule:<id>`, `classifier`, or `limit:<what>`. */
  readonly source: string;
  /** MITRE ATLAS technique ids. */
  readonly atlas: readonly string[];
  /** Span [start, end) in the scanned text, in UTF-16 code units. */
  readonly evidence: { readonly start: number; readonly end: number };
}

export interface ScanResult {
  /** Malicious probability, 0..1. */
  readonly score: number;
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
}

export interface ScanOptions {
  readonly role: Role;
  /** Overrides the flag and block thresholds (e.g. a stricter route). */
  readonly flagThreshold?: number;
  readonly blockThreshold?: number;
}

/**
 * Verdict of a score. `blockable` says whether the evidence may block: a rule finding of at least
 * RULE_BLOCK_MIN, or a classifier probability of at least CLASSIFIER_BLOCK_MIN. Statistical evidence
 * alone flags for review instead: a false block stops someone's work, a false flag costs a look.
 */
export function verdictOf(score: number, flag = FLAG_THRESHOLD, block = BLOCK_THRESHOLD, blockable = true): Verdict {
  return score >= block && blockable ? 'block' : score >= flag ? 'flag' : 'allow';
}

function isBlockable(classifier: number, findings: readonly Finding[]): boolean {
  return classifier >= CLASSIFIER_BLOCK_MIN || findings.some((f) => f.source.startsWith('rule:') && f.score >= RULE_BLOCK_MIN);
}

function atlasFor(category: Category, indirect: boolean, extra: readonly string[] = []): string[] {
  const out = [...ATLAS[category]];
  if (category === 'prompt_injection') out.push(indirect ? ATLAS_INDIRECT_INJECTION : ATLAS_DIRECT_INJECTION);
  for (const a of extra) if (!out.includes(a)) out.push(a);
  return out;
}

function toOriginal(n: Normalized, c: Clip, offset: number): number {
  return unclip(c, originalOffset(n, offset));
}

interface Scored {
  readonly score: number;
  readonly classifier: number;
  readonly findings: Finding[];
}

function ruleHits(norm: string, role: Role): { hits: RuleHit[]; docs: Array<[number, number]> } {
  const docs = role === 'input' ? documentRegions(norm) : [];
  const hits = runRules(norm, role);
  for (const [a, b] of docs) {
    // Rules written for documents only run on the quoted document.
    for (const h of runRules(norm.slice(a, b), 'document')) {
      if (h.rule.where === undefined || h.rule.where.includes('input')) continue; // already run over the whole text
      hits.push({ rule: h.rule, start: h.start + a, end: h.end + a });
    }
  }
  return { hits, docs };
}

/** Product of (1 − rule score) over the rule hits of a text: the rules' part of the noisy-OR (for training). */
export function ruleKeep(text: string, role: Role = 'input'): { keep: number; rules: string[] } {
  const n = normalize(clip(text).text);
  let keep = 1;
  const { hits } = ruleHits(n.text, role);
  for (const h of hits) keep *= 1 - h.rule.score;
  return { keep, rules: hits.map((h) => h.rule.id) };
}

function scanCore(text: string, role: Role, model: Model): Scored {
  const c = clip(text);
  const n = normalize(c.text);
  const x = extractFeatures(n.text);
  const p = x.n === 0 ? 0 : scoreBinary(model, x);
  const findings: Finding[] = [];
  const { hits, docs } = ruleHits(n.text, role);
  // Noisy-OR of the rule scores with the classifier's probability (weighted by role).
  let keep = 1 - p * CLASSIFIER_WEIGHT[role];
  for (const h of hits) {
    keep *= 1 - h.rule.score;
    const indirect = role === 'document' || inRegions(docs, h.start, h.end);
    findings.push({
      category: h.rule.category,
      score: h.rule.score,
      source: `rule:${h.rule.id}`,
      atlas: atlasFor(h.rule.category, indirect, h.rule.atlas),
      evidence: { start: toOriginal(n, c, h.start), end: toOriginal(n, c, h.end) },
    });
  }
  if (p >= CLASSIFIER_FINDING_MIN) {
    const cat = scoreCategory(model, x).category;
    findings.push({ category: cat, score: p, source: 'classifier', atlas: atlasFor(cat, role === 'document' || docs.length > 0), evidence: { start: 0, end: text.length } });
  }
  if (c.truncated) {
    findings.push({ category: 'scan_limit', score: 0, source: 'limit:text-length', atlas: [], evidence: { start: c.headLen, end: c.tailStart } });
  }
  return { score: Math.min(1, Math.max(0, 1 - keep)), classifier: p * CLASSIFIER_WEIGHT[role], findings };
}

/** Scans one text. Never throws on any string; an empty text scores 0. */
export function scanText(text: string, opts: ScanOptions): ScanResult {
  const s = typeof text === 'string' ? text : String(text);
  const { score, classifier, findings } = scanCore(s, opts.role, loadModel());
  return { score, verdict: verdictOf(score, opts.flagThreshold, opts.blockThreshold, isBlockable(classifier, findings)), findings };
}

/** The malicious probability alone (what `bulwark aiguard eval` scores). */
export function scoreText(text: string, role: Role = 'input'): number {
  return scanCore(text, role, loadModel()).score;
}

/** Both parts of the score, for evaluation and tuning. */
export function scoreParts(text: string, role: Role = 'input'): { score: number; classifier: number; rules: string[] } {
  const r = scanCore(text, role, loadModel());
  return { score: r.score, classifier: r.classifier, rules: r.findings.filter((f) => f.source.startsWith('rule:')).map((f) => f.source.slice(5)) };
}

export interface ChatMessage {
  readonly role?: unknown;
  readonly content?: unknown;
  readonly name?: unknown;
}

export interface MessageFinding extends Finding {
  /** Index of the message in the request. */
  readonly message: number;
}

export interface MessagesScanResult {
  readonly score: number;
  readonly verdict: Verdict;
  readonly findings: readonly MessageFinding[];
  /** Score of each message (0 for messages not scanned). */
  readonly perMessage: readonly number[];
}

/** Text of an OpenAI message content: a string, or an array of parts of which the text parts count. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const p of content.slice(0, 256)) {
    if (typeof p === 'string') parts.push(p);
    else if (p !== null && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string') parts.push((p as { text: string }).text);
  }
  return parts.join('\n');
}

/** Which scanner role a chat message gets: tool and function results are documents, assistant turns output. */
export function roleOfMessage(role: unknown): Role {
  if (role === 'tool' || role === 'function') return 'document';
  if (role === 'assistant') return 'output';
  return 'input'; // user, system, developer and anything unknown
}

/**
 * Scans the messages of a chat request. Instructions inside tool or function results, and inside
 * documents quoted in user messages, count as indirect prompt injection. Never throws.
 */
const caches = new WeakMap<Model, ScanCache<Scored>>();
const cacheOf = (model: Model): ScanCache<Scored> => {
  let c = caches.get(model);
  if (!c) caches.set(model, (c = new ScanCache<Scored>()));
  return c;
};

/** Hits and misses of the per-conversation message cache of the loaded model (for metrics and tests). */
export function messageCacheStats(): { hits: number; misses: number; size: number } {
  const c = cacheOf(loadModel());
  return { hits: c.hits, misses: c.misses, size: c.size };
}

/**
 * Scans chat messages one by one. With `scope` (the caller's organisation and account), the result of a
 * message already scanned in that scope is reused: a chat resends its history with every turn.
 */
export function scanMessages(messages: readonly ChatMessage[], opts: { flagThreshold?: number; blockThreshold?: number; scope?: string } = {}): MessagesScanResult {
  const model = loadModel();
  const list = Array.isArray(messages) ? messages : [];
  const findings: MessageFinding[] = [];
  const perMessage: number[] = [];
  let score = 0;
  let blockable = false;
  let budget = SCAN_MAX_TOTAL_CHARS;
  for (let i = 0; i < list.length; i++) {
    if (i >= SCAN_MAX_MESSAGES || budget <= 0) {
      findings.push({ category: 'scan_limit', score: 0, source: i >= SCAN_MAX_MESSAGES ? 'limit:message-count' : 'limit:request-size', atlas: [], evidence: { start: 0, end: 0 }, message: i });
      for (let j = i; j < list.length; j++) perMessage.push(0);
      break;
    }
    const m = list[i];
    const text = m !== null && typeof m === 'object' ? contentText(m.content) : '';
    const scanned = text.length > budget ? text.slice(0, budget) : text;
    budget -= scanned.length;
    if (scanned.length === 0) {
      perMessage.push(0);
      continue;
    }
    const role = roleOfMessage(m?.role);
    const r = opts.scope === undefined ? scanCore(scanned, role, model) : cacheOf(model).get(opts.scope, role, scanned, () => scanCore(scanned, role, model));
    perMessage.push(r.score);
    if (r.score > score) score = r.score;
    if (isBlockable(r.classifier, r.findings)) blockable = true;
    for (const f of r.findings) findings.push({ ...f, message: i });
    if (scanned.length < text.length) findings.push({ category: 'scan_limit', score: 0, source: 'limit:request-size', atlas: [], evidence: { start: scanned.length, end: text.length }, message: i });
  }
  return { score, verdict: verdictOf(score, opts.flagThreshold, opts.blockThreshold, blockable), findings, perMessage };
}
