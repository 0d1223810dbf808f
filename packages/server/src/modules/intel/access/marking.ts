// One marking (an id or a marking-definition object) → one internal TLP level, whatever its spelling.
import { TLP2_EXTENSION_ID, TLP_MARKING_IDS, tlpOfMarkingId } from './marking-ids.ts';
import { mostRestrictive, type TlpLevel } from './tlp.ts';

export type MarkingProblemCode =
  | 'unknown-marking-id' // a bare id that is no known TLP id (near misses included)
  | 'not-a-marking-definition' // an object whose type is not marking-definition
  | 'nonstandard-tlp-id' // a marking definition that declares a TLP level under an id no one else uses for it
  | 'conflicting-definition' // the id and the content name different levels: the most restrictive is taken
  | 'unknown-tlp-value' // a TLP marking whose value names no level (e.g. "purple", "ex:chr")
  | 'malformed-marking'; // neither a string nor an object

export interface MarkingProblem {
  readonly code: MarkingProblemCode;
  readonly id?: string;
  readonly message: string;
}

export interface MarkingReading {
  /** `other`: a marking definition that is not TLP (statement, licence, custom); `unknown`: cannot tell. */
  readonly kind: 'tlp' | 'other' | 'unknown';
  readonly id?: string;
  readonly level?: TlpLevel;
  readonly problems: readonly MarkingProblem[];
}

/** A STIX marking-definition as read from a bundle (untrusted: every field is checked). */
export interface MarkingDefinitionLike {
  readonly type?: unknown;
  readonly id?: unknown;
  readonly name?: unknown;
  readonly definition_type?: unknown;
  readonly definition?: unknown;
  readonly extensions?: unknown;
}

const LABEL = /^(?:tlp\s*:\s*)?(clear|white|green|amber|amber\+strict|red)$/i;
const LEVEL_OF_WORD: Readonly<Record<string, TlpLevel>> = { clear: 'CLEAR', white: 'CLEAR', green: 'GREEN', amber: 'AMBER', 'amber+strict': 'AMBER+STRICT', red: 'RED' };

/**
 * A TLP label in any usual spelling → level: `TLP:AMBER+STRICT`, `tlp:white` (MISP tag), `clear`
 * (TLP 2.0 extension value), `WHITE` (TLP 1.0). Anything else (`tlp:ex:chr`, `tlp:unclear`) → undefined.
 */
export function tlpOfLabel(text: unknown): TlpLevel | undefined {
  if (typeof text !== 'string') return undefined;
  const m = LABEL.exec(text.trim());
  return m?.[1] === undefined ? undefined : LEVEL_OF_WORD[m[1].toLowerCase()];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function resemblance(id: string): string {
  const head = id.slice(0, id.indexOf('-', 'marking-definition--'.length));
  for (const [known, level] of TLP_MARKING_IDS) if (head.length > 20 && known.startsWith(head)) return ` (resembles the TLP:${level} id ${known})`;
  return '';
}

/** What the content of a marking definition claims: the TLP 2.0 extension and/or a `tlp` definition. */
function claims(def: MarkingDefinitionLike, problems: MarkingProblem[], id: string | undefined): { levels: TlpLevel[]; isTlp: boolean } {
  const levels: TlpLevel[] = [];
  let isTlp = false;
  const claim = (value: unknown, where: string): void => {
    isTlp = true;
    const level = tlpOfLabel(value);
    if (level) levels.push(level);
    else problems.push({ code: 'unknown-tlp-value', ...(id ? { id } : {}), message: `${where} ${JSON.stringify(value)} names no TLP level` });
  };
  const ext = isRecord(def.extensions) ? def.extensions[TLP2_EXTENSION_ID] : undefined;
  if (isRecord(ext)) claim(ext['tlp_2_0'], 'TLP 2.0 extension value');
  if (typeof def.definition_type === 'string' && def.definition_type.toLowerCase() === 'tlp') {
    if (isRecord(def.definition)) claim(def.definition['tlp'], 'definition.tlp');
    else if (typeof def.definition === 'string') claim(def.definition, 'definition');
    else claim(def.name, 'name');
  }
  return { levels, isTlp };
}

/** Reads one marking: a marking-definition id, or a marking-definition object. */
export function readMarking(marking: string | MarkingDefinitionLike): MarkingReading {
  if (typeof marking === 'string') {
    const id = marking.trim().toLowerCase();
    const level = tlpOfMarkingId(id);
    if (level) return { kind: 'tlp', id, level, problems: [] };
    return { kind: 'unknown', id, problems: [{ code: 'unknown-marking-id', id, message: `unknown marking ${id}${resemblance(id)}` }] };
  }
  if (!isRecord(marking)) return { kind: 'unknown', problems: [{ code: 'malformed-marking', message: 'a marking must be an id or a marking-definition object' }] };
  const id = typeof marking.id === 'string' ? marking.id.trim().toLowerCase() : undefined;
  const at = id ? { id } : {};
  if (marking.type !== undefined && marking.type !== 'marking-definition') {
    return { kind: 'unknown', ...at, problems: [{ code: 'not-a-marking-definition', ...at, message: `type ${JSON.stringify(marking.type)} is not a marking-definition` }] };
  }
  const problems: MarkingProblem[] = [];
  const byId = id ? tlpOfMarkingId(id) : undefined;
  const content = claims(marking, problems, id);
  const levels = byId ? [byId, ...content.levels] : content.levels;
  const level = mostRestrictive(levels);
  if (level === undefined) {
    // A TLP marking whose value we cannot read is unknown; a marking of another kind is just not TLP.
    return content.isTlp ? { kind: 'unknown', ...at, problems } : { kind: 'other', ...at, problems };
  }
  if (new Set(levels).size > 1) problems.push({ code: 'conflicting-definition', ...at, message: `marking ${id ?? '(no id)'} names ${[...new Set(levels)].join(' and ')}; taking ${level}` });
  if (!byId) problems.push({ code: 'nonstandard-tlp-id', ...at, message: `marking ${id ?? '(no id)'} declares TLP:${level} under an id that is not a known TLP id${id ? resemblance(id) : ''}` });
  return { kind: 'tlp', ...at, level, problems };
}

/** The level of one marking id or marking-definition object; undefined when it is not a readable TLP marking. */
export function tlpOfMarking(marking: string | MarkingDefinitionLike): TlpLevel | undefined {
  return readMarking(marking).level;
}
