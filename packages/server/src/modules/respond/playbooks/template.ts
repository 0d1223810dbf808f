// `{{ expr }}` inside the strings of a step's `with`. A string that is exactly one template yields the
// value itself (a number, list or object stays one); text around templates renders values as text.
import { type CompileOptions, compileExpression, type Expression, ExpressionError, type PathRef, type Scope } from './expression.ts';
import { toText } from './expression-values.ts';

export type Template = { kind: 'literal'; value: string } | { kind: 'value'; expr: Expression } | { kind: 'text'; parts: (string | Expression)[] };

/** `with` after compilation: the same shape, strings replaced by templates. */
export type CompiledValue =
  | { kind: 'const'; value: unknown }
  | { kind: 'template'; template: Template }
  | { kind: 'list'; items: CompiledValue[] }
  | { kind: 'object'; entries: [string, CompiledValue][] };

export class RenderError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'RenderError';
    this.path = path;
  }
}

export const DEFAULT_MAX_RENDERED_LENGTH = 64 * 1024;

/** True when a value (or anything inside it) contains a template, i.e. is only known at run time. */
export function hasTemplate(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(hasTemplate);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasTemplate);
  return false;
}

/** End of the expression that starts at `from` (index of the closing `}}`), skipping quoted text. */
function closing(text: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '}' && text[i + 1] === '}') return i;
  }
  return -1;
}

/** Compiles the templates of one string; errors carry the column within that string. */
export function compileTemplate(text: string, options: CompileOptions = {}): Template {
  const parts: (string | Expression)[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    if (open > i) parts.push(text.slice(i, open));
    const close = closing(text, open + 2);
    if (close < 0) throw new ExpressionError("'{{' without a closing '}}'", open);
    const inner = text.slice(open + 2, close);
    try {
      parts.push(compileExpression(inner, options));
    } catch (err) {
      if (err instanceof ExpressionError) throw new ExpressionError(err.reason, open + 1 + err.column);
      throw err;
    }
    i = close + 2;
  }
  if (parts.length === 0) return { kind: 'literal', value: text };
  if (i < text.length) parts.push(text.slice(i));
  if (parts.length === 1 && typeof parts[0] !== 'string') return { kind: 'value', expr: parts[0] as Expression };
  return { kind: 'text', parts };
}

export interface ParamProblem {
  /** Path inside `with`, e.g. `headers.x-key` or `targets[1]`. */
  path: string;
  message: string;
}

export const joinPath = (base: string, key: string | number): string =>
  typeof key === 'number' ? `${base}[${key}]` : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? (base ? `${base}.${key}` : key) : `${base}[${JSON.stringify(key)}]`;

/** Compiles every template in a `with` value; problems are collected, not thrown. */
export function compileParams(value: unknown, options: CompileOptions = {}, path = ''): { compiled: CompiledValue; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  const walk = (v: unknown, p: string): CompiledValue => {
    if (typeof v === 'string') {
      if (!v.includes('{{')) return { kind: 'const', value: v };
      try {
        return { kind: 'template', template: compileTemplate(v, options) };
      } catch (err) {
        if (!(err instanceof ExpressionError)) throw err;
        problems.push({ path: p, message: `template: ${err.message}` });
        return { kind: 'const', value: v };
      }
    }
    if (Array.isArray(v)) return { kind: 'list', items: v.map((x, i) => walk(x, joinPath(p, i))) };
    if (typeof v === 'object' && v !== null) return { kind: 'object', entries: Object.entries(v).map(([k, x]) => [k, walk(x, joinPath(p, k))]) };
    return { kind: 'const', value: v };
  };
  return { compiled: walk(value, path), problems };
}

/** Every path the templates of a compiled value read. */
export function paramPaths(c: CompiledValue): PathRef[] {
  switch (c.kind) {
    case 'const':
      return [];
    case 'list':
      return c.items.flatMap(paramPaths);
    case 'object':
      return c.entries.flatMap(([, v]) => paramPaths(v));
    case 'template': {
      const t = c.template;
      if (t.kind === 'literal') return [];
      if (t.kind === 'value') return [...t.expr.paths];
      return t.parts.flatMap((p) => (typeof p === 'string' ? [] : [...p.paths]));
    }
  }
}

/** Renders a compiled value; throws RenderError when a rendered text exceeds `maxLength`. */
export function render(c: CompiledValue, scope: Scope, maxLength = DEFAULT_MAX_RENDERED_LENGTH, path = ''): unknown {
  switch (c.kind) {
    case 'const':
      return c.value;
    case 'list':
      return c.items.map((x, i) => render(x, scope, maxLength, joinPath(path, i)));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of c.entries) Object.defineProperty(out, k, { value: render(v, scope, maxLength, joinPath(path, k)), enumerable: true, writable: true, configurable: true });
      return out;
    }
    case 'template': {
      const t = c.template;
      if (t.kind === 'literal') return t.value;
      if (t.kind === 'value') return t.expr.evaluate(scope);
      let text = '';
      for (const p of t.parts) {
        text += typeof p === 'string' ? p : toText(p.evaluate(scope));
        if (text.length > maxLength) throw new RenderError(path, `rendered text longer than ${maxLength} characters`);
      }
      return text;
    }
  }
}
