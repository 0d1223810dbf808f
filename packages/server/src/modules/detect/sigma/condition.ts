// The condition grammar (rules spec, "Condition"). Precedence, least to most binding:
// or < and < not < `x of` < parentheses. A list of conditions is their `or`.
import { RuleProblem } from './errors.ts';

export type Quantifier = 'all' | number; // `any of` / `1 of` → 1
export type ConditionNode =
  | { k: 'id'; name: string }
  | { k: 'and'; items: ConditionNode[] }
  | { k: 'or'; items: ConditionNode[] }
  | { k: 'not'; item: ConditionNode }
  | { k: 'of'; quantifier: Quantifier; pattern: string }; // pattern 'them' = every identifier not starting with `_`

interface Token {
  t: 'lp' | 'rp' | 'word' | 'pipe';
  v: string;
  pos: number;
}

const MAX_CONDITION = 4096;
const MAX_DEPTH = 64;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\()|(\))|(\|)|([^\s()|]+))/y;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    const pos = m.index + (m[0].length - (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').length);
    if (m[1]) out.push({ t: 'lp', v: '(', pos });
    else if (m[2]) out.push({ t: 'rp', v: ')', pos });
    else if (m[3]) out.push({ t: 'pipe', v: '|', pos });
    else if (m[4]) out.push({ t: 'word', v: m[4], pos });
    else break;
  }
  return out;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them', 'all', 'any']);

/** Parses one condition string; errors name the position (0-based column). */
export function parseCondition(text: string): ConditionNode {
  if (text.length > MAX_CONDITION) throw new RuleProblem('limit', `condition longer than ${MAX_CONDITION} characters`);
  const toks = tokenize(text);
  let i = 0;
  let depth = 0;
  const peek = () => toks[i];
  const isWord = (w: string) => peek()?.t === 'word' && peek()?.v.toLowerCase() === w;
  const fail = (msg: string, tok = peek()): never => {
    throw new RuleProblem('condition', `${msg} at position ${tok ? tok.pos : text.length} in condition "${text}"`);
  };
  const flat = (k: 'and' | 'or', items: ConditionNode[]): ConditionNode => {
    if (items.length === 1) return items[0] as ConditionNode;
    return { k, items: items.flatMap((n) => (n.k === k ? n.items : [n])) };
  };
  const parseOr = (): ConditionNode => {
    const items = [parseAnd()];
    while (isWord('or')) {
      i++;
      items.push(parseAnd());
    }
    return flat('or', items);
  };
  const parseAnd = (): ConditionNode => {
    const items = [parseNot()];
    while (isWord('and')) {
      i++;
      items.push(parseNot());
    }
    return flat('and', items);
  };
  const parseNot = (): ConditionNode => {
    if (isWord('not')) {
      i++;
      if (++depth > MAX_DEPTH) fail('condition nested too deeply');
      const item = parseNot();
      depth--;
      return { k: 'not', item };
    }
    return parseAtom();
  };
  const parseAtom = (): ConditionNode => {
    const tok = peek();
    if (!tok) return fail('unexpected end of condition');
    if (tok.t === 'pipe') return fail('aggregation expressions (`| count() ...`) are not part of Sigma v2; use a correlation rule');
    if (tok.t === 'lp') {
      i++;
      if (++depth > MAX_DEPTH) fail('condition nested too deeply');
      const inner = parseOr();
      depth--;
      if (peek()?.t !== 'rp') fail('expected ")"');
      i++;
      return inner;
    }
    if (tok.t === 'rp') return fail('unexpected ")"');
    const word = tok.v.toLowerCase();
    const next = toks[i + 1];
    if ((word === 'all' || word === 'any' || /^\d+$/.test(word)) && next?.t === 'word' && next.v.toLowerCase() === 'of') {
      const quantifier: Quantifier = word === 'all' ? 'all' : word === 'any' ? 1 : Number(word);
      if (quantifier === 0) fail('"0 of" never matches');
      i += 2;
      const target = peek();
      if (!target || target.t !== 'word') return fail('expected an identifier pattern or "them" after "of"');
      i++;
      const low = target.v.toLowerCase();
      if (low === 'them') return { k: 'of', quantifier, pattern: 'them' };
      if (KEYWORDS.has(low)) return fail(`"${target.v}" is not an identifier pattern`, target);
      return { k: 'of', quantifier, pattern: target.v };
    }
    if (KEYWORDS.has(word)) return fail(`unexpected "${tok.v}"`);
    i++;
    return { k: 'id', name: tok.v };
  };
  if (toks.length === 0) fail('empty condition');
  const ast = parseOr();
  if (peek()?.t === 'pipe') fail('aggregation expressions (`| count() ...`) are not part of Sigma v2; use a correlation rule');
  if (i < toks.length) fail(`unexpected "${peek()?.v}"`);
  return ast;
}

/** Parses a condition or list of conditions (a list is their `or`). */
export function parseConditions(conditions: readonly string[]): ConditionNode {
  const nodes = conditions.map(parseCondition);
  return nodes.length === 1 ? (nodes[0] as ConditionNode) : { k: 'or', items: nodes };
}

/** Identifier names a pattern (with `*` wildcards) selects; `them` excludes `_`-prefixed names. */
export function selectIdentifiers(pattern: string, names: readonly string[]): string[] {
  if (pattern === 'them') return names.filter((n) => !n.startsWith('_'));
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return names.filter((n) => re.test(n));
}
