// MISP taxonomies (misp-taxonomies `machinetag.json`), as loaded.

export interface TaxonomyEntry {
  value: string;
  expanded?: string;
  description?: string;
  colour?: string;
  numericalValue?: number;
}

export interface TaxonomyPredicate extends TaxonomyEntry {
  /** Only one value of this predicate may be set at a time. */
  exclusive: boolean;
  /** Values under this predicate (empty when the predicate alone is the tag). */
  entries: TaxonomyEntry[];
}

export interface Taxonomy {
  namespace: string;
  description: string;
  version: number;
  expanded?: string;
  /** Only one tag of the whole taxonomy may be set at a time (e.g. tlp). */
  exclusive: boolean;
  refs: string[];
  predicates: TaxonomyPredicate[];
}

/** One tag a taxonomy defines, with what it means. */
export interface TaxonomyTag {
  /** Canonical text, e.g. `tlp:amber+strict`, `admiralty-scale:source-reliability="b"`. */
  tag: string;
  namespace: string;
  predicate: string;
  value?: string;
  /** Human-readable: the value's expansion (or the predicate's for a predicate-only tag). */
  expanded: string;
  /** The predicate's expansion, e.g. "Source Reliability". */
  predicateExpanded: string;
  description?: string;
  colour?: string;
  numericalValue?: number;
}

export type TagValidation =
  | { ok: true; tag: TaxonomyTag; /** The input spelled the tag with a different case (MISP matches tags case-insensitively). */ caseDiffers: boolean }
  | { ok: false; reason: 'not-machine-tag' | 'unknown-namespace' | 'unknown-predicate' | 'unknown-value' | 'value-required' | 'no-values'; message: string };
