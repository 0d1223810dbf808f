// The catalogue of every STIX 2.1 type, kept as data: one TypeDef per type and the nested shapes.
// The validator is driven by this table (check-value.ts, properties.ts).
import { COMMON_SHAPES } from './catalogue-common.ts';
import { SDO_TYPES } from './catalogue-sdo.ts';
import { SCO_SHAPES } from './catalogue-sco-ext.ts';
import { SCO_TYPES } from './catalogue-sco.ts';
import { META_TYPES, SRO_TYPES } from './catalogue-sro-meta.ts';
import type { ShapeDef, TypeDef } from './props.ts';
import type { StixKind } from './types.ts';

const ALL: readonly TypeDef[] = [...SDO_TYPES, ...SRO_TYPES, ...SCO_TYPES, ...META_TYPES];

export const CATALOGUE: ReadonlyMap<string, TypeDef> = new Map(ALL.map((d) => [d.type, d]));

export const SHAPES: Readonly<Record<string, ShapeDef>> = { ...COMMON_SHAPES, ...SCO_SHAPES };

export const SDO_TYPE_NAMES: readonly string[] = SDO_TYPES.map((d) => d.type);
export const SRO_TYPE_NAMES: readonly string[] = SRO_TYPES.map((d) => d.type);
export const SCO_TYPE_NAMES: readonly string[] = SCO_TYPES.map((d) => d.type);
export const META_TYPE_NAMES: readonly string[] = META_TYPES.filter((d) => d.kind === 'meta').map((d) => d.type);

/** Predefined SCO extension name → the SCO type that defines it. */
export const PREDEFINED_EXTENSIONS: ReadonlyMap<string, string> = new Map(
  SCO_TYPES.flatMap((d) => Object.keys(d.extensions ?? {}).map((name): [string, string] => [name, d.type])),
);

export function typeDef(type: string): TypeDef | undefined {
  return CATALOGUE.get(type);
}

/**
 * The family of an object type: SDO, SRO, SCO, meta object (marking-definition, language-content,
 * extension-definition) or custom (any type the specification does not define). The bundle envelope is
 * not a STIX object; it is reported as 'meta'.
 */
export function kindOf(type: string): StixKind {
  const def = CATALOGUE.get(type);
  if (!def) return 'custom';
  return def.kind === 'bundle' ? 'meta' : def.kind;
}
