import type { CefEvent, ParseLimits, ParseResult } from './types.ts';
import { DEFAULT_MAX_FIELDS, DEFAULT_MAX_LENGTH, dict, fail } from './types.ts';
import { readHeaderFields } from './header-fields.ts';
import { parseCefExtensions } from './cef-extensions.ts';

const SEVERITY_LABELS: Record<string, number> = { unknown: -1, low: 3, medium: 6, high: 8, 'very-high': 10, 'very high': 10, veryhigh: 10 };

/**
 * ArcSight CEF (spec rev 25):
 * `CEF:Version|Device Vendor|Device Product|Device Version|Device Event Class ID|Name|Severity|Extension`.
 * Header escapes `\|` and `\\`; extension escapes `\=`, `\\`, `\n`, `\r` (see cef-extensions.ts).
 * Severity is 0-10 or Unknown/Low/Medium/High/Very-High; anything else is kept as written without a
 * score. A missing final '|' before an empty extension is tolerated. Leading whitespace is skipped.
 */
export function parseCef(text: string, limits: ParseLimits = {}): ParseResult<CefEvent> {
  const maxLength = limits.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) return fail(`CEF event is ${text.length} characters, limit ${maxLength}`);
  let pos = 0;
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t' || text[pos] === '\ufeff')) pos++;
  if (!text.startsWith('CEF:', pos)) return fail("expected 'CEF:'", pos);
  pos += 4;
  const vStart = pos;
  while (pos < text.length && pos - vStart < 3 && text.charCodeAt(pos) >= 48 && text.charCodeAt(pos) <= 57) pos++;
  if (pos === vStart || text[pos] !== '|') return fail("CEF version must be digits followed by '|'", vStart);
  const version = Number(text.slice(vStart, pos));
  pos++;

  const header = readHeaderFields(text, pos, 6);
  if (header.fields.length < 6) {
    return fail(`CEF header has ${header.fields.length + 1} of 7 '|'-separated fields`, header.end);
  }
  const [deviceVendor, deviceProduct, deviceVersion, signatureId, name, sevText] = header.fields as
    [string, string, string, string, string, string];
  const severity = sevText.trim();
  const ext = header.unterminated ? undefined : parseCefExtensions(text, header.end, limits.maxFields ?? DEFAULT_MAX_FIELDS);
  if (ext && !ext.ok) return ext;
  const extensions = ext ? ext.value : dict<string>();

  const labels = dict<string>();
  for (const key in extensions) {
    if (key.length > 5 && key.endsWith('Label')) {
      const base = key.slice(0, -5);
      const label = extensions[key];
      const value = extensions[base];
      if (label && value !== undefined) labels[label] = value;
    }
  }
  const event: CefEvent = {
    version, deviceVendor, deviceProduct, deviceVersion, signatureId, name, severity, extensions, labels,
  };
  const score = severityScore(severity);
  if (score !== undefined) event.severityScore = score;
  return { ok: true, value: event };
}

function severityScore(severity: string): number | undefined {
  if (/^\d{1,2}$/.test(severity)) {
    const n = Number(severity);
    return n <= 10 ? n : undefined;
  }
  const label = SEVERITY_LABELS[severity.toLowerCase()];
  return label === undefined || label < 0 ? undefined : label;
}
