// Public API of the MISP interoperability library (see README.md). Pure: no database, no HTTP.

// Problems (what readers and converters report instead of throwing)
export type { MispProblem, MispProblemCode } from './problems.ts';

// MISP JSON events
export type { MispAttribute, MispDistribution, MispEvent, MispEventReport, MispGalaxy, MispGalaxyCluster, MispObject, MispObjectReference, MispOrg, MispSharingGroup, MispTag } from './event-types.ts';
export { parseMispEvent, DEFAULT_EVENT_LIMITS, type EventLimits } from './event-parse.ts';

// Feeds
export { directoryFeedSource, type FeedFile, type FeedSource } from './feed-source.ts';
export { parseManifest, type ManifestEntry } from './feed-manifest.ts';
export { feedValueHash, indexFeedHashes, parseHashesCsv, type FeedHash } from './feed-hashes.ts';
export { DEFAULT_FEED_LIMITS, planFeedImport, readMispFeed, type FeedEvent, type FeedLimits, type FeedPlan, type FeedReadOptions, type FeedReadResult, type FeedState } from './feed-read.ts';
export { importMispFeed, type FeedImportEvent, type FeedImportOptions, type FeedImportResult } from './import-feed.ts';

// MISP → STIX 2.1
export { convertMispEvent, convertMispEventJson } from './convert-event.ts';
export type { ConvertOptions, ConvertResult, StixObject, UnmappedItem, UnmappedReason, WarningListChecker } from './convert-options.ts';
export { attributeMapping, mappedAttributeTypes } from './attribute-types.ts';
export { mappedObjectTemplates } from './object-templates.ts';
export { effectiveDistribution, type EffectiveDistribution } from './distribution.ts';
export { MISP_IMPORT_NAMESPACE, scoId, stixIdFor } from './stix-ids.ts';
export { tlpOfTag } from './tlp.ts';

// Warninglists
export { WarningLists, type WarningListHit, type WarningListInfo, type WarningListType } from './warninglists.ts';
export { buildWarningLists, loadWarningLists, type WarningListDocument, type WarningListLoadOptions, type WarningListLoadResult } from './warninglist-load.ts';

// Taxonomies and tags
export { formatTag, parseTag, type ParsedTag } from './tag-parse.ts';
export { Taxonomies, type TagSetProblem } from './taxonomies.ts';
export { buildTaxonomies, loadTaxonomies, parseTaxonomy, type TaxonomyLoadResult } from './taxonomy-load.ts';
export type { Taxonomy, TaxonomyEntry, TaxonomyPredicate, TaxonomyTag, TagValidation } from './taxonomy-types.ts';
