// The condition language of playbooks (`if:`, `on.*.when`, `{{ … }}`): compiled once into a tree, then
// evaluated many times. No eval, no Function; regular expressions run on re2js (linear time); a path
// that leads nowhere is null instead of an error, so conditions never throw at run time.
import { RE2JS } from 're2js';
import { ExpressionError } from './expression-error.ts';
import { type Token, tokenize } from './expression-lexer.ts';
import { equals, isTruthy, length, lookup, member, order } from './expression-values.ts';

export { ExpressionError } from './expression-error.ts';
export { isTruthy, SEVERITY_RANK } from './expression-values.ts';

export interface ExpressionLimits {
  /** Characters of expression text. */
  maxLength: number;
  /** Nesting of parentheses, lists, calls and `not`. */
  maxDepth: number;
}

export const EXPRESSION_LIMITS: ExpressionLimits = { maxLength: 2000, maxDepth: 32 };

export interface CompileOptions {
  /** Names a path may start with; anything else is a compile error (catches `alrt.severity`). */
  roots?: readonly string[];
  limits?: Partial<ExpressionLimits>;
}

/** A path the expression reads, e.g. `steps.lookup.output.known` → root "steps", segments ["lookup","output","known"]. */
export interface PathRef {
  root: string;
  segments: readonly (string | number)[];
  /** 1-based column of the path in the expression text. */
  column: number;
}

export type Scope = Readonly<Record<string, unknown>>;

export interface Expression {
  readonly source: string;
  /** Every path read, for static checks (references to later steps) and dry runs. */
  readonly paths: readonly PathRef[];
  evaluate(scope: Scope): unknown;
  /** The value's truthiness: null, false, 0, '', [] and {} are false. */
  test(scope: Scope): boolean;
}

export const DEFAULT_ROOTS: readonly string[] = ['alert', 'incident', 'steps', 'playbook', 'run'];

type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'contains' | 'startswith' | 'endswith' | 'matches';
type Fn = 'len' | 'lower' | 'exists';

type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'path'; root: string; segs: (string | number)[] }
  | { k: 'list'; items: Node[] }
  | { k: 'call'; fn: Fn; arg: Node }
  | { k: 'not'; x: Node }
  | { k: 'and' | 'or'; items: Node[] }
  | { k: 'cmp'; op: CmpOp; a: Node; b: Node; re?: RE2JS };

const KEYWORD_OPS = new Set(['in', 'contains', 'startswith', 'endswith', 'matches']);
const SYMBOL_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const FUNCTIONS = new Set<string>(['len', 'lower', 'exists']);
const RESERVED = new Set(['and', 'or', 'not', 'in', 'contains', 'startswith', 'endswith', 'matches', 'true', 'false', 'null']);

function compileRegex(pattern: string, pos: number): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (err) {
    throw new ExpressionError(`regular expression ${JSON.stringify(pattern)} is not supported by the linear-time engine (${(err as Error).message})`, pos);
  }
}

class Parser {
  private i = 0;
  private depth = 0;
  readonly paths: PathRef[] = [];
  private readonly toks: Token[];
  private readonly roots: ReadonlySet<string>;
  private readonly maxDepth: number;

  constructor(src: string, roots: readonly string[], maxDepth: number) {
    this.toks = tokenize(src);
    this.roots = new Set(roots);
    this.maxDepth = maxDepth;
  }

  private peek(): Token {
    return this.toks[this.i] as Token;
  }
  private next(): Token {
    return this.toks[this.i++] as Token;
  }
  private isOp(v: string, t = this.peek()): boolean {
    return t.t === 'op' && t.v === v;
  }
  private isWord(v: string, t = this.peek()): boolean {
    return t.t === 'id' && t.v === v;
  }
  private expectOp(v: string): Token {
    const t = this.next();
    if (!this.isOp(v, t)) throw new ExpressionError(`expected '${v}' but found ${describe(t)}`, t.pos);
    return t;
  }
  private nest<T>(pos: number, f: () => T): T {
    if (++this.depth > this.maxDepth) throw new ExpressionError(`expression nested deeper than ${this.maxDepth}`, pos);
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  parseAll(): Node {
    const node = this.parseOr();
    const t = this.peek();
    if (t.t !== 'end') throw new ExpressionError(`unexpected ${describe(t)}`, t.pos);
    return node;
  }

  private parseOr(): Node {
    const items = [this.parseAnd()];
    while (this.isWord('or') || this.isOp('||')) {
      this.next();
      items.push(this.parseAnd());
    }
    return items.length === 1 ? (items[0] as Node) : { k: 'or', items };
  }

  private parseAnd(): Node {
    const items = [this.parseNot()];
    while (this.isWord('and') || this.isOp('&&')) {
      this.next();
      items.push(this.parseNot());
    }
    return items.length === 1 ? (items[0] as Node) : { k: 'and', items };
  }

  private parseNot(): Node {
    const t = this.peek();
    if ((this.isWord('not') && !this.isWord('in', this.toks[this.i + 1])) || this.isOp('!')) {
      this.next();
      return this.nest(t.pos, () => ({ k: 'not', x: this.parseNot() }));
    }
    return this.parseComparison();
  }

  private comparisonOp(): { op: CmpOp; width: number } | undefined {
    const t = this.peek();
    if (t.t === 'op' && SYMBOL_OPS.has(t.v)) return { op: t.v as CmpOp, width: 1 };
    if (t.t === 'id' && KEYWORD_OPS.has(t.v)) return { op: t.v as CmpOp, width: 1 };
    if (this.isWord('not', t) && this.isWord('in', this.toks[this.i + 1])) return { op: 'not in', width: 2 };
    return undefined;
  }

  private parseComparison(): Node {
    const a = this.parsePrimary();
    const found = this.comparisonOp();
    if (!found) return a;
    const opTok = this.peek();
    this.i += found.width;
    const b = this.parsePrimary();
    if (this.comparisonOp()) throw new ExpressionError(`comparisons cannot be chained; join them with 'and'`, this.peek().pos);
    const node: Node = { k: 'cmp', op: found.op, a, b };
    if (found.op === 'matches' && b.k === 'lit') {
      if (typeof b.v !== 'string') throw new ExpressionError(`'matches' needs a regular expression string`, opTok.pos);
      node.re = compileRegex(b.v, opTok.pos);
    }
    return node;
  }

  private parsePrimary(): Node {
    const t = this.next();
    switch (t.t) {
      case 'str':
        return { k: 'lit', v: t.v };
      case 'num':
        return { k: 'lit', v: t.v };
      case 'end':
        throw new ExpressionError('unexpected end of expression', t.pos);
      case 'op':
        if (t.v === '(') {
          const inner = this.nest(t.pos, () => this.parseOr());
          this.expectOp(')');
          return inner;
        }
        if (t.v === '[') return this.nest(t.pos, () => this.parseList());
        if (t.v === '-' && this.peek().t === 'num') return { k: 'lit', v: -(this.next() as { v: number }).v };
        throw new ExpressionError(`unexpected ${describe(t)}`, t.pos);
      case 'id':
        return this.parseName(t);
    }
  }

  private parseList(): Node {
    const items: Node[] = [];
    if (this.isOp(']')) {
      this.next();
      return { k: 'list', items };
    }
    for (;;) {
      items.push(this.parseOr());
      const t = this.next();
      if (this.isOp(']', t)) return { k: 'list', items };
      if (!this.isOp(',', t)) throw new ExpressionError(`expected ',' or ']' in a list but found ${describe(t)}`, t.pos);
    }
  }

  private parseName(t: Token & { t: 'id' }): Node {
    if (t.v === 'true') return { k: 'lit', v: true };
    if (t.v === 'false') return { k: 'lit', v: false };
    if (t.v === 'null') return { k: 'lit', v: null };
    if (this.isOp('(')) {
      if (!FUNCTIONS.has(t.v)) throw new ExpressionError(`unknown function '${t.v}' (known: ${[...FUNCTIONS].join(', ')})`, t.pos);
      this.next();
      const arg = this.nest(t.pos, () => this.parseOr());
      if (this.isOp(',')) throw new ExpressionError(`${t.v}() takes one argument`, this.peek().pos);
      this.expectOp(')');
      if (t.v === 'exists' && arg.k !== 'path') throw new ExpressionError('exists() takes a path, e.g. exists(alert.fields.src_ip)', t.pos);
      return { k: 'call', fn: t.v as Fn, arg };
    }
    if (RESERVED.has(t.v)) throw new ExpressionError(`unexpected '${t.v}'`, t.pos);
    if (!this.roots.has(t.v)) throw new ExpressionError(`unknown name '${t.v}' (a path starts with one of: ${[...this.roots].join(', ')})`, t.pos);
    const segs: (string | number)[] = [];
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const k = this.next();
        if (k.t !== 'id') throw new ExpressionError(`expected a field name after '.' but found ${describe(k)}`, k.pos);
        segs.push(k.v);
      } else if (this.isOp('[')) {
        this.next();
        let k = this.next();
        let sign = 1;
        if (this.isOp('-', k)) {
          sign = -1;
          k = this.next();
        }
        if (k.t === 'num' && Number.isInteger(k.v)) segs.push(sign * k.v);
        else if (k.t === 'str' && sign === 1) segs.push(k.v);
        else throw new ExpressionError(`an index is a whole number or a quoted key, not ${describe(k)}`, k.pos);
        this.expectOp(']');
      } else break;
    }
    this.paths.push({ root: t.v, segments: segs, column: t.pos + 1 });
    return { k: 'path', root: t.v, segs };
  }
}

function describe(t: Token): string {
  switch (t.t) {
    case 'end':
      return 'end of expression';
    case 'str':
      return `string ${JSON.stringify(t.v)}`;
    case 'num':
      return `number ${t.v}`;
    case 'id':
      return `'${t.v}'`;
    case 'op':
      return `'${t.v}'`;
  }
}

// Patterns that come from data (the right side of `matches` is a path) are compiled on first use;
// a bounded cache keeps a flood of distinct patterns from growing memory.
const dynamicRegexes = new Map<string, RE2JS | null>();
function dynamicRegex(pattern: string): RE2JS | null {
  let re = dynamicRegexes.get(pattern);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern);
    } catch {
      re = null;
    }
    if (dynamicRegexes.size >= 256) dynamicRegexes.clear();
    dynamicRegexes.set(pattern, re);
  }
  return re;
}

function compare(node: Node & { k: 'cmp' }, a: unknown, b: unknown): boolean {
  switch (node.op) {
    case '==':
      return equals(a, b);
    case '!=':
      return !equals(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const s = order(a, b);
      if (s === undefined) return false;
      return node.op === '<' ? s < 0 : node.op === '<=' ? s <= 0 : node.op === '>' ? s > 0 : s >= 0;
    }
    case 'in':
      return member(a, b);
    case 'not in':
      return !member(a, b);
    case 'contains':
      return member(b, a);
    case 'startswith':
      return typeof a === 'string' && typeof b === 'string' && a.startsWith(b);
    case 'endswith':
      return typeof a === 'string' && typeof b === 'string' && a.endsWith(b);
    case 'matches': {
      if (typeof a !== 'string') return false;
      const re = node.re ?? (typeof b === 'string' ? dynamicRegex(b) : null);
      return re !== null && re.matcher(a).find();
    }
  }
}

function evaluate(node: Node, scope: Scope): unknown {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'path': {
      let v: unknown = Object.hasOwn(scope, node.root) ? (scope[node.root] ?? null) : null;
      for (const s of node.segs) {
        if (v === null) return null;
        v = lookup(v, s);
      }
      return v;
    }
    case 'list':
      return node.items.map((n) => evaluate(n, scope));
    case 'call': {
      const v = evaluate(node.arg, scope);
      if (node.fn === 'len') return length(v);
      if (node.fn === 'lower') return typeof v === 'string' ? v.toLowerCase() : null;
      return v !== null && v !== undefined;
    }
    case 'not':
      return !isTruthy(evaluate(node.x, scope));
    case 'and':
      return node.items.every((n) => isTruthy(evaluate(n, scope)));
    case 'or':
      return node.items.some((n) => isTruthy(evaluate(n, scope)));
    case 'cmp':
      return compare(node, evaluate(node.a, scope), evaluate(node.b, scope));
  }
}

/** Compiles an expression; throws ExpressionError (with `column`) when it is malformed or over a limit. */
export function compileExpression(source: string, options: CompileOptions = {}): Expression {
  const limits = { ...EXPRESSION_LIMITS, ...options.limits };
  if (source.length > limits.maxLength) throw new ExpressionError(`expression longer than ${limits.maxLength} characters`, limits.maxLength);
  if (source.trim() === '') throw new ExpressionError('empty expression', 0);
  const parser = new Parser(source, options.roots ?? DEFAULT_ROOTS, limits.maxDepth);
  const root = parser.parseAll();
  const paths = parser.paths;
  return {
    source,
    paths,
    evaluate: (scope) => evaluate(root, scope),
    test: (scope) => isTruthy(evaluate(root, scope)),
  };
}
