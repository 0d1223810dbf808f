// One comparison between an observed value and a constant. Outcome `undefined` means the two cannot
// be compared (different types, or not an address for an IP test): the test is then false whatever
// NOT says. No coercion between strings and numbers: file:size = '42' is false for a size of 42.
import type { Literal } from './ast.ts';
import { canonicalValue, FOLDED_KINDS, type ValueKind } from './canonical.ts';
import { ipContains, ipEqual, isHost, parseIpRange, type IpRange } from './ip.ts';
import { timestampMs } from './literals.ts';
import type { PathValue } from './path.ts';

/** A constant with its derived forms, computed once per kind on first use. */
export class Constant {
  readonly literal: Literal;
  private readonly canon = new Map<ValueKind, string | undefined>();
  private rangeCache: IpRange | null | undefined;

  constructor(literal: Literal) {
    this.literal = literal;
  }

  canonical(kind: ValueKind): string | undefined {
    if (this.literal.type !== 'string') return undefined;
    if (!this.canon.has(kind)) this.canon.set(kind, canonicalValue(kind, this.literal.value));
    return this.canon.get(kind);
  }

  range(): IpRange | undefined {
    if (this.rangeCache === undefined) this.rangeCache = this.literal.type === 'string' ? parseIpRange(this.literal.value) ?? null : null;
    return this.rangeCache ?? undefined;
  }
}

export function equals(item: PathValue, c: Constant): boolean | undefined {
  const v = item.value;
  const lit = c.literal;
  switch (lit.type) {
    case 'string': {
      if (typeof v !== 'string') return undefined;
      if (item.kind === 'ip') {
        const observed = parseIpRange(v);
        const range = c.range();
        if (!observed || !range) return undefined;
        // An address equals a block that holds it; a block equals only the same block.
        return isHost(observed) ? ipContains(range, observed) : ipEqual(observed, range);
      }
      return canonicalValue(item.kind, v) === c.canonical(item.kind);
    }
    case 'int':
    case 'float':
      return typeof v === 'number' ? v === lit.value : undefined;
    case 'bool':
      return typeof v === 'boolean' ? v === lit.value : undefined;
    case 'timestamp': {
      const ms = observedTime(v);
      return ms === undefined ? undefined : ms === lit.ms;
    }
    case 'binary':
    case 'hex': {
      const bytes = observedBytes(item);
      return bytes === undefined ? undefined : compareBytes(bytes, lit.bytes) === 0;
    }
  }
}

export function order(item: PathValue, op: '<' | '<=' | '>' | '>=', c: Constant): boolean | undefined {
  const v = item.value;
  const lit = c.literal;
  let d: number | undefined;
  switch (lit.type) {
    case 'string':
      if (typeof v === 'string') {
        const [a, b] = FOLDED_KINDS.has(item.kind) ? [v.toLowerCase(), lit.value.toLowerCase()] : [v, lit.value];
        d = a < b ? -1 : a > b ? 1 : 0;
      }
      break;
    case 'int':
    case 'float':
      if (typeof v === 'number') d = v - lit.value;
      break;
    case 'timestamp': {
      const ms = observedTime(v);
      if (ms !== undefined) d = ms - lit.ms;
      break;
    }
    case 'binary':
    case 'hex': {
      const bytes = observedBytes(item);
      if (bytes) d = compareBytes(bytes, lit.bytes);
      break;
    }
    case 'bool':
      break;
  }
  if (d === undefined || Number.isNaN(d)) return undefined;
  switch (op) {
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
  }
}

/** ISSUBSET / ISSUPERSET: IP addresses and blocks only. */
export function subset(item: PathValue, op: 'ISSUBSET' | 'ISSUPERSET', c: Constant): boolean | undefined {
  if (item.kind !== 'ip' || typeof item.value !== 'string') return undefined;
  const observed = parseIpRange(item.value);
  const range = c.range();
  if (!observed || !range || observed.v6 !== range.v6) return undefined;
  return op === 'ISSUBSET' ? ipContains(range, observed) : ipContains(observed, range);
}

/** The text LIKE and MATCHES see: binary properties (`*_bin`, `*_hex`) as one character per byte. */
export function observedText(item: PathValue): string | undefined {
  const v = item.value;
  if (typeof v !== 'string') return undefined;
  if (item.key?.endsWith('_bin')) return Buffer.from(v, 'base64').toString('latin1');
  if (item.key?.endsWith('_hex') && /^(?:[0-9a-fA-F]{2})*$/.test(v)) return Buffer.from(v, 'hex').toString('latin1');
  return v;
}

function observedTime(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const strict = timestampMs(v);
  if (strict !== undefined) return strict;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
}

function observedBytes(item: PathValue): Uint8Array | undefined {
  const v = item.value;
  if (typeof v !== 'string') return undefined;
  const hex = /^(?:[0-9a-fA-F]{2})*$/.test(v);
  if (item.key?.endsWith('_hex') || (!item.key?.endsWith('_bin') && hex)) return hex ? new Uint8Array(Buffer.from(v, 'hex')) : undefined;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return undefined;
  return new Uint8Array(Buffer.from(v, 'base64'));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}
