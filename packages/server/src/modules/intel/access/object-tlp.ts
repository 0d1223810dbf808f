// The TLP level of a STIX object from all its markings: object-level and granular. The most restrictive
// wins (Bulwark does not redact parts of an object: a granular RED makes the whole object RED).
import { readMarking, type MarkingDefinitionLike, type MarkingProblem } from './marking.ts';
import { mostRestrictive, type TlpLevel } from './tlp.ts';

export interface TlpResolution {
  /** The most restrictive TLP level found; undefined when no TLP marking was recognised. */
  readonly level: TlpLevel | undefined;
  /** Every recognised TLP marking. */
  readonly tlp: readonly { readonly id: string; readonly level: TlpLevel; readonly granular: boolean }[];
  /** Marking definitions that are not TLP (statements, licences, custom). */
  readonly other: readonly string[];
  /** Marking refs that are neither a known TLP id nor defined in `definitions`. */
  readonly unknown: readonly string[];
  readonly problems: readonly MarkingProblem[];
}

export type MarkingDefinitions = ReadonlyMap<string, MarkingDefinitionLike> | Readonly<Record<string, MarkingDefinitionLike>>;

function lookup(definitions: MarkingDefinitions | undefined, id: string): MarkingDefinitionLike | undefined {
  if (definitions === undefined) return undefined;
  if (definitions instanceof Map) return (definitions as ReadonlyMap<string, MarkingDefinitionLike>).get(id);
  const record = definitions as Readonly<Record<string, MarkingDefinitionLike>>;
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/**
 * Resolves marking refs against the marking definitions at hand (e.g. those of the same bundle).
 * A ref defined in `definitions` is read from its object (so a mismatch between id and content is
 * reported); otherwise from the id alone.
 */
export function resolveTlp(refs: Iterable<string | { readonly ref: string; readonly granular: boolean }>, definitions?: MarkingDefinitions): TlpResolution {
  const tlp: { id: string; level: TlpLevel; granular: boolean }[] = [];
  const other: string[] = [];
  const unknown: string[] = [];
  const problems: MarkingProblem[] = [];
  for (const item of refs) {
    const { ref, granular } = typeof item === 'string' ? { ref: item, granular: false } : item;
    const def = typeof ref === 'string' ? lookup(definitions, ref) : undefined;
    const reading = readMarking(def ?? ref);
    problems.push(...reading.problems);
    if (reading.kind === 'tlp' && reading.level) tlp.push({ id: reading.id ?? ref, level: reading.level, granular });
    else if (reading.kind === 'other') other.push(ref);
    else unknown.push(typeof ref === 'string' ? ref : String(ref));
  }
  return { level: mostRestrictive(tlp.map((t) => t.level)), tlp, other, unknown, problems };
}

/** A STIX object's marking fields (untrusted). */
export interface MarkedObject {
  readonly object_marking_refs?: unknown;
  readonly granular_markings?: unknown;
}

/** The TLP resolution of one STIX object from `object_marking_refs` and `granular_markings[].marking_ref`. */
export function tlpOfObject(object: MarkedObject, definitions?: MarkingDefinitions): TlpResolution {
  const refs: { ref: string; granular: boolean }[] = [];
  const malformed: MarkingProblem[] = [];
  if (Array.isArray(object.object_marking_refs)) {
    for (const ref of object.object_marking_refs as unknown[]) {
      if (typeof ref === 'string') refs.push({ ref, granular: false });
      else malformed.push({ code: 'malformed-marking', message: 'object_marking_refs holds a non-string' });
    }
  }
  if (Array.isArray(object.granular_markings)) {
    for (const g of object.granular_markings as unknown[]) {
      const ref = typeof g === 'object' && g !== null ? (g as { marking_ref?: unknown }).marking_ref : undefined;
      if (typeof ref === 'string') refs.push({ ref, granular: true });
      else if (ref !== undefined) malformed.push({ code: 'malformed-marking', message: 'granular_markings holds a non-string marking_ref' });
    }
  }
  const resolution = resolveTlp(refs, definitions);
  return malformed.length === 0 ? resolution : { ...resolution, problems: [...malformed, ...resolution.problems] };
}
