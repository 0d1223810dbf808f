// What the MISP readers report instead of throwing: a code, a message, the file and the JSON path.

export type MispProblemCode =
  | 'io' // a file could not be read
  | 'missing' // a required file is absent
  | 'too-large' // a file exceeds its size limit
  | 'limit' // a count limit (events, attributes) was exceeded
  | 'json' // the file is not valid JSON
  | 'schema' // a field is missing or has the wrong type or value
  | 'unmapped' // a MISP construct has no STIX mapping (kept as a note or a custom property)
  | 'reference' // a reference (object reference, sharing group) does not resolve
  | 'inconsistent'; // two sources disagree (manifest vs event file, hashes.csv vs manifest)

export interface MispProblem {
  code: MispProblemCode;
  /** `error`: the item (event, attribute, entry) was dropped; `warning`: it was kept, possibly adjusted. */
  level: 'error' | 'warning';
  message: string;
  /** The file the problem is in (as the feed source names it), when it comes from a file. */
  file?: string;
  /** JSON path inside the file, e.g. `Event.Attribute[3].type`. */
  path?: string;
}

/** Collects problems for one file (each distinct problem once); paths are built by the callers. */
export class ProblemLog {
  readonly problems: MispProblem[] = [];
  readonly file: string | undefined;
  private readonly seen = new Set<string>();
  constructor(file?: string) {
    this.file = file;
  }
  error(code: MispProblemCode, path: string | undefined, message: string): void {
    this.add('error', code, path, message);
  }
  warn(code: MispProblemCode, path: string | undefined, message: string): void {
    this.add('warning', code, path, message);
  }
  private add(level: MispProblem['level'], code: MispProblemCode, path: string | undefined, message: string): void {
    const key = `${level}\u0000${code}\u0000${path ?? ''}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const p: MispProblem = { code, level, message };
    if (this.file !== undefined) p.file = this.file;
    if (path !== undefined && path !== '') p.path = path;
    this.problems.push(p);
  }
}

/** Appends a key to a JSON path: `a.b`, `a["odd key"]`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const part = /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
  if (base === '') return part.startsWith('"') ? `[${part}]` : part;
  return part.startsWith('"') ? `${base}[${part}]` : `${base}.${part}`;
}
