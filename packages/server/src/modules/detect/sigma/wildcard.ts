// Sigma string values: wildcards `*` and `?`, escapes `\*` `\?` `\\` (rules spec, "Escape Character"),
// and a linear-memory glob matcher over the resulting tokens.

/** A literal run, `*` (any run), `?` (one character) or a windash class (any of the dash characters). */
export type Tok = { k: 'lit'; s: string } | { k: 'star' } | { k: 'one' } | { k: 'dash' };

/**
 * Parses a Sigma string: `*` and `?` are wildcards; `\*`, `\?` are the plain characters; `\\` is one
 * backslash; any other backslash is kept as is (a plain backslash not followed by a wildcard).
 */
export function parseWildcards(value: string): Tok[] {
  const out: Tok[] = [];
  let lit = '';
  const flush = () => {
    if (lit) out.push({ k: 'lit', s: lit });
    lit = '';
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '\\') {
      const n = value[i + 1];
      if (n === '*' || n === '?' || n === '\\') {
        lit += n;
        i++;
      } else lit += c;
    } else if (c === '*') {
      flush();
      if (out.at(-1)?.k !== 'star') out.push({ k: 'star' });
    } else if (c === '?') {
      flush();
      out.push({ k: 'one' });
    } else lit += c;
  }
  flush();
  return out;
}

/** Literal tokens only (no wildcards). */
export function literalTokens(s: string): Tok[] {
  return s ? [{ k: 'lit', s }] : [];
}

export function hasWildcards(toks: readonly Tok[]): boolean {
  return toks.some((t) => t.k !== 'lit');
}

/** The plain text of a wildcard-free token list (undefined if it has wildcards). */
export function plainText(toks: readonly Tok[]): string | undefined {
  let s = '';
  for (const t of toks) {
    if (t.k !== 'lit') return undefined;
    s += t.s;
  }
  return s;
}

/** Merges adjacent literals and collapses repeated stars. */
export function normalize(toks: readonly Tok[]): Tok[] {
  const out: Tok[] = [];
  for (const t of toks) {
    const last = out.at(-1);
    if (t.k === 'lit') {
      if (!t.s) continue;
      if (last?.k === 'lit') out[out.length - 1] = { k: 'lit', s: last.s + t.s };
      else out.push(t);
    } else if (t.k === 'star' && last?.k === 'star') continue;
    else out.push(t);
  }
  return out;
}

export const DASHES = '-/\u2013\u2014\u2015';

/** Splits literals so that every dash character becomes a windash class token. */
export function windashTokens(toks: readonly Tok[]): Tok[] {
  const out: Tok[] = [];
  for (const t of toks) {
    if (t.k !== 'lit') {
      out.push(t);
      continue;
    }
    let run = '';
    for (const c of t.s) {
      if (DASHES.includes(c)) {
        if (run) out.push({ k: 'lit', s: run });
        run = '';
        out.push({ k: 'dash' });
      } else run += c;
    }
    if (run) out.push({ k: 'lit', s: run });
  }
  return out;
}

/** Pattern units over UTF-16 code units: a code unit, `*`, `?` (one character) or a dash class. */
const STAR = -1;
const ONE = -2;
const DASH = -3;

function units(toks: readonly Tok[]): Int32Array {
  const out: number[] = [];
  for (const t of toks) {
    if (t.k === 'lit') for (let i = 0; i < t.s.length; i++) out.push(t.s.charCodeAt(i));
    else out.push(t.k === 'star' ? STAR : t.k === 'one' ? ONE : DASH);
  }
  return Int32Array.from(out);
}

const isDash = (c: number) => c === 0x2d || c === 0x2f || c === 0x2013 || c === 0x2014 || c === 0x2015;

/**
 * Glob match of the whole string (iterative, remembers only the last star: O(n·m) worst case, no
 * recursion). `?` consumes one character (a surrogate pair counts as one).
 */
export function globMatcher(toks: readonly Tok[]): (s: string) => boolean {
  const p = units(normalize(toks));
  const m = p.length;
  return (s: string) => {
    const n = s.length;
    let i = 0;
    let j = 0;
    let starJ = -1;
    let starI = 0;
    while (i < n) {
      const u = j < m ? (p[j] as number) : 0;
      const c = s.charCodeAt(i);
      if (j < m && (u === c || (u === DASH && isDash(c)))) {
        i++;
        j++;
      } else if (j < m && u === ONE) {
        i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
        j++;
      } else if (j < m && u === STAR) {
        starJ = j++;
        starI = i;
      } else if (starJ >= 0) {
        j = starJ + 1;
        i = ++starI;
      } else return false;
    }
    while (j < m && p[j] === STAR) j++;
    return j === m;
  };
}

/** Lower-cases the literal parts of a token list. */
export function lowerTokens(toks: readonly Tok[]): Tok[] {
  return toks.map((t) => (t.k === 'lit' ? { k: 'lit', s: t.s.toLowerCase() } : t));
}

// Many rules test the same event values: lower-case each distinct string once (bounded memo; the
// engine hashes a string once, so lookups of the same string object are cheap).
const LOWER_MAX = 8192;
let lowerMemo = new Map<string, string>();

/** `s.toLowerCase()`, memoised for repeated values. */
export function lower(s: string): string {
  let l = lowerMemo.get(s);
  if (l === undefined) {
    l = s.toLowerCase();
    if (lowerMemo.size >= LOWER_MAX) lowerMemo = new Map();
    lowerMemo.set(s, l);
  }
  return l;
}

/**
 * A string matcher for a token list: fast paths for exact, prefix, suffix and substring shapes,
 * the glob matcher otherwise. `cased` false means both sides compare lower-cased.
 */
export function stringMatcher(toks: readonly Tok[], cased: boolean): (s: string) => boolean {
  const n = normalize(cased ? toks : lowerTokens(toks));
  const prep = cased ? (s: string) => s : lower;
  const kinds = n.map((t) => t.k).join(',');
  const lit = (i: number) => (n[i] as { s: string }).s;
  switch (kinds) {
    case '':
      return (s) => s === '';
    case 'star':
      return () => true;
    case 'lit': {
      const a = lit(0);
      return (s) => prep(s) === a;
    }
    case 'lit,star': {
      const a = lit(0);
      return (s) => prep(s).startsWith(a);
    }
    case 'star,lit': {
      const a = lit(1);
      return (s) => prep(s).endsWith(a);
    }
    case 'star,lit,star': {
      const a = lit(1);
      return (s) => prep(s).includes(a);
    }
    default: {
      const g = globMatcher(n);
      return (s) => g(prep(s));
    }
  }
}
