// Printing: one JSON document or NDJSON for machines, aligned tables and inert text for people.
import type { Writable } from 'node:stream';

export interface Out {
  readonly json: boolean;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export function stdio(json: boolean): Out {
  return { json, stdout: process.stdout, stderr: process.stderr };
}

export function printJson(out: Out, value: unknown): void {
  out.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printNdjson(out: Out, value: unknown): void {
  out.stdout.write(`${JSON.stringify(value)}\n`);
}

export function println(out: Out, line = ''): void {
  out.stdout.write(`${line}\n`);
}

/** Messages for people (progress, hints): always stderr, so stdout stays clean for pipes. */
export function note(out: Out, line: string): void {
  out.stderr.write(`${line}\n`);
}

// C0 and C1 controls (escape sequences could rewrite the terminal), DEL, and bidi overrides.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Makes text from the server or a file inert on a terminal: control characters become visible escapes. */
export function sanitize(value: unknown): string {
  const s = typeof value === 'string' ? value : value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => unknown;
  /** Longest cell before it is cut with an ellipsis. */
  readonly max?: number;
}

/** Left-aligned columns separated by two spaces; newlines and tabs inside cells are flattened. */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) =>
    columns.map((c) => {
      const text = sanitize(c.value(r)).replace(/[\t\n]+/g, ' ');
      const max = c.max ?? 80;
      return text.length > max ? `${text.slice(0, max - 1)}…` : text;
    }),
  );
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
  const line = (vals: readonly string[]) => vals.map((v, i) => (i === vals.length - 1 ? v : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns.map((c) => c.header.toUpperCase())), ...cells.map(line)].join('\n');
}

export function printTable<T>(out: Out, rows: readonly T[], columns: readonly Column<T>[], empty = '(none)'): void {
  if (rows.length === 0) note(out, empty);
  else println(out, table(rows, columns));
}
