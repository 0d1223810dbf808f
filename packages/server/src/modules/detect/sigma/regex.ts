// The `re` modifier, evaluated by re2js (a port of RE2): matching time is linear in the input, so an
// untrusted rule cannot stall the pipeline. RE2 accepts inline flags such as a leading `(?i)` natively.
import { RE2JS } from 're2js';
import { RuleProblem } from './errors.ts';

export interface RegexFlags {
  i?: boolean;
  m?: boolean;
  s?: boolean;
}

/** Compiles a Sigma regular expression (case-sensitive unless `i`); unanchored search like PCRE's. */
export function compileRegex(pattern: string, flags: RegexFlags): (s: string) => boolean {
  let bits = 0;
  if (flags.i) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.m) bits |= RE2JS.MULTILINE;
  if (flags.s) bits |= RE2JS.DOTALL;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, bits);
  } catch (err) {
    throw new RuleProblem('regex', `regular expression ${JSON.stringify(pattern)} is not supported by the linear-time engine: ${(err as Error).message}`);
  }
  return (s: string) => re.matcher(s).find();
}
