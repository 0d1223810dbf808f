// Public API of the STIX 2.1 object model and validation (see README.md). A pure library: no database,
// no HTTP. The OASIS-schema test helper (oasis-schemas.ts) is deliberately not exported here.
export type { Defect, Severity, StixKind, StixObject, ValidateOptions } from './types.ts';
export { DEFECT_CODES, hasErrors, type DefectCode } from './defects.ts';
export { validateObject } from './validate.ts';
export { parseBundle, type BundleDefect, type ParseOptions, type ParseResult } from './parse-bundle.ts';
export { DEFAULT_LIMITS, type BundleLimits } from './json-limits.ts';
export { isStixId, isTypeName, parseId, typeOfId, type ParsedId } from './id.ts';
export { CATALOGUE, META_TYPE_NAMES, PREDEFINED_EXTENSIONS, SCO_TYPE_NAMES, SDO_TYPE_NAMES, SHAPES, SRO_TYPE_NAMES, kindOf, typeDef } from './catalogue.ts';
export type { CommonFamily, Prop, PropKind, RefTarget, ShapeDef, StringFormat, TypeDef } from './props.ts';
export { COMMON_PROPS, COMMON_USE, RESERVED_PROPERTIES } from './catalogue-common.ts';
export { ENUMERATIONS, OPEN_VOCABULARIES, type EnumerationName, type OpenVocabularyName } from './vocab.ts';
export { compareTimestamps, isTimestamp, timestampProblem } from './timestamp.ts';
export { referenceEntries, referencesOf, type ReferenceEntry } from './refs.ts';
export { canonicalJson, contentHash, versionKey } from './version.ts';
export { TLP1_MARKINGS } from './rules-meta.ts';
export { selectorProblem } from './selectors.ts';
export { SCO_NAMESPACE, deterministicScoId, uuidV5 } from './sco-id.ts';
