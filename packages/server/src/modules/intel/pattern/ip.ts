// IPv4 and IPv6 addresses and CIDR blocks: parsing, canonical text, containment.
// A single address is a block of /32 (IPv4) or /128 (IPv6). Host bits below the prefix are cleared
// ('10.1.2.3/8' is 10.0.0.0/8). IPv4 octets with leading zeros are refused (octal ambiguity).

export interface IpRange {
  readonly v6: boolean;
  /** Network address, 4 or 16 bytes, host bits cleared. */
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/** A dotted quad (no leading zeros, each octet ≤ 255) → 4 bytes. Hand-written: it runs for every address of every event. */
export function parseIpv4(s: string): Uint8Array | undefined {
  const n = s.length;
  if (n < 7 || n > 15) return undefined;
  const out = new Uint8Array(4);
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 46; // a '.' after the end closes the last octet
    if (c === 46) {
      if (digits === 0 || part > 3) return undefined;
      out[part++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return undefined; // leading zero
      value = value * 10 + (c - 48);
      if (value > 255) return undefined;
      digits++;
    } else return undefined;
  }
  return part === 4 ? out : undefined;
}

export function parseIpv6(input: string): Uint8Array | undefined {
  const s = input;
  if (s.length < 2 || s.length > 45) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string, last: boolean): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    const parts = h.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (last && i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (!v4) return undefined;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0] as string, halves.length === 1);
  const tail = halves.length === 2 ? groups(halves[1] as string, true) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const g = all[i] as number;
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  }
  return out;
}

/** An address or CIDR block; undefined when the text is neither. No brackets, zones or spaces. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const v6 = addr.includes(':');
  const bytes = v6 ? parseIpv6(addr) : parseIpv4(addr);
  if (!bytes) return undefined;
  const max = bytes.length * 8;
  let prefix = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > max) return undefined;
  }
  mask(bytes, prefix);
  return { v6, bytes, prefix };
}

function mask(bytes: Uint8Array, prefix: number): void {
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    bytes[i] = (bytes[i] as number) & ((0xff << (8 - keep)) & 0xff);
  }
}

export const isHost = (r: IpRange): boolean => r.prefix === r.bytes.length * 8;

/** `inner` ⊆ `outer` (same family only). */
export function ipContains(outer: IpRange, inner: IpRange): boolean {
  if (outer.v6 !== inner.v6 || inner.prefix < outer.prefix) return false;
  for (let bit = 0; bit < outer.prefix; bit += 8) {
    const i = bit >> 3;
    const keep = Math.min(8, outer.prefix - bit);
    const m = (0xff << (8 - keep)) & 0xff;
    if (((inner.bytes[i] as number) & m) !== ((outer.bytes[i] as number) & m)) return false;
  }
  return true;
}

export const ipEqual = (a: IpRange, b: IpRange): boolean => a.prefix === b.prefix && ipContains(a, b);

/** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as ::, IPv4-mapped as ::ffff:a.b.c.d); /n only for blocks. */
export function formatIpRange(r: IpRange): string {
  const addr = r.v6 ? formatIpv6(r.bytes) : `${r.bytes[0]}.${r.bytes[1]}.${r.bytes[2]}.${r.bytes[3]}`;
  return isHost(r) ? addr : `${addr}/${r.prefix}`;
}

function formatIpv6(b: Uint8Array): string {
  // RFC 5952 §5: an IPv4-mapped address keeps the dotted quad.
  if (b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return `::ffff:${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push(((b[2 * i] as number) << 8) | (b[2 * i + 1] as number));
  let bestStart = -1;
  let bestLen = 1; // RFC 5952: a single zero group is not shortened
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) => g.slice(from, to).map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLen, 8)}`;
}

/** Canonical text of an address or block, or undefined when not one. */
export function canonicalIp(text: string): string | undefined {
  // Fast path: most observed values are plain dotted quads, already in canonical form.
  if (parseIpv4(text)) return text;
  const r = parseIpRange(text);
  return r ? formatIpRange(r) : undefined;
}
