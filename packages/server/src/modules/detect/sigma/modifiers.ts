// Value modifiers (rules spec "Value Modifiers", modifiers appendix): parsing `field|mod1|mod2` and
// checking that a chain makes sense. An invalid chain is a rule error, never a silent guess.
import { RuleProblem } from './errors.ts';
import { DATE_PARTS, type DatePart } from './dates.ts';

export const MODIFIERS = [
  'contains', 'startswith', 'endswith', 'all', 'exists', 'cased', 'neq', 'windash',
  're', 'i', 'm', 's', 'base64', 'base64offset', 'utf16le', 'wide', 'utf16be', 'utf16',
  'cidr', 'lt', 'lte', 'gt', 'gte', 'expand', 'fieldref', ...DATE_PARTS,
] as const;
export type Modifier = (typeof MODIFIERS)[number];

const ALIASES: Record<string, Modifier> = { ignorecase: 'i', multiline: 'm', dotall: 's' };

export type Position = 'contains' | 'startswith' | 'endswith';
export type Compare = 'lt' | 'lte' | 'gt' | 'gte';
export type Encoding = 'base64' | 'base64offset' | 'utf16le' | 'utf16be' | 'utf16';

/** A validated modifier chain, in the form the value compiler needs. */
export interface ModifierChain {
  list: Modifier[];
  position?: Position;
  all: boolean;
  cased: boolean;
  neq: boolean;
  exists: boolean;
  windash: boolean;
  re?: { i: boolean; m: boolean; s: boolean };
  /** utf16* then base64/base64offset, in rule order. */
  encodings: Encoding[];
  cidr: boolean;
  compare?: Compare;
  datePart?: DatePart;
  expand: boolean;
  fieldref: boolean;
}

/** Splits a detection key into its field name and modifier chain. `|all` alone (keywords) gives field ''. */
export function splitKey(key: string): { field: string; mods: string[] } {
  const [field = '', ...mods] = key.split('|');
  return { field, mods };
}

export function parseModifiers(names: readonly string[]): ModifierChain {
  const list: Modifier[] = [];
  for (const raw of names) {
    const name = ALIASES[raw] ?? raw;
    if (!(MODIFIERS as readonly string[]).includes(name)) throw new RuleProblem('modifier', `unknown modifier "${raw}"`);
    if (list.includes(name as Modifier)) throw new RuleProblem('modifier', `modifier "${raw}" appears twice`);
    list.push(name as Modifier);
  }
  const has = (m: Modifier) => list.includes(m);
  const chain: ModifierChain = {
    list,
    all: has('all'),
    cased: has('cased'),
    neq: has('neq'),
    exists: has('exists'),
    windash: has('windash'),
    encodings: [],
    cidr: has('cidr'),
    expand: has('expand'),
    fieldref: has('fieldref'),
  };
  const positions = list.filter((m): m is Position => m === 'contains' || m === 'startswith' || m === 'endswith');
  if (positions.length > 1) throw new RuleProblem('modifier', `modifiers ${positions.join(' and ')} cannot be combined`);
  chain.position = positions[0];
  const compares = list.filter((m): m is Compare => m === 'lt' || m === 'lte' || m === 'gt' || m === 'gte');
  if (compares.length > 1) throw new RuleProblem('modifier', `modifiers ${compares.join(' and ')} cannot be combined`);
  chain.compare = compares[0];
  const dates = list.filter((m): m is DatePart => (DATE_PARTS as readonly string[]).includes(m));
  if (dates.length > 1) throw new RuleProblem('modifier', `date-part modifiers ${dates.join(' and ')} cannot be combined`);
  chain.datePart = dates[0];
  for (const m of list) {
    if (m === 'utf16le' || m === 'wide') chain.encodings.push('utf16le');
    else if (m === 'utf16be' || m === 'utf16' || m === 'base64' || m === 'base64offset') chain.encodings.push(m);
  }

  const subRe = list.filter((m) => m === 'i' || m === 'm' || m === 's');
  if (has('re')) chain.re = { i: has('i'), m: has('m'), s: has('s') };
  else if (subRe.length) throw new RuleProblem('modifier', `modifier "${subRe[0]}" is a sub-modifier of "re" and needs it`);

  const others = (allowed: readonly Modifier[]) => list.filter((m) => !allowed.includes(m));
  const reject = (kind: string, allowed: readonly Modifier[]) => {
    const bad = others(allowed);
    if (bad.length) throw new RuleProblem('modifier', `modifier "${bad[0]}" cannot be combined with ${kind}`);
  };
  if (chain.exists) reject('"exists"', ['exists']);
  if (chain.re) reject('"re"', ['re', 'i', 'm', 's', 'all', 'neq', 'cased']);
  if (chain.cidr) reject('"cidr"', ['cidr', 'all', 'neq']);
  if (chain.fieldref) reject('"fieldref"', ['fieldref', 'contains', 'startswith', 'endswith', 'all', 'neq', 'cased']);
  if (chain.datePart) reject(`"${chain.datePart}"`, [chain.datePart, 'lt', 'lte', 'gt', 'gte', 'neq', 'all']);
  else if (chain.compare) reject(`"${chain.compare}"`, [chain.compare, 'neq', 'all']);

  // Encodings: UTF-16 forms first, at most one of them and at most one base64 form, which comes last.
  const utf = chain.encodings.filter((e) => e.startsWith('utf16'));
  const b64 = chain.encodings.filter((e) => e.startsWith('base64'));
  if (utf.length > 1) throw new RuleProblem('modifier', `modifiers ${utf.join(' and ')} cannot be combined`);
  if (b64.length > 1) throw new RuleProblem('modifier', 'modifiers base64 and base64offset cannot be combined');
  if (utf.length && b64.length && chain.encodings.indexOf(utf[0] as Encoding) > chain.encodings.indexOf(b64[0] as Encoding)) {
    throw new RuleProblem('modifier', `"${utf[0]}" must come before "${b64[0]}" (it encodes the text that base64 then encodes)`);
  }
  if (chain.position && chain.encodings.length) {
    const posAt = list.indexOf(chain.position);
    const lastEnc = Math.max(...chain.encodings.map((e) => list.indexOf(e === 'utf16le' && !has('utf16le') ? 'wide' : e)));
    if (posAt < lastEnc) throw new RuleProblem('modifier', `"${chain.position}" must follow the encoding modifiers`);
  }
  if (chain.windash && chain.encodings.length && list.indexOf('windash') > list.indexOf(list.find((m) => chain.encodings.includes(m as Encoding) || m === 'wide') as Modifier)) {
    throw new RuleProblem('modifier', '"windash" must come before the encoding modifiers');
  }
  return chain;
}
