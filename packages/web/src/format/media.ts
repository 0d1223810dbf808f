// Media checks and hash banks in words for the console: verdicts with their colours, the strength of a
// match (PDQ distance, vPDQ frame shares, audio bit error rate), sizes, digital source types, entry
// history values, DISARM id lists and the one kind of link untrusted text may become (http/https).
import type { MediaMatch, MediaVerdict } from '@bulwark/contracts';

export const VERDICTS: readonly MediaVerdict[] = ['known-fake', 'near-match', 'ai-generated', 'unknown'];

export const VERDICT_LABEL: Readonly<Record<MediaVerdict, string>> = {
  'known-fake': 'Known fake',
  'near-match': 'Near match',
  'ai-generated': 'AI-generated',
  unknown: 'Unknown',
};

/** Mantine colours: red for a known fake, orange for a near match, grape for AI-generated, gray otherwise. */
export const VERDICT_COLOR: Readonly<Record<MediaVerdict, string>> = {
  'known-fake': 'red',
  'near-match': 'orange',
  'ai-generated': 'grape',
  unknown: 'gray',
};

export const VERDICT_MEANING: Readonly<Record<MediaVerdict, string>> = {
  'known-fake': 'The media is in a hash bank (the same file, or a copy within the tight threshold).',
  'near-match': 'The media resembles an entry of a hash bank within the match threshold.',
  'ai-generated': 'The media\'s content credentials say it was made by a generative model.',
  unknown: 'No bank entry matches and the media carries no AI-generation marker.',
};

/** What deleting a bank does, said before it is done. */
export function bankDeletionWarning(bank: { readonly name: string; readonly entries: number }): string {
  const n = bank.entries === 1 ? '1 active entry' : `${bank.entries} active entries`;
  return `Deleting "${bank.name}" withdraws its ${n}: they stop matching here, and the withdrawals are sent to every organisation and federated instance they were shared with. `
    + 'The bank leaves the list and its name is free again; its entries and their history stay readable. This cannot be undone.';
}

/** A verdict from the server as a label; an unforeseen value is shown as it came, never dropped. */
export function verdictLabel(v: string): string {
  return (VERDICT_LABEL as Record<string, string>)[v] ?? v;
}

export function verdictColor(v: string): string {
  return (VERDICT_COLOR as Record<string, string>)[v] ?? 'gray';
}

const ALGORITHM_LABEL: Readonly<Record<MediaMatch['algorithm'], string>> = {
  sha256: 'SHA-256',
  md5: 'MD5',
  pdq: 'PDQ',
  vpdq: 'vPDQ',
  chromaprint: 'Audio fingerprint',
};

export function algorithmLabel(a: string): string {
  return (ALGORITHM_LABEL as Record<string, string>)[a] ?? a;
}

function percent(share: number): string {
  const p = share * 100;
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}

/** How close a match is, in the terms of its algorithm. */
export function matchMeasure(m: Pick<MediaMatch, 'algorithm' | 'distance' | 'transform' | 'queryShare' | 'entryShare' | 'ber' | 'offsetSeconds' | 'matchedSeconds'>): string {
  switch (m.algorithm) {
    case 'sha256':
    case 'md5':
      return 'identical bytes';
    case 'pdq': {
      const d = m.distance === undefined ? 'distance unknown' : `distance ${m.distance} of 256 bits`;
      return m.transform && m.transform !== 'original' ? `${d} (${m.transform})` : d;
    }
    case 'vpdq': {
      const parts: string[] = [];
      if (m.queryShare !== undefined) parts.push(`${percent(m.queryShare)} of the checked frames`);
      if (m.entryShare !== undefined) parts.push(`${percent(m.entryShare)} of the entry's frames`);
      return parts.length ? parts.join(', ') : 'frames match';
    }
    case 'chromaprint': {
      const parts: string[] = [];
      if (m.ber !== undefined) parts.push(`bit error rate ${m.ber.toFixed(3)}`);
      if (m.matchedSeconds !== undefined) parts.push(`${m.matchedSeconds.toFixed(1)} s matched`);
      if (m.offsetSeconds !== undefined) parts.push(`offset ${m.offsetSeconds.toFixed(1)} s`);
      return parts.length ? parts.join(', ') : 'fingerprints align';
    }
  }
}

/** "812 B", "14.2 KB", "3.4 MB" (powers of 1024). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return String(n);
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** An upload's progress as a whole percentage 0–100 (unknown total: undefined). */
export function uploadPercent(loaded: number, total: number): number | undefined {
  if (!(total > 0)) return undefined;
  return Math.max(0, Math.min(100, Math.floor((loaded / total) * 100)));
}

/**
 * A digital source type (IPTC's URI, e.g. http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia)
 * by its last path segment, or the text as it is.
 */
export function sourceTypeName(uri: string): string {
  const m = /\/digitalsourcetype\/([A-Za-z]+)\/?$/.exec(uri);
  return m?.[1] ?? uri;
}

const AI_SOURCE_TYPES = new Set(['trainedAlgorithmicMedia', 'compositeWithTrainedAlgorithmicMedia', 'algorithmicMedia']);

/** Whether a digital source type says a generative model or algorithm made the media. */
export function isAiSourceType(uri: string): boolean {
  return AI_SOURCE_TYPES.has(sourceTypeName(uri));
}

/** The URL as a link target only when it is an absolute http(s) URL; anything else stays text. */
export function safeHttpUrl(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const u = new URL(trimmed);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export const DISARM_ID = /^T\d{4}(\.\d{3})?$/;

/** DISARM technique ids typed as a list ("T0086.002, T0023"): the ids, and the parts that are not ids. */
export function parseDisarmIds(text: string): { ids: string[]; bad: string[] } {
  const ids: string[] = [];
  const bad: string[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const id = part.toUpperCase();
    if (DISARM_ID.test(id)) {
      if (!ids.includes(id)) ids.push(id);
    } else bad.push(part);
  }
  return { ids, bad };
}

/** A value of an entry's history (from → to) as one line of plain text. */
export function changeValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.length ? v.join(', ') : '—';
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

const ACTION_LABEL: Readonly<Record<string, string>> = {
  add: 'Added',
  edit: 'Edited',
  withdraw: 'Withdrawn',
  republish: 'Re-published',
};

export function historyActionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action;
}

/** "a1b2c3d4…e5f6" for a long hex hash in a narrow cell (the full value goes in a title or a copy button). */
export function shortHash(hex: string, keep = 8): string {
  return hex.length <= keep * 2 + 1 ? hex : `${hex.slice(0, keep)}…${hex.slice(-4)}`;
}

/** The context fields of a bank entry the console edits. */
export interface EntryContextValues {
  readonly title: string;
  readonly narrative: string;
  readonly actor: string;
  readonly campaign: string;
  readonly disarm: string;
  /** A `datetime-local` value (local time) or ''. */
  readonly firstSeen: string;
  readonly source: string;
  /** A TLP level, or '' for the bank's default. */
  readonly tlp: string;
}

export const EMPTY_CONTEXT: EntryContextValues = { title: '', narrative: '', actor: '', campaign: '', disarm: '', firstSeen: '', source: '', tlp: '' };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An instant as a `datetime-local` value in the browser's time zone (to the minute). */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

interface EntryContext {
  readonly title: string;
  readonly narrative: string;
  readonly actor: string;
  readonly campaign: string;
  readonly disarm: readonly string[];
  readonly firstSeen: string | null;
  readonly source: string;
  readonly tlp: string;
}

export function contextValuesOf(e: EntryContext): EntryContextValues {
  return {
    title: e.title,
    narrative: e.narrative,
    actor: e.actor,
    campaign: e.campaign,
    disarm: e.disarm.join(', '),
    firstSeen: isoToLocalInput(e.firstSeen),
    source: e.source,
    tlp: e.tlp,
  };
}

function localToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The context as an API body: empty text left out, DISARM ids parsed, first seen as an instant. */
export function contextBody(v: EntryContextValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const k of ['title', 'narrative', 'actor', 'campaign', 'source'] as const) if (v[k].trim()) body[k] = v[k].trim();
  const { ids } = parseDisarmIds(v.disarm);
  if (ids.length) body.disarm = ids;
  const first = localToIso(v.firstSeen);
  if (first) body.firstSeen = first;
  if (v.tlp) body.tlp = v.tlp;
  return body;
}

/** Only what changed between an entry and the edited values (cleared fields sent as '' / [] / null). */
export function contextChanges(entry: EntryContext, v: EntryContextValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['title', 'narrative', 'actor', 'campaign', 'source'] as const) {
    if (v[k].trim() !== entry[k]) out[k] = v[k].trim();
  }
  const { ids } = parseDisarmIds(v.disarm);
  if (ids.join(',') !== entry.disarm.join(',')) out.disarm = ids;
  if (v.firstSeen !== isoToLocalInput(entry.firstSeen)) out.firstSeen = localToIso(v.firstSeen);
  if (v.tlp && v.tlp !== entry.tlp) out.tlp = v.tlp;
  return out;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/bmp': 'bmp', 'image/tiff': 'tif',
  'image/heif': 'heif', 'image/avif': 'avif', 'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/webm': 'webm', 'video/x-matroska': 'mkv',
  'video/x-msvideo': 'avi', 'audio/mpeg': 'mp3', 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/ogg': 'ogg', 'audio/flac': 'flac', 'audio/mp4': 'm4a',
};

/** A download name for a check's kept media from its hash and detected type (the given name is untrusted). */
export function retainedFileName(check: { readonly id: string; readonly type: string; readonly hashes: { readonly sha256?: string } }): string {
  const ext = EXTENSIONS[check.type.split(';')[0]!.trim().toLowerCase()] ?? 'bin';
  return `bulwark-media-${(check.hashes.sha256 ?? check.id).slice(0, 16)}.${ext}`;
}
