// The taxonomies a NIS2 report is coded with, and which predicates each report field accepts.
import { loadTaxonomy, type Taxonomy, type TaxonomyLimits } from './taxonomy.ts';

export interface Nis2Vocabulary {
  /** MISP `nis2`: sectors, subsectors, impact severity and outlook, root cause, threat severity. */
  nis2: Taxonomy;
  /** MISP `rsit` (Reference Security Incident Taxonomy): incident category and type. Null when not loaded. */
  incidentTypes: Taxonomy | null;
}

export async function loadNis2Vocabulary(paths: { nis2: string; rsit?: string }, limits?: Partial<TaxonomyLimits>): Promise<Nis2Vocabulary> {
  const nis2 = await loadTaxonomy(paths.nis2, { expectedNamespace: 'nis2', ...(limits ? { limits } : {}) });
  const incidentTypes = paths.rsit ? await loadTaxonomy(paths.rsit, { expectedNamespace: 'rsit', ...(limits ? { limits } : {}) }) : null;
  return { nis2, incidentTypes };
}

export function vocabularyTaxonomies(v: Nis2Vocabulary): Taxonomy[] {
  return v.incidentTypes ? [v.nis2, v.incidentTypes] : [v.nis2];
}

/** Predicates (as `namespace:predicate`) each coded report field accepts. */
export const FIELD_PREDICATES = {
  sector: ['nis2:impact-sectors-impacted', 'nis2:important-entities'],
  subsector: ['nis2:impact-subsectors-impacted', 'nis2:impact-subsectors-important-entities'],
  sectorsImpacted: ['nis2:impact-sectors-impacted', 'nis2:important-entities'],
  impactSeverity: ['nis2:impact-severity'],
  outlook: ['nis2:impact-outlook'],
  threatSeverity: ['nis2:nature-severity'],
  rootCauseCategory: ['nis2:nature-root-cause'],
  incidentType: ['abusive-content', 'malicious-code', 'information-gathering', 'intrusion-attempts', 'intrusions', 'availability', 'information-content-security', 'fraud', 'vulnerable', 'other'].map((p) => `rsit:${p}`),
} as const satisfies Record<string, readonly string[]>;

export type CodedField = keyof typeof FIELD_PREDICATES;
