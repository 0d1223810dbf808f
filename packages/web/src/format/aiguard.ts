// Pure helpers of the AI gateway console: action colours and labels, risk bands, MITRE ATLAS links,
// scores and timings, the categories of a request's findings, the upstream models map as text, and
// the block list's value hints. Everything here returns plain strings; nothing builds markup.
import type { AiguardAction, AiguardFinding } from '@bulwark/contracts';

export const ACTIONS: readonly AiguardAction[] = ['allow', 'flag', 'hold', 'block'];

const ACTION_COLOR: Record<AiguardAction, string> = { allow: 'green', flag: 'yellow', hold: 'orange', block: 'red' };
const ACTION_LABEL: Record<AiguardAction, string> = { allow: 'allowed', flag: 'flagged', hold: 'held', block: 'blocked' };

export function actionColor(a: string): string {
  return Object.hasOwn(ACTION_COLOR, a) ? ACTION_COLOR[a as AiguardAction] : 'gray';
}

/** "blocked", "held"…; an unknown action as it is. */
export function actionLabel(a: string): string {
  return Object.hasOwn(ACTION_LABEL, a) ? ACTION_LABEL[a as AiguardAction] : a;
}

/** Risk (0–100) clamped and rounded, for bars and badges. */
export function clampRisk(r: number | null | undefined): number {
  if (r === null || r === undefined || !Number.isFinite(r)) return 0;
  return Math.round(Math.min(100, Math.max(0, r)));
}

/** Bands as the server escalates: from 60 flagged requests are held, from 85 the account is blocked. */
export function riskBand(r: number | null | undefined): 'low' | 'elevated' | 'hold' | 'block' {
  const v = clampRisk(r);
  return v >= 85 ? 'block' : v >= 60 ? 'hold' : v >= 30 ? 'elevated' : 'low';
}

export function riskColor(r: number | null | undefined): string {
  return { low: 'gray', elevated: 'yellow', hold: 'orange', block: 'red' }[riskBand(r)];
}

const ATLAS_ID = /^AML\.(?:T|TA|M|CS)\d{4}(?:\.\d{3})?$/;

/** Whether a string is a MITRE ATLAS id (technique, tactic, mitigation or case study). */
export function isAtlasId(id: string): boolean {
  return ATLAS_ID.test(id);
}

/** The ATLAS page of an id, or undefined for anything that is not an ATLAS id (never a link from untrusted text). */
export function atlasUrl(id: string): string | undefined {
  if (!isAtlasId(id)) return undefined;
  const kind = id.startsWith('AML.TA') ? 'tactics' : id.startsWith('AML.M') ? 'mitigations' : id.startsWith('AML.CS') ? 'studies' : 'techniques';
  return `https://atlas.mitre.org/${kind}/${id}`;
}

/** A score of 0–1 with two decimals, "—" when there is none. */
export function formatScore(s: number | null | undefined): string {
  return s === null || s === undefined || !Number.isFinite(s) ? '—' : s.toFixed(2);
}

/** Milliseconds: "0.42 ms", "12 ms", "1.3 s"; "—" when not measured. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** "malware_development" → "malware development". */
export function categoryLabel(c: string): string {
  return c.replace(/_/g, ' ');
}

/** The distinct categories of the findings, each with its distinct ATLAS ids, highest score first. */
export function findingCategories(findings: readonly AiguardFinding[]): Array<{ category: string; score: number; atlas: string[] }> {
  const by = new Map<string, { category: string; score: number; atlas: Set<string> }>();
  for (const f of findings) {
    const cur = by.get(f.category) ?? { category: f.category, score: 0, atlas: new Set<string>() };
    cur.score = Math.max(cur.score, f.score);
    for (const a of f.atlas) cur.atlas.add(a);
    by.set(f.category, cur);
  }
  return [...by.values()].sort((a, b) => b.score - a.score || a.category.localeCompare(b.category)).map((c) => ({ category: c.category, score: c.score, atlas: [...c.atlas].sort() }));
}

/** The window counts of an account, e.g. "requests 12 · flagged 3", in a stable order. */
export function formatWindow(w: Readonly<Record<string, number>>): string {
  const order = ['requests', 'flagged', 'refused', 'probing'];
  const keys = Object.keys(w).sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || a.localeCompare(b);
  });
  return keys.map((k) => `${k} ${Number.isInteger(w[k]) ? w[k] : (w[k] ?? 0).toFixed(1)}`).join(' · ');
}

/** "Until 2026-…Z", "permanently" (the server's infinity), or undefined when not blocked now. */
export function blockedText(until: string | null, now = Date.now()): string | undefined {
  if (!until) return undefined;
  const t = Date.parse(until);
  if (Number.isNaN(t)) return 'permanently';
  if (t <= now) return undefined;
  if (t > now + 50 * 365 * 86_400_000) return 'permanently';
  return `until ${new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z')}`;
}

/** The models map as lines "offered = upstream". */
export function modelsToText(models: Readonly<Record<string, string>>): string {
  return Object.entries(models).map(([k, v]) => `${k} = ${v}`).join('\n');
}

/** Lines "offered = upstream" (or just "model": the same name) to a models map, or the first error with its line. */
export function parseModels(text: string): { models: Record<string, string> } | { error: string } {
  const models: Record<string, string> = {};
  const lines = text.split('\n');
  if (lines.length > 500) return { error: 'at most 500 models' };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const offered = (eq < 0 ? line : line.slice(0, eq)).trim();
    const target = (eq < 0 ? line : line.slice(eq + 1)).trim();
    if (!offered || !target) return { error: `line ${i + 1}: give "model offered = model at the upstream"` };
    if (offered.length > 200 || target.length > 200) return { error: `line ${i + 1}: a model name is at most 200 characters` };
    if (Object.hasOwn(models, offered)) return { error: `line ${i + 1}: ${JSON.stringify(offered)} is listed twice` };
    Object.defineProperty(models, offered, { value: target, enumerable: true, writable: true, configurable: true });
  }
  return { models };
}

export const BLOCK_KINDS = ['account', 'key', 'ip', 'cidr', 'asn', 'email'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export const BLOCK_KIND_LABEL: Record<BlockKind, string> = {
  account: 'Account (pseudonym)',
  key: 'Gateway key (id)',
  ip: 'IP address',
  cidr: 'Address range (CIDR)',
  asn: 'Autonomous system (ASN)',
  email: 'E-mail address',
};

export const BLOCK_VALUE_HINT: Record<BlockKind, string> = {
  account: 'the pseudonym shown in the traffic',
  key: 'the key id (UUID)',
  ip: 'e.g. 203.0.113.7 or 2001:db8::7',
  cidr: 'e.g. 203.0.113.0/24',
  asn: 'e.g. AS64500',
  email: 'e.g. someone@example.org',
};
