// Canonical text of a parsed pattern: one space between tokens, upper-case keywords, keys quoted
// only when needed, parentheses only where precedence requires them. parse(format(p)) ≡ p.
import type { ComparisonExpr, Literal, ObjectPath, ObservationExpr, Pattern, Qualifier } from './ast.ts';

export function formatPattern(p: Pattern | ObservationExpr): string {
  return formatObservation('root' in p ? p.root : p, 0);
}

const OBS_LEVEL = { followedby: 1, or: 2, and: 3 } as const;

function formatObservation(e: ObservationExpr, parent: number): string {
  switch (e.kind) {
    case 'observation':
      return `[${formatComparison(e.comparison, 0)}]`;
    case 'qualified': {
      const inner = formatObservation(e.expr, 4);
      return `${inner} ${formatQualifier(e.qualifier)}`;
    }
    case 'and':
    case 'or':
    case 'followedby': {
      const level = OBS_LEVEL[e.kind];
      const text = e.operands.map((o) => formatObservation(o, level)).join(` ${e.kind.toUpperCase()} `);
      // Qualifiers bind to a primary: a compound operand of a qualifier needs parentheses too.
      return level <= parent ? `(${text})` : text;
    }
  }
}

function formatQualifier(q: Qualifier): string {
  switch (q.kind) {
    case 'within':
      return `WITHIN ${formatNumber(q.seconds, true)} SECONDS`;
    case 'repeats':
      return `REPEATS ${q.times} TIMES`;
    case 'startstop':
      return `START t'${q.from.text}' STOP t'${q.to.text}'`;
  }
}

const CMP_LEVEL = { or: 1, and: 2 } as const;

export function formatComparison(e: ComparisonExpr, parent = 0): string {
  switch (e.kind) {
    case 'compare': {
      const value = Array.isArray(e.value) ? `(${(e.value as readonly Literal[]).map(formatLiteral).join(', ')})` : formatLiteral(e.value as Literal);
      return `${formatPath(e.path)} ${e.negated ? 'NOT ' : ''}${e.op} ${value}`;
    }
    case 'exists':
      return `${e.negated ? 'NOT ' : ''}EXISTS ${formatPath(e.path)}`;
    case 'and':
    case 'or': {
      const level = CMP_LEVEL[e.kind];
      const text = e.operands.map((o) => formatComparison(o, level)).join(` ${e.kind.toUpperCase()} `);
      return level <= parent ? `(${text})` : text;
    }
  }
}

export function formatPath(p: ObjectPath): string {
  let out = `${p.objectType}:`;
  p.steps.forEach((s, i) => {
    if (s.kind === 'key') out += `${i === 0 ? '' : '.'}${/^[A-Za-z_][A-Za-z0-9_]*$/.test(s.key) ? s.key : quote(s.key)}`;
    else if (s.kind === 'index') out += `[${s.index}]`;
    else out += '[*]';
  });
  return out;
}

export function formatLiteral(l: Literal): string {
  switch (l.type) {
    case 'string':
      return quote(l.value);
    case 'int':
      return String(l.value);
    case 'float':
      return formatNumber(l.value, false);
    case 'bool':
      return l.value ? 'true' : 'false';
    case 'binary':
      return `b'${l.text}'`;
    case 'hex':
      return `h'${l.text}'`;
    case 'timestamp':
      return `t'${l.text}'`;
  }
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A float keeps a decimal point so that it reads back as a float. */
function formatNumber(n: number, intOk: boolean): string {
  if (Number.isInteger(n)) return intOk ? String(n) : `${n}.0`;
  const s = String(n);
  return s.includes('e') ? n.toFixed(20).replace(/0+$/, '') : s;
}
