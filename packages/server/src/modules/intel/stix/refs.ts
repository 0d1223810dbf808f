// referencesOf: every identifier an object points at, through `*_ref` / `*_refs` properties at any
// depth (common, type-specific, custom, inside extensions and granular markings). The deprecated
// observable container of observed-data (`objects`) holds local references and is skipped.
import { isStixId } from './id.ts';
import { isPlainObject } from './types.ts';

export interface ReferenceEntry {
  /** JSONPath-like location of the reference, e.g. `$.granular_markings[0].marking_ref`. */
  path: string;
  /** The property holding it (`created_by_ref`, `object_refs`, `marking_ref`, ...). */
  property: string;
  ref: string;
}

const MAX_DEPTH = 64;

/** All references with where they sit (duplicates included, in document order). */
export function referenceEntries(obj: unknown): ReferenceEntry[] {
  const out: ReferenceEntry[] = [];
  walk(obj, '$', 0, true, out);
  return out;
}

/** The distinct identifiers an object references, in document order. Values that are not identifiers are skipped. */
export function referencesOf(obj: unknown): string[] {
  return [...new Set(referenceEntries(obj).map((e) => e.ref))];
}

function walk(value: unknown, path: string, depth: number, top: boolean, out: ReferenceEntry[]): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1, false, out));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (top && key === 'objects' && value.type === 'observed-data') continue;
    const at = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
    if (key.endsWith('_ref') && isStixId(item)) {
      out.push({ path: at, property: key, ref: item });
    } else if (key.endsWith('_refs') && Array.isArray(item)) {
      item.forEach((ref, i) => {
        if (isStixId(ref)) out.push({ path: `${at}[${i}]`, property: key, ref });
      });
    } else {
      walk(item, at, depth + 1, false, out);
    }
  }
}
