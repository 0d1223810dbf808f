// Common properties (specification 3.2) and the nested types every object can use:
// external-reference (2.5), kill-chain-phase (2.11), granular-marking (7.2.3.1).
import { bool, fmt, hashes, int, ref, refs, str, strs, structs, ts, type CommonFamily, type Prop, type ShapeDef } from './props.ts';

export const COMMON_PROPS: Readonly<Record<string, Prop>> = {
  type: str,
  spec_version: str,
  id: str,
  created_by_ref: ref('identity'),
  created: ts,
  modified: ts,
  revoked: bool,
  labels: strs,
  confidence: int(0, 100),
  lang: fmt('lang'),
  external_references: structs('external-reference'),
  object_marking_refs: refs('marking-definition'),
  granular_markings: structs('granular-marking'),
  defanged: bool,
  extensions: { k: 'extensions' },
};

interface CommonUse {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

const SDO_SRO: CommonUse = {
  required: ['type', 'spec_version', 'id', 'created', 'modified'],
  optional: ['created_by_ref', 'revoked', 'labels', 'confidence', 'lang', 'external_references', 'object_marking_refs', 'granular_markings', 'extensions'],
};

/** Required and optional common properties per family; every other common property is "not applicable". */
export const COMMON_USE: Readonly<Record<CommonFamily, CommonUse>> = {
  sdo: SDO_SRO,
  sro: SDO_SRO,
  sco: { required: ['type', 'id'], optional: ['spec_version', 'object_marking_refs', 'granular_markings', 'defanged', 'extensions'] },
  'marking-definition': {
    required: ['type', 'spec_version', 'id', 'created'],
    optional: ['created_by_ref', 'external_references', 'object_marking_refs', 'granular_markings', 'extensions'],
  },
  'language-content': {
    required: ['type', 'spec_version', 'id', 'created', 'modified'],
    optional: ['created_by_ref', 'revoked', 'labels', 'confidence', 'external_references', 'object_marking_refs', 'granular_markings', 'extensions'],
  },
  'extension-definition': {
    required: ['type', 'spec_version', 'id', 'created', 'modified', 'created_by_ref'],
    optional: ['revoked', 'labels', 'external_references', 'object_marking_refs', 'granular_markings'],
  },
  bundle: { required: ['type', 'id'], optional: [] },
};

export const COMMON_SHAPES: Readonly<Record<string, ShapeDef>> = {
  'external-reference': {
    props: { source_name: str, description: str, url: fmt('url'), hashes, external_id: str },
    required: ['source_name'],
  },
  'kill-chain-phase': { props: { kill_chain_name: str, phase_name: str }, required: ['kill_chain_name', 'phase_name'] },
  'granular-marking': { props: { lang: fmt('lang'), marking_ref: ref('marking-definition'), selectors: strs }, required: ['selectors'] },
  'marking-statement': { props: { statement: str }, required: ['statement'] },
  'marking-tlp': { props: { tlp: str }, required: ['tlp'] },
};

/** Property names reserved across all STIX objects (specification 3.8). */
export const RESERVED_PROPERTIES: ReadonlySet<string> = new Set(['severity', 'username', 'phone_number', 'action']);

/** Commonly reused kill chain list. */
export const killChainPhases: Prop = structs('kill-chain-phase');
