// A recursive-descent parser for STIX 2.1 patterning (STIX 2.1 part 9), written from the grammar:
//
//   pattern        := obsFollowedBy EOF
//   obsFollowedBy  := obsOr ('FOLLOWEDBY' obsOr)*           (loosest)
//   obsOr          := obsAnd ('OR' obsAnd)*
//   obsAnd         := obsQualified ('AND' obsQualified)*
//   obsQualified   := obsPrimary qualifier*
//   obsPrimary     := '[' cmpOr ']' | '(' obsFollowedBy ')'
//   qualifier      := 'WITHIN' (int|float) 'SECONDS' | 'REPEATS' int 'TIMES' | 'START' t'…' 'STOP' t'…'
//   cmpOr          := cmpAnd ('OR' cmpAnd)*
//   cmpAnd         := propTest ('AND' propTest)*
//   propTest       := '(' cmpOr ')' | 'NOT'? 'EXISTS' path
//                   | path 'NOT'? ('='|'!='|'<'|'<='|'>'|'>=') literal | path 'NOT'? 'IN' '(' literals? ')'
//                   | path 'NOT'? ('LIKE'|'MATCHES'|'ISSUBSET'|'ISSUPERSET') string
//   path           := type ':' (identifier | string) ('.' (identifier | string) | '[' (int | '*') ']')*
//
// Keywords are upper case. `==` and `<>` (STIX 2.0 spellings) are read as `=` and `!=`.
import type { CompareOp, ComparisonExpr, Literal, ObjectPath, ObservationExpr, Pattern, PathStep, Qualifier } from './ast.ts';
import { limitError, syntaxError } from './errors.ts';
import { lex, type Token } from './lexer.ts';
import { limitsOf, type ParseOptions, type PatternLimits } from './limits.ts';

const TEST_KEYWORDS: ReadonlySet<string> = new Set(['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);
const KEYWORDS: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUPERSET', 'ISSUBSET',
  'EXISTS', 'IN', 'START', 'STOP', 'SECONDS', 'WITHIN', 'REPEATS', 'TIMES']);
const MAX_QUALIFIERS = 8;
const OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'];

/** Parses a STIX 2.1 pattern; throws PatternError (PATTERN_SYNTAX or PATTERN_LIMIT) with the offset. */
export function parsePattern(text: string, options?: ParseOptions): Pattern {
  const limits = limitsOf(options);
  if (text.length > limits.maxLength) throw limitError(`pattern is ${text.length} characters long; the limit is ${limits.maxLength}`, limits.maxLength);
  const parser = new Parser(lex(text, options?.lenient === true), limits, options?.lenient === true);
  const root = parser.pattern();
  return { source: text, root, comparisons: parser.comparisons };
}

class Parser {
  private pos = 0;
  private depth = 0;
  comparisons = 0;
  private readonly tokens: Token[];
  private readonly limits: PatternLimits;
  private readonly lenient: boolean;

  constructor(tokens: Token[], limits: PatternLimits, lenient: boolean) {
    this.tokens = tokens;
    this.limits = limits;
    this.lenient = lenient;
  }

  pattern(): ObservationExpr {
    const first = this.peek();
    if (first.t === 'eof') throw syntaxError('empty pattern: expected an observation expression such as [ipv4-addr:value = \'198.51.100.1\']', 0, ['['], 'end of pattern');
    const root = this.obsFollowedBy();
    const end = this.peek();
    if (end.t !== 'eof') this.fail(['AND', 'OR', 'FOLLOWEDBY', 'WITHIN', 'REPEATS', 'START', 'end of pattern'], end);
    return root;
  }

  // ---- observation expressions ----

  private obsFollowedBy(): ObservationExpr {
    return this.chain('FOLLOWEDBY', 'followedby', () => this.obsOr());
  }

  private obsOr(): ObservationExpr {
    return this.chain('OR', 'or', () => this.obsAnd());
  }

  private obsAnd(): ObservationExpr {
    return this.chain('AND', 'and', () => this.obsQualified());
  }

  private chain(keyword: string, kind: 'and' | 'or' | 'followedby', next: () => ObservationExpr): ObservationExpr {
    const first = next();
    if (!this.isKeyword(keyword)) return first;
    const operands = [first];
    while (this.isKeyword(keyword)) {
      this.pos++;
      operands.push(next());
    }
    return { kind, operands, start: first.start, end: (operands[operands.length - 1] as ObservationExpr).end };
  }

  private obsQualified(): ObservationExpr {
    let expr = this.obsPrimary();
    for (let n = 0; ; n++) {
      const q = this.qualifier();
      if (!q) return expr;
      // Each qualifier nests the expression once more: they count towards the depth limit.
      if (n >= MAX_QUALIFIERS) throw limitError(`more than ${MAX_QUALIFIERS} qualifiers on one observation expression`, q.start);
      expr = { kind: 'qualified', expr, qualifier: q, start: expr.start, end: q.end };
    }
  }

  private obsPrimary(): ObservationExpr {
    const tok = this.peek();
    if (this.isPunct('[')) {
      this.enter(tok);
      this.pos++;
      const comparison = this.cmpOr();
      const close = this.expectPunct(']', ['AND', 'OR', ']']);
      this.depth--;
      return { kind: 'observation', comparison, start: tok.start, end: close.end };
    }
    if (this.isPunct('(')) {
      this.enter(tok);
      this.pos++;
      const inner = this.obsFollowedBy();
      this.expectPunct(')', ['AND', 'OR', 'FOLLOWEDBY', 'WITHIN', 'REPEATS', 'START', ')']);
      this.depth--;
      return inner;
    }
    const after = this.peek(1);
    const bare = tok.t === 'word' && after.t === 'punct' && after.text === ':';
    return this.fail(['[', '('], tok, bare ? "a comparison must be inside square brackets, e.g. [file:name = 'x']" : undefined);
  }

  private qualifier(): Qualifier | undefined {
    const tok = this.peek();
    if (this.isKeyword('WITHIN')) {
      this.pos++;
      const n = this.next();
      if (n.t !== 'literal' || (n.literal.type !== 'int' && n.literal.type !== 'float')) return this.fail(['a number of seconds'], n);
      if (!(n.literal.value > 0)) throw syntaxError('WITHIN needs a positive number of seconds', n.start);
      const unit = this.expectKeyword('SECONDS');
      return { kind: 'within', seconds: n.literal.value, start: tok.start, end: unit.end };
    }
    if (this.isKeyword('REPEATS')) {
      this.pos++;
      const n = this.next();
      if (n.t !== 'literal' || n.literal.type !== 'int') return this.fail(['a positive integer'], n);
      if (n.literal.value < 1) throw syntaxError('REPEATS needs a positive integer', n.start);
      const unit = this.expectKeyword('TIMES');
      return { kind: 'repeats', times: n.literal.value, start: tok.start, end: unit.end };
    }
    if (this.isKeyword('START')) {
      this.pos++;
      const from = this.next();
      if (from.t !== 'literal' || from.literal.type !== 'timestamp') return this.fail(["a timestamp t'…'"], from);
      this.expectKeyword('STOP');
      const to = this.next();
      if (to.t !== 'literal' || to.literal.type !== 'timestamp') return this.fail(["a timestamp t'…'"], to);
      if (to.literal.ms <= from.literal.ms) throw syntaxError('STOP must be later than START', to.start);
      return { kind: 'startstop', from: from.literal, to: to.literal, start: tok.start, end: to.end };
    }
    return undefined;
  }

  // ---- comparison expressions ----

  private cmpOr(): ComparisonExpr {
    return this.cmpChain('OR', 'or', () => this.cmpAnd());
  }

  private cmpAnd(): ComparisonExpr {
    return this.cmpChain('AND', 'and', () => this.propTest());
  }

  private cmpChain(keyword: string, kind: 'and' | 'or', next: () => ComparisonExpr): ComparisonExpr {
    const first = next();
    if (!this.isKeyword(keyword)) return first;
    const operands = [first];
    while (this.isKeyword(keyword)) {
      this.pos++;
      operands.push(next());
    }
    return { kind, operands, start: first.start, end: (operands[operands.length - 1] as ComparisonExpr).end };
  }

  private propTest(): ComparisonExpr {
    const tok = this.peek();
    if (this.isPunct('(')) {
      this.enter(tok);
      this.pos++;
      const inner = this.cmpOr();
      this.expectPunct(')', ['AND', 'OR', ')']);
      this.depth--;
      return inner;
    }
    let negated = false;
    if (this.isKeyword('NOT') && this.peek(1).t === 'word' && (this.peek(1) as { text: string }).text === 'EXISTS') {
      negated = true;
      this.pos++;
    }
    if (this.isKeyword('EXISTS')) {
      this.pos++;
      this.count(tok);
      const path = this.path();
      return { kind: 'exists', path, negated, start: tok.start, end: path.end };
    }
    if (tok.t !== 'word') return this.fail(['an object path such as file:name', '(', 'EXISTS'], tok);
    const path = this.path();
    this.count(tok);
    if (this.isKeyword('NOT')) {
      negated = true;
      this.pos++;
    }
    const opTok = this.next();
    let op: CompareOp;
    if (opTok.t === 'op') op = opTok.text;
    else if (opTok.t === 'word' && TEST_KEYWORDS.has(opTok.text)) op = opTok.text as CompareOp;
    else return this.fail(negated ? OPERATORS : [...OPERATORS, 'NOT'], opTok);
    if (op === 'IN') {
      const [set, end] = this.set();
      return { kind: 'compare', path, op, negated, value: set, start: tok.start, end };
    }
    const lit = this.literal();
    const v = lit.literal;
    if ((op === 'LIKE' || op === 'MATCHES' || op === 'ISSUBSET' || op === 'ISSUPERSET') && v.type !== 'string') {
      throw syntaxError(`${op} needs a string constant ('…'), found ${v.type === 'int' ? 'an' : 'a'} ${v.type} constant`, lit.start, ['string constant'], this.show(lit));
    }
    if ((op === '<' || op === '<=' || op === '>' || op === '>=') && v.type === 'bool') {
      throw syntaxError(`${op} needs an orderable constant; booleans are not ordered`, lit.start, ['orderable constant'], this.show(lit));
    }
    return { kind: 'compare', path, op, negated, value: v, start: tok.start, end: lit.end };
  }

  private set(): [Literal[], number] {
    this.expectPunct('(', ['(']);
    const out: Literal[] = [];
    if (this.isPunct(')')) return [out, this.next().end];
    for (;;) {
      const lit = this.literal();
      out.push(lit.literal);
      if (out.length > this.limits.maxSetSize) throw limitError(`IN set has more than ${this.limits.maxSetSize} constants`, lit.start);
      const sep = this.next();
      if (sep.t === 'punct' && sep.text === ')') return [out, sep.end];
      if (!(sep.t === 'punct' && sep.text === ',')) return this.fail([',', ')'], sep);
    }
  }

  /** A constant; the words true and false (any case) are the boolean constants. */
  private literal(): Extract<Token, { t: 'literal' }> {
    const tok = this.next();
    if (tok.t === 'literal') return tok;
    if (tok.t === 'word' && /^(true|false)$/i.test(tok.text)) {
      return { t: 'literal', literal: { type: 'bool', value: tok.text.toLowerCase() === 'true', start: tok.start, end: tok.end }, start: tok.start, end: tok.end };
    }
    return this.fail(['a constant'], tok);
  }

  private path(): ObjectPath {
    const typeTok = this.next();
    if (typeTok.t !== 'word') return this.fail(['an object type such as ipv4-addr'], typeTok);
    this.expectPunct(':', [':']);
    const steps: PathStep[] = [{ kind: 'key', key: this.key() }];
    let end = this.tokens[this.pos - 1]?.end ?? typeTok.end;
    for (;;) {
      if (this.isPunct('.')) {
        this.pos++;
        steps.push({ kind: 'key', key: this.key() });
      } else if (this.isPunct('[') && this.isPathIndex()) {
        this.pos++;
        const idx = this.next();
        if (idx.t === 'punct' && idx.text === '*') steps.push({ kind: 'any' });
        else if (idx.t === 'literal' && idx.literal.type === 'int') steps.push({ kind: 'index', index: idx.literal.value });
        else return this.fail(['*', 'an integer index'], idx);
        this.expectPunct(']', [']']);
      } else break;
      end = (this.tokens[this.pos - 1] as Token).end;
    }
    return { objectType: typeTok.text, steps, start: typeTok.start, end };
  }

  /** `[` after a path is an index step only when followed by `*` or an integer and `]`. */
  private isPathIndex(): boolean {
    const a = this.peek(1);
    const b = this.peek(2);
    return ((a.t === 'punct' && a.text === '*') || (a.t === 'literal' && a.literal.type === 'int')) && b.t === 'punct' && b.text === ']';
  }

  private key(): string {
    const tok = this.next();
    if (tok.t === 'literal' && tok.literal.type === 'string') return tok.literal.value;
    if (tok.t === 'word') {
      if (tok.text.includes('-') && !this.lenient) {
        throw syntaxError(`property name ${tok.text} contains '-': quote it as '${tok.text}'`, tok.start, ['identifier', 'quoted key'], tok.text);
      }
      return tok.text;
    }
    return this.fail(['a property name', 'a quoted key'], tok);
  }

  // ---- helpers ----

  private count(tok: Token): void {
    this.comparisons++;
    if (this.comparisons > this.limits.maxComparisons) throw limitError(`pattern has more than ${this.limits.maxComparisons} comparisons`, tok.start);
  }

  private enter(tok: Token): void {
    this.depth++;
    if (this.depth > this.limits.maxDepth) throw limitError(`brackets and parentheses nested deeper than ${this.limits.maxDepth}`, tok.start);
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const tok = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return tok;
  }

  private isKeyword(word: string): boolean {
    const tok = this.peek();
    return tok.t === 'word' && tok.text === word;
  }

  private isPunct(p: string): boolean {
    const tok = this.peek();
    return tok.t === 'punct' && tok.text === p;
  }

  private expectPunct(p: string, expected: string[]): Token {
    const tok = this.next();
    if (tok.t === 'punct' && tok.text === p) return tok;
    return this.fail(expected, tok);
  }

  private expectKeyword(word: string): Token {
    const tok = this.next();
    if (tok.t === 'word' && tok.text === word) return tok;
    return this.fail([word], tok);
  }

  private show(tok: Token): string {
    if (tok.t === 'eof') return 'end of pattern';
    if (tok.t === 'literal') return `${tok.literal.type} constant`;
    return tok.text;
  }

  private fail(expected: readonly string[], tok: Token, hint?: string): never {
    const found = this.show(tok);
    const list = expected.map((e) => (e.length <= 2 || KEYWORDS.has(e) ? `'${e}'` : e));
    const what = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
    let extra = hint ? `: ${hint}` : '';
    if (!hint && tok.t === 'word' && KEYWORDS.has(tok.text.toUpperCase()) && tok.text !== tok.text.toUpperCase()) {
      extra = `: keywords are upper case (${tok.text.toUpperCase()})`;
    }
    throw syntaxError(`expected ${what}, found ${tok.t === 'word' || tok.t === 'op' || tok.t === 'punct' ? `'${found}'` : found}${extra}`, tok.start, expected, found);
  }
}
