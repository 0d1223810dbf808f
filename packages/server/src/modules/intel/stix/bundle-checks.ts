// Checks across the objects of one bundle: the same id and version with different content (a version
// conflict: the specification leaves it undefined, so we report it instead of silently picking one),
// exact copies, and, on request, references to objects absent from the bundle.
import type { DefectCode } from './defects.ts';
import { referenceEntries } from './refs.ts';
import { TLP1_MARKINGS } from './rules-meta.ts';
import type { Severity, StixObject } from './types.ts';
import { canonicalJson, versionKey } from './version.ts';

export interface Candidate {
  readonly index: number;
  readonly object: StixObject;
}

export interface CrossDefect {
  readonly index: number;
  readonly path: string;
  readonly code: DefectCode;
  readonly severity: Severity;
  readonly message: string;
}

/** Finds later copies of an (id, version) already seen: exact copies and conflicting ones. */
export function versionCollisions(candidates: readonly Candidate[]): CrossDefect[] {
  const byId = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = byId.get(c.object.id);
    if (list) list.push(c);
    else byId.set(c.object.id, [c]);
  }
  const out: CrossDefect[] = [];
  for (const [id, list] of byId) {
    if (list.length < 2) continue;
    const firstByVersion = new Map<string, { index: number; canonical: string }>();
    for (const c of list) {
      const version = versionKey(c.object);
      const canonical = canonicalJson(c.object);
      const first = firstByVersion.get(version);
      if (!first) {
        firstByVersion.set(version, { index: c.index, canonical });
      } else if (first.canonical === canonical) {
        out.push({ index: c.index, path: '$', code: 'duplicate-object', severity: 'warning', message: `an exact copy of object ${first.index} (${id}); dropped` });
      } else {
        out.push({ index: c.index, path: '$', code: 'version-conflict', severity: 'error', message: `${id} version ${version} already came as object ${first.index} with different content` });
      }
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** References to ids that no object of the bundle has (the predefined TLP 1.0 markings excepted). */
export function danglingReferences(candidates: readonly Candidate[], ids: ReadonlySet<string>): CrossDefect[] {
  const out: CrossDefect[] = [];
  for (const c of candidates) {
    for (const entry of referenceEntries(c.object)) {
      if (!ids.has(entry.ref) && !TLP1_MARKINGS.has(entry.ref)) {
        out.push({ index: c.index, path: entry.path, code: 'dangling-ref', severity: 'warning', message: `${entry.ref} is not in the bundle` });
      }
    }
  }
  return out;
}
