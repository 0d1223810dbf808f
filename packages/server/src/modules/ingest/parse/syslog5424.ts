import type { ParseLimits, ParseResult, SyslogMessage } from './types.ts';
import { DEFAULT_MAX_FIELDS, DEFAULT_MAX_LENGTH, dict, fail } from './types.ts';
import { parsePri, stripLineEnd } from './pri.ts';
import { parseIsoTime } from './iso-time.ts';
import { parseStructuredData } from './structured-data.ts';

/**
 * RFC 5424 syslog message:
 * `<PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]`.
 * Header fields are PRINTUSASCII with the RFC's length limits; `-` is NILVALUE (left undefined).
 * A UTF-8 BOM at the start of MSG is removed. Trailing LF/CR/NUL are transport artefacts and removed.
 */
export function parseSyslog5424(line: string, limits: ParseLimits = {}): ParseResult<SyslogMessage> {
  const maxLength = limits.maxLength ?? DEFAULT_MAX_LENGTH;
  if (line.length > maxLength) return fail(`syslog line is ${line.length} characters, limit ${maxLength}`);
  const s = stripLineEnd(line);
  const pri = parsePri(s);
  if (!pri.ok) return pri;
  let pos = pri.value.end;

  const vStart = pos;
  while (pos < s.length && pos - vStart < 4 && s.charCodeAt(pos) >= 48 && s.charCodeAt(pos) <= 57) pos++;
  if (pos === vStart || s[vStart] === '0' || pos - vStart > 3) return fail('expected VERSION (1-3 digits, not starting with 0)', vStart);
  const version = Number(s.slice(vStart, pos));

  const fields: Array<string | undefined> = [];
  let timestamp: Date | undefined;
  const names = ['TIMESTAMP', 'HOSTNAME', 'APP-NAME', 'PROCID', 'MSGID'] as const;
  const maxLen = [40, 255, 48, 128, 32];
  for (let f = 0; f < names.length; f++) {
    if (s[pos] !== ' ') return fail(`expected SP before ${names[f]}`, pos);
    pos++;
    const start = pos;
    while (pos < s.length && s[pos] !== ' ') {
      const c = s.charCodeAt(pos);
      if (c < 33 || c > 126) return fail(`${names[f]} contains a character outside printable US-ASCII`, pos);
      if (pos - start >= (maxLen[f] ?? 0)) return fail(`${names[f]} longer than ${maxLen[f]} characters`, start);
      pos++;
    }
    if (pos === start) return fail(`${names[f]} is empty`, start);
    const token = s.slice(start, pos);
    if (f === 0) {
      if (token !== '-') {
        const t = parseIsoTime(token, true);
        if (!t.ok) return fail(`invalid TIMESTAMP: ${t.error}`, start + (t.offset ?? 0));
        timestamp = t.value;
      }
    } else fields.push(token === '-' ? undefined : token);
  }

  if (s[pos] !== ' ') return fail('expected SP before STRUCTURED-DATA', pos);
  pos++;
  let structuredData = dict<Record<string, string>>();
  if (s[pos] === '-') pos++;
  else if (s[pos] === '[') {
    const sd = parseStructuredData(s, pos, limits.maxFields ?? DEFAULT_MAX_FIELDS);
    if (!sd.ok) return sd;
    structuredData = sd.value.data;
    pos = sd.value.end;
  } else return fail("expected STRUCTURED-DATA ('-' or '[')", pos);

  let message = '';
  if (pos < s.length) {
    if (s[pos] !== ' ') return fail('expected SP between STRUCTURED-DATA and MSG', pos);
    message = s.slice(pos + 1);
    if (message.charCodeAt(0) === 0xfeff) message = message.slice(1);
  }
  const [hostname, appName, procId, msgId] = fields;
  const out: SyslogMessage = {
    facility: pri.value.facility, severity: pri.value.severity, version, structuredData, message, rfc: '5424',
  };
  if (timestamp) out.timestamp = timestamp;
  if (hostname !== undefined) out.hostname = hostname;
  if (appName !== undefined) out.appName = appName;
  if (procId !== undefined) out.procId = procId;
  if (msgId !== undefined) out.msgId = msgId;
  return { ok: true, value: out };
}
