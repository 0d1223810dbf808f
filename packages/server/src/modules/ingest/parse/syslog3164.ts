import type { ParseLimits, ParseResult, SyslogMessage } from './types.ts';
import { DEFAULT_MAX_LENGTH, dict, fail } from './types.ts';
import { parsePri, stripLineEnd } from './pri.ts';
import { parseIsoTime } from './iso-time.ts';
import { monthDayTimeToDate, scanMonthDayTime } from './bsd-time.ts';

/**
 * RFC 3164 (BSD) syslog: `<PRI>Mmm dd hh:mm:ss HOSTNAME TAG[pid]: content`, tolerant of what
 * real senders do:
 * - no PRI (a relay stripped it): facility 1 (user), severity 5 (notice), as RFC 3164 4.3.3 says;
 * - spaces after PRI; a Cisco `*`/`.` before the timestamp; a year (`Mmm dd yyyy hh:mm:ss`);
 *   fractional seconds; an ISO 8601 timestamp instead (rsyslog high-precision format);
 * - no HOSTNAME (`<13>Oct 11 22:14:15 sshd[22]: …`): a first word that is a TAG is taken as one;
 * - no TAG: the rest is the message; a CEF:/LEEF: payload is never taken for a host or tag.
 * Without a valid timestamp the whole remainder is the message (RFC 3164 4.3.2).
 * The year of a BSD timestamp is inferred from `now` (see monthDayTimeToDate); times are UTC.
 */
export function parseSyslog3164(line: string, now: Date, limits: ParseLimits = {}): ParseResult<SyslogMessage> {
  const maxLength = limits.maxLength ?? DEFAULT_MAX_LENGTH;
  if (line.length > maxLength) return fail(`syslog line is ${line.length} characters, limit ${maxLength}`);
  const s = stripLineEnd(line);
  const out: SyslogMessage = { facility: 1, severity: 5, structuredData: dict(), message: '', rfc: '3164' };
  let pos = 0;
  if (s[0] === '<') {
    const pri = parsePri(s);
    if (!pri.ok) return pri;
    out.facility = pri.value.facility;
    out.severity = pri.value.severity;
    pos = pri.value.end;
  }
  while (s[pos] === ' ') pos++;

  let end = -1;
  const p = s[pos] === '*' || s[pos] === '.' ? pos + 1 : pos;
  const bsd = scanMonthDayTime(s, p);
  if (bsd) {
    const date = monthDayTimeToDate(bsd, now);
    if (date) {
      out.timestamp = date;
      end = bsd.end;
    }
  } else if (s.charCodeAt(p) >= 48 && s.charCodeAt(p) <= 57) {
    let e = p;
    while (e < s.length && s[e] !== ' ' && e - p <= 40) e++;
    const iso = parseIsoTime(s.slice(p, e), false);
    if (iso.ok) {
      out.timestamp = iso.value;
      end = e;
    }
  }
  if (end >= 0 && s[end] === ':') end++;
  if (end < 0 || (end < s.length && s[end] !== ' ')) {
    delete out.timestamp;
    out.message = s.slice(pos);
    return { ok: true, value: out };
  }
  pos = skipSpaces(s, end);

  if (!isPayload(s, pos)) {
    let tag = scanTag(s, pos);
    if (!tag) {
      let e = pos;
      while (e < s.length && s[e] !== ' ' && e - pos <= 255) e++;
      if (e > pos && e - pos <= 255) {
        out.hostname = s.slice(pos, e);
        pos = skipSpaces(s, e);
        if (!isPayload(s, pos)) tag = scanTag(s, pos);
      }
    }
    if (tag) {
      out.appName = tag.name;
      if (tag.pid !== undefined) out.procId = tag.pid;
      pos = tag.end;
    }
  }
  out.message = s.slice(pos);
  return { ok: true, value: out };
}

function skipSpaces(s: string, pos: number): number {
  while (s[pos] === ' ') pos++;
  return pos;
}

function isPayload(s: string, pos: number): boolean {
  return s.startsWith('CEF:', pos) || s.startsWith('LEEF:', pos);
}

type Tag = { name: string; pid?: string; end: number };

/**
 * TAG = name (no SP, ':' or '[', at most 128 characters) followed by `: ` (or `:` at the end),
 * `[pid]:`, or `[pid] `. Returns the offset of the content after one separating space.
 */
function scanTag(s: string, pos: number): Tag | undefined {
  let i = pos;
  while (i < s.length && i - pos < 128 && s[i] !== ':' && s[i] !== '[' && s[i] !== ' ') i++;
  if (i === pos) return undefined;
  const name = s.slice(pos, i);
  if (s[i] === ':') {
    if (i + 1 < s.length && s[i + 1] !== ' ') return undefined;
    return { name, end: Math.min(i + 2, s.length) };
  }
  if (s[i] !== '[') return undefined;
  let j = i + 1;
  while (j < s.length && j - i <= 128 && s[j] !== ']' && s[j] !== ' ') j++;
  if (s[j] !== ']' || j === i + 1) return undefined;
  const pid = s.slice(i + 1, j);
  let k = j + 1;
  if (s[k] === ':') k++;
  else if (k < s.length && s[k] !== ' ') return undefined;
  if (s[k] === ' ') k++;
  return { name, pid, end: k };
}
