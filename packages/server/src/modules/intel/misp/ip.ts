// IPv4/IPv6 addresses and networks as 32-bit words (one word for IPv4, four for IPv6).

export interface IpAddress {
  version: 4 | 6;
  /** Unsigned 32-bit words, most significant first. */
  words: number[];
}

export interface IpNetwork extends IpAddress {
  prefix: number;
  /** The text had bits set below the prefix (they are cleared in `words`). */
  hostBits: boolean;
}

function parseV4(s: string): number | undefined {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return undefined;
      part = part * 10 + (c - 48);
    } else if (c === 46) {
      if (digits === 0 || part > 255 || ++dots > 3) return undefined;
      n = n * 256 + part;
      part = 0;
      digits = 0;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return n * 256 + part;
}

function parseV6(input: string): number[] | undefined {
  let s = input;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string, last: boolean): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    const parts = h.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (last && i === parts.length - 1 && p.includes('.')) {
        const v4 = parseV4(p);
        if (v4 === undefined) return undefined;
        out.push(v4 >>> 16, v4 & 0xffff);
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
  const g = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return [0, 1, 2, 3].map((i) => (((g[2 * i] as number) << 16) | (g[2 * i + 1] as number)) >>> 0);
}

/** Parses an address (IPv6 may be bracketed or carry a zone); undefined if it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (s.includes(':')) {
    const w = parseV6(s);
    return w ? { version: 6, words: w } : undefined;
  }
  const v4 = parseV4(s);
  return v4 === undefined ? undefined : { version: 4, words: [v4] };
}

/** Mask keeping the top `bits` (0–32) of a word. */
export function wordMask(bits: number): number {
  if (bits <= 0) return 0;
  if (bits >= 32) return 0xffffffff;
  return (0xffffffff << (32 - bits)) >>> 0;
}

/** The words of `addr` with everything below `prefix` cleared. */
export function maskWords(words: readonly number[], prefix: number): number[] {
  return words.map((w, i) => (w & wordMask(prefix - 32 * i)) >>> 0);
}

/** Parses `addr/prefix` or a bare address (a host network). */
export function parseNetwork(text: string): IpNetwork | undefined {
  const s = text.trim();
  const slash = s.indexOf('/');
  const addr = parseIp(slash >= 0 ? s.slice(0, slash) : s);
  if (!addr) return undefined;
  const max = addr.version === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const p = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > max) return undefined;
  }
  const words = maskWords(addr.words, prefix);
  return { version: addr.version, words, prefix, hostBits: words.some((w, i) => w !== addr.words[i]) };
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), if it is one. */
export function mappedV4(addr: IpAddress): IpAddress | undefined {
  if (addr.version !== 6 || addr.words[0] !== 0 || addr.words[1] !== 0 || addr.words[2] !== 0xffff) return undefined;
  return { version: 4, words: [addr.words[3] as number] };
}

export function formatIp(addr: IpAddress): string {
  if (addr.version === 4) {
    const w = addr.words[0] as number;
    return [w >>> 24, (w >>> 16) & 255, (w >>> 8) & 255, w & 255].join('.');
  }
  const g: number[] = [];
  for (const w of addr.words) g.push(w >>> 16, w & 0xffff);
  // Longest run of zero groups (length ≥ 2) becomes "::" (RFC 5952).
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
