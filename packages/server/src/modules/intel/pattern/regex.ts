// MATCHES (PCRE in the specification) and LIKE, evaluated by re2js, a port of RE2: matching time is
// linear in the input, so an untrusted indicator cannot stall the pipeline. PCRE features RE2 does
// not have (back-references, look-around, possessive quantifiers) are refused with an error.
import { RE2JS } from 're2js';
import { unsupportedError } from './errors.ts';

export interface TextTest {
  /** `folded`: the value is of a case-insensitive kind (domain, e-mail, hash). */
  test(s: string, folded: boolean): boolean;
}

/** MATCHES: an unanchored search, as in PCRE; case-insensitive for folded kinds. */
export function compileMatches(source: string, offset: number): TextTest {
  let exact: RE2JS;
  try {
    exact = RE2JS.compile(source);
  } catch (err) {
    throw unsupportedError(`regular expression ${JSON.stringify(source.slice(0, 200))} uses a feature the linear-time engine does not support (${(err as Error).message})`, offset);
  }
  let folded: RE2JS | undefined;
  return {
    test(s, fold) {
      if (!fold) return exact.test(s);
      folded ??= RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
      return folded.test(s);
    },
  };
}

/**
 * LIKE: `%` is any run of characters, `_` exactly one, everything else literal; the whole value
 * must match. For folded kinds both sides are lower-cased first (as the indicator index does).
 */
export function compileLike(source: string): TextTest {
  const build = (p: string) => {
    let re = '';
    for (const ch of p) re += ch === '%' ? '.*' : ch === '_' ? '.' : RE2JS.quote(ch);
    return RE2JS.compile(re, RE2JS.DOTALL);
  };
  const exact = build(source);
  let folded: RE2JS | undefined;
  return {
    test(s, fold) {
      if (!fold) return exact.testExact(s);
      folded ??= build(source.toLowerCase());
      return folded.testExact(s.toLowerCase());
    },
  };
}
