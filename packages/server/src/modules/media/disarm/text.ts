// DISARM descriptions hold HTML fragments (<br>, <b>): turned into plain text here, never rendered.
// A linear scan (no backtracking regex over untrusted input): line-breaking tags become newlines,
// every other tag is dropped, character references are decoded, spaces are tidied.

const BREAKS = new Set(['br', 'p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table']);
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”' };

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#x') || body.startsWith('#X')) {
    const n = /^[0-9a-fA-F]{1,6}$/.test(body.slice(2)) ? parseInt(body.slice(2), 16) : NaN;
    return Number.isFinite(n) && n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : undefined;
  }
  if (body.startsWith('#')) {
    const n = /^\d{1,7}$/.test(body.slice(1)) ? Number(body.slice(1)) : NaN;
    return Number.isFinite(n) && n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : undefined;
  }
  return NAMED[body];
}

/** Plain text from an HTML fragment: tags removed (line-breaking ones become newlines), entities decoded. */
export function htmlToText(html: string): string {
  let out = '';
  let i = 0;
  let noCloseAfter = html.length; // once a '<' has no '>' after it, none further on has either
  while (i < html.length) {
    const c = html[i]!;
    if (c === '<' && i < noCloseAfter) {
      const next = html[i + 1] ?? '';
      if (/[A-Za-z/!]/.test(next)) {
        const end = html.indexOf('>', i + 1);
        if (end === -1) {
          noCloseAfter = i;
          out += c;
          i++;
          continue;
        }
        const name = /^\/?\s*([A-Za-z][A-Za-z0-9]*)/.exec(html.slice(i + 1, Math.min(end, i + 40)))?.[1]?.toLowerCase();
        if (name && BREAKS.has(name)) out += '\n';
        i = end + 1;
        continue;
      }
    }
    if (c === '&') {
      const semi = html.indexOf(';', i + 1);
      if (semi !== -1 && semi - i <= 10) {
        const decoded = decodeEntity(html.slice(i + 1, semi));
        if (decoded !== undefined) {
          out += decoded;
          i = semi + 1;
          continue;
        }
      }
    }
    out += c;
    i++;
  }
  return out
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
