import type { ParseLimits, ParseResult, SyslogMessage } from './types.ts';
import { parseSyslog5424 } from './syslog5424.ts';
import { parseSyslog3164 } from './syslog3164.ts';
import { parseCef } from './cef.ts';
import { parseLeef } from './leef.ts';

/**
 * Parse one syslog line, RFC 5424 or RFC 3164, and a CEF or LEEF payload in its message.
 * RFC 5424 is chosen when PRI is followed by VERSION, a space, and the start of a TIMESTAMP
 * (`-` or four digits and '-'), so a 5424 line with a broken field reports that field's error
 * rather than being read as BSD syslog. Everything else is RFC 3164 (which accepts almost anything).
 * A message starting with `CEF:` or `LEEF:` is parsed into `cef`/`leef`; if that fails the syslog
 * result stands and `payloadError` says why.
 */
export function parseSyslog(line: string, now: Date, limits: ParseLimits = {}): ParseResult<SyslogMessage> {
  const result = looksLike5424(line) ? parseSyslog5424(line, limits) : parseSyslog3164(line, now, limits);
  if (!result.ok) return result;
  const msg = result.value;
  let start = 0;
  while (start < msg.message.length && start < 64 && msg.message[start] === ' ') start++;
  if (msg.message.startsWith('CEF:', start)) {
    const cef = parseCef(msg.message.slice(start), limits);
    if (cef.ok) msg.cef = cef.value;
    else msg.payloadError = `CEF: ${cef.error}`;
  } else if (msg.message.startsWith('LEEF:', start)) {
    const leef = parseLeef(msg.message.slice(start), limits);
    if (leef.ok) msg.leef = leef.value;
    else msg.payloadError = `LEEF: ${leef.error}`;
  }
  return result;
}

function looksLike5424(s: string): boolean {
  if (s[0] !== '<') return false;
  const close = s.slice(0, 5).indexOf('>');
  if (close < 2 || close > 4) return false;
  let i = close + 1;
  const v = i;
  while (i - v < 3 && isDigit(s.charCodeAt(i))) i++;
  if (i === v || s[i] !== ' ') return false;
  i++;
  if (s[i] === '-') return s[i + 1] === ' ' || s[i + 1] === undefined;
  return isDigit(s.charCodeAt(i)) && isDigit(s.charCodeAt(i + 1)) && isDigit(s.charCodeAt(i + 2)) &&
    isDigit(s.charCodeAt(i + 3)) && s[i + 4] === '-';
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
