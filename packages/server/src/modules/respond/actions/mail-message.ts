// An RFC 5322 message with one MIME text/plain part (RFC 2045), built for 7-bit transport: headers
// are ASCII (a non-ASCII or long subject becomes RFC 2047 encoded-words), the body is UTF-8 in
// quoted-printable. The addresses and subject must already be checked (mailbox.ts, notify-email.ts):
// nothing here can add a header line, since every value is either checked or encoded.
import { createHash } from 'node:crypto';

export interface MailContent {
  from: string;
  to: readonly string[];
  cc: readonly string[];
  subject: string;
  body: string;
  date: Date;
  messageId: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** RFC 5322 date-time in UTC, e.g. `Sat, 28 Nov 2026 21:00:12 +0000`. */
export function rfc5322Date(d: Date): string {
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/**
 * The same key always gives the same Message-ID, so a send retried after a lost reply (or after a
 * restart) carries the identifier of the first one and receivers can drop the duplicate.
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}.notify@${domain}>`;
}

/** An unstructured header value: as it is when short printable ASCII, else encoded-words of at most 75 characters. */
export function encodeHeaderText(name: string, value: string): string {
  if (/^[\x20-\x7e]*$/.test(value) && name.length + 2 + value.length <= 78 && !/=\?/.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  // 'B' encoding of UTF-8; a word holds at most 45 bytes (60 base64 characters + 12 of framing ≤ 75),
  // and is cut between characters, never inside one (RFC 2047 section 5).
  for (const ch of value) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\r\n ');
}

/** A list of checked mailboxes, one per line after the first (folding keeps lines short). */
const addressList = (list: readonly string[]): string => list.join(',\r\n ');

/** Quoted-printable (RFC 2045 section 6.7) of UTF-8 text with CRLF line breaks; lines at most 76 characters. */
export function quotedPrintable(text: string): string {
  const lines = text.replace(/\r\n|\r|\n/g, '\n').split('\n');
  return lines
    .map((line) => {
      const bytes = Buffer.from(line);
      let out = '';
      let width = 0;
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i]!;
        const last = i === bytes.length - 1;
        const plain = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
        const token = plain ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
        if (width + token.length > 75) {
          out += '=\r\n'; // soft line break
          width = 0;
        }
        out += token;
        width += token.length;
      }
      return out;
    })
    .join('\r\n');
}

/** The whole message, CRLF line endings, ending with CRLF (dot-stuffing is the transport's job). */
export function buildMessage(c: MailContent): Buffer {
  const headers = [
    `Date: ${rfc5322Date(c.date)}`,
    `From: ${c.from}`,
    `To: ${addressList(c.to)}`,
    ...(c.cc.length > 0 ? [`Cc: ${addressList(c.cc)}`] : []),
    `Subject: ${encodeHeaderText('Subject', c.subject)}`,
    `Message-ID: ${c.messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    'Auto-Submitted: auto-generated', // RFC 3834: auto-responders must not answer it
  ];
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${quotedPrintable(c.body)}\r\n`, 'ascii');
}
