// Compiles one field item (`Field|modifiers: value or list`) into a predicate over an event accessor.
import { cidrMatcher } from './cidr.ts';
import { datePart } from './dates.ts';
import { base64, base64offset, type Encoded, utf16be, utf16bom, utf16le } from './encoding.ts';
import { RuleProblem } from './errors.ts';
import type { ModifierChain } from './modifiers.ts';
import { expandPlaceholders, type Placeholders } from './placeholders.ts';
import { compileRegex } from './regex.ts';
import { type Literal, tokenLiteral, withNeed } from './required.ts';
import { type Tok, literalTokens, parseWildcards, plainText, stringMatcher, windashTokens } from './wildcard.ts';

/** Looks a Sigma field name up in one event. `values` lists every field value (for keyword search). */
export type EventAccessor = ((field: string) => unknown) & { values?: () => Iterable<unknown> };
export type Predicate = (get: EventAccessor) => boolean;

export interface ValueOptions {
  placeholders?: Placeholders;
}

/** A scalar from the detection section: YAML numbers arrive as their source text (see load.ts). */
export type Scalar = string | number | boolean | null;

/** The string forms of an event value that a string pattern is tested against. */
export function eventStrings(v: unknown, out: string[] = []): string[] {
  if (v === undefined || v === null) return out;
  if (typeof v === 'string') out.push(v);
  else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') out.push(String(v));
  else if (Array.isArray(v)) for (const x of v) eventStrings(x, out);
  else if (typeof v === 'object' && '#text' in v) eventStrings((v as { '#text': unknown })['#text'], out);
  return out;
}

function anyString(v: unknown, test: (s: string) => boolean): boolean {
  if (typeof v === 'string') return test(v);
  if (v === undefined || v === null) return false;
  for (const s of eventStrings(v)) if (test(s)) return true;
  return false;
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  if (typeof v === 'object' && v !== null && '#text' in v) return toNumber((v as { '#text': unknown })['#text']);
  return undefined;
}

const COMPARE = {
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
  eq: (a: number, b: number) => a === b,
};

const MAX_VARIANTS = 4096;

/** Applies windash (when encodings follow), the encodings and the position modifier to one string value. */
function stringPatterns(raw: string, chain: ModifierChain): Tok[][] {
  let toks = parseWildcards(raw);
  if (chain.encodings.length === 0) {
    if (chain.windash) toks = windashTokens(toks);
    return [wrap(toks, chain)];
  }
  const text = plainText(toks);
  if (text === undefined) throw new RuleProblem('value', `value ${JSON.stringify(raw)} has wildcards and cannot be encoded`);
  let texts = [text];
  if (chain.windash) texts = windashVariants(text);
  const out: Tok[][] = [];
  for (const t of texts) {
    let v: Encoded = { s: t, bytes: false };
    let encoded: string[] | undefined;
    for (const e of chain.encodings) {
      if (e === 'utf16le') v = utf16le(v);
      else if (e === 'utf16be') v = utf16be(v);
      else if (e === 'utf16') v = utf16bom(v);
      else if (e === 'base64') encoded = [base64(v)];
      else encoded = base64offset(v);
    }
    for (const s of encoded ?? [v.s]) out.push(wrap(literalTokens(s), chain));
  }
  return out;
}

function windashVariants(text: string): string[] {
  let out = [''];
  for (const c of text) {
    const choices = '-/\u2013\u2014\u2015'.includes(c) ? ['-', '/', '\u2013', '\u2014', '\u2015'] : [c];
    out = out.flatMap((p) => choices.map((x) => p + x));
    if (out.length > MAX_VARIANTS) throw new RuleProblem('limit', `windash expansion of ${JSON.stringify(text)} exceeds ${MAX_VARIANTS} values`);
  }
  return out;
}

function wrap(toks: Tok[], chain: ModifierChain): Tok[] {
  const star: Tok = { k: 'star' };
  switch (chain.position) {
    case 'contains':
      return [star, ...toks, star];
    case 'startswith':
      return [...toks, star];
    case 'endswith':
      return [star, ...toks];
    case undefined:
      return toks;
  }
}

function scalarText(v: Scalar, what: string): string {
  if (v === null || typeof v === 'boolean') throw new RuleProblem('value', `${what} needs a string or number, not ${String(v)}`);
  return String(v);
}

/**
 * One value → a test of one event value (already fetched), or a whole-event test for fieldref. `lits`:
 * lower-cased literals, one of which a matching value contains (required.ts); absent when unknown.
 */
type ValueTest = { kind: 'value'; test: (v: unknown) => boolean; lits?: string[] } | { kind: 'event'; test: (v: unknown, get: EventAccessor) => boolean; lits?: undefined };

function compileValue(value: Scalar, chain: ModifierChain, opts: ValueOptions): ValueTest {
  if (value === null) {
    if (chain.list.length) throw new RuleProblem('value', `null cannot be used with modifiers (${chain.list.join('|')})`);
    return { kind: 'value', test: (v) => v === undefined || v === null };
  }
  if (chain.compare || chain.datePart) {
    const n = toNumber(value);
    if (n === undefined) throw new RuleProblem('value', `"${chain.compare ?? chain.datePart}" needs a number, got ${JSON.stringify(value)}`);
    const cmp = COMPARE[chain.compare ?? 'eq'];
    const part = chain.datePart;
    if (part) return { kind: 'value', test: (v) => { const x = datePart(typeof v === 'object' && v !== null && '#text' in v ? (v as { '#text': unknown })['#text'] : v, part); return x !== undefined && cmp(x, n); } };
    return { kind: 'value', test: (v) => { const x = toNumber(v); return x !== undefined && cmp(x, n); } };
  }
  if (typeof value === 'boolean') value = String(value);
  const raws = chain.expand ? expandPlaceholders(scalarText(value, '"expand"'), opts.placeholders ?? {}) : [scalarText(value, 'this value')];
  const tests: Array<(s: string) => boolean> = [];
  if (chain.fieldref) {
    const refs = raws;
    return {
      kind: 'event',
      test: (v, get) => refs.some((ref) => {
        const other = eventStrings(get(ref));
        if (!other.length) return false;
        return other.some((o) => anyString(v, stringMatcher(wrap(literalTokens(o), chain), chain.cased)));
      }),
    };
  }
  let lits: string[] | undefined = chain.re || chain.cidr ? undefined : [];
  for (const raw of raws) {
    if (chain.re) tests.push(compileRegex(raw, chain.re));
    else if (chain.cidr) {
      const m = cidrMatcher(raw);
      if (!m) throw new RuleProblem('value', `"${raw}" is not a valid IPv4 or IPv6 network`);
      tests.push(m);
    } else {
      for (const toks of stringPatterns(raw, chain)) {
        tests.push(stringMatcher(toks, chain.cased));
        const lit = tokenLiteral(toks, chain.cased);
        if (lit === undefined) lits = undefined;
        else lits?.push(lit);
      }
    }
  }
  const test = tests.length === 1 ? (tests[0] as (s: string) => boolean) : (s: string) => tests.some((t) => t(s));
  return { kind: 'value', test: (v) => anyString(v, test), lits: lits?.length ? lits : undefined };
}

/**
 * Compiles `field|mods: values`. Semantics for absent fields (rules spec, "Special Field Values" and
 * "Field Existence"): a value test on an absent (undefined) or null field is false; only `null` and
 * `exists: false` are satisfied by an absent field. `neq` needs the field present (absent → false), so
 * a missing field never satisfies a selection by accident; `not` in the condition is plain negation.
 */
export function compileFieldItem(field: string, chain: ModifierChain, raw: unknown, opts: ValueOptions): Predicate {
  if (chain.exists) {
    if (typeof raw !== 'boolean') throw new RuleProblem('value', '"exists" needs true or false');
    return raw ? (get) => get(field) !== undefined : (get) => get(field) === undefined;
  }
  const values: Scalar[] = Array.isArray(raw) ? (raw as Scalar[]) : [raw as Scalar];
  if (values.length === 0) throw new RuleProblem('value', 'empty value list');
  for (const v of values) {
    if (v !== null && typeof v === 'object') throw new RuleProblem('value', 'values must be scalars (strings, numbers, booleans or null)');
  }
  const tests = values.map((v) => compileValue(v, chain, opts));
  const predicate = valuesPredicate(field, chain, values, tests);
  if (chain.neq) return predicate;
  // Every value (with `all`: the cheapest one) or any value (without) must match: required literals.
  if (chain.all) {
    const best = tests.filter((t) => t.lits).sort((a, b) => (a.lits as string[]).length - (b.lits as string[]).length)[0];
    return withNeed(predicate, best?.lits?.map((text): Literal => ({ field, text })));
  }
  if (tests.some((t) => !t.lits)) return predicate;
  return withNeed(predicate, tests.flatMap((t) => (t.lits as string[]).map((text): Literal => ({ field, text }))));
}

function valuesPredicate(field: string, chain: ModifierChain, values: readonly Scalar[], tests: readonly ValueTest[]): Predicate {
  const one = (t: ValueTest, v: unknown, get: EventAccessor) => (t.kind === 'value' ? t.test(v) : t.test(v, get));
  const combine = chain.all ? 'every' : 'some';
  if (chain.neq) {
    // neq with fieldref: both fields must be present to be "different".
    const refs = chain.fieldref ? values.map(String) : [];
    return (get) => {
      const v = get(field);
      if (v === undefined || v === null) return false;
      if (refs.some((r) => get(r) === undefined || get(r) === null)) return false;
      return !tests.some((t) => one(t, v, get));
    };
  }
  if (tests.length === 1) {
    const t = tests[0] as ValueTest;
    if (t.kind === 'value') {
      const f = t.test;
      return (get) => f(get(field));
    }
  }
  if (tests.every((t) => t.kind === 'value')) {
    const fs = tests.map((t) => t.test as (v: unknown) => boolean);
    if (chain.all) {
      return (get) => {
        const v = get(field);
        for (let i = 0; i < fs.length; i++) if (!(fs[i] as (v: unknown) => boolean)(v)) return false;
        return true;
      };
    }
    return (get) => {
      const v = get(field);
      for (let i = 0; i < fs.length; i++) if ((fs[i] as (v: unknown) => boolean)(v)) return true;
      return false;
    };
  }
  return (get) => {
    const v = get(field);
    return tests[combine]((t) => one(t, v, get));
  };
}

/**
 * Compiles keyword values (a list under a search identifier, or `'|mods': values`): a keyword matches
 * when it occurs in any string value of the event (substring, like a full-text search), unless a
 * position modifier or `re` says otherwise.
 */
export function compileKeywords(chain: ModifierChain, raw: unknown, opts: ValueOptions): Predicate {
  const values: Scalar[] = Array.isArray(raw) ? (raw as Scalar[]) : [raw as Scalar];
  if (chain.exists || chain.fieldref || chain.compare || chain.datePart || chain.neq) {
    throw new RuleProblem('modifier', `modifiers ${chain.list.join('|')} need a field name`);
  }
  const kwChain: ModifierChain = chain.position || chain.re || chain.cidr ? chain : { ...chain, position: 'contains' };
  const lits: (string[] | undefined)[] = [];
  const tests = values.map((v) => {
    if (v === null || typeof v === 'object') throw new RuleProblem('value', 'keywords must be strings or numbers');
    const t = compileValue(v, kwChain, opts);
    if (t.kind !== 'value') throw new RuleProblem('modifier', 'fieldref needs a field name');
    lits.push(t.lits);
    return t.test;
  });
  // Required literals in any value of the event (field '': see required.ts).
  const anyValue = (l: string[]) => l.map((text): Literal => ({ field: '', text }));
  const need = chain.all
    ? lits.filter((l) => l !== undefined).sort((a, b) => a.length - b.length).map(anyValue)[0]
    : lits.every((l) => l !== undefined) ? lits.flatMap(anyValue) : undefined;
  const hit = (get: EventAccessor, t: (v: unknown) => boolean) => {
    if (!get.values) return false;
    for (const v of get.values()) if (t(v)) return true;
    return false;
  };
  return withNeed(chain.all ? (get) => tests.every((t) => hit(get, t)) : (get) => tests.some((t) => hit(get, t)), need);
}
