// The NIS2 Article 23 report documents. Coded fields hold MISP machine tags (`nis2:…="…"`, `rsit:…="…"`);
// see vocabulary.ts for which predicates each field accepts. Building (prefill) and checking (validate)
// live beside this file and are re-exported here.

/**
 * early-warning: Art. 23(4)(a), within 24 h; notification: (b), within 72 h; intermediate: (c), on request;
 * final: (d), within a month of the notification; progress: (e), instead of the final report while the
 * incident is ongoing. Intermediate and progress reports carry the final report's fields.
 */
export type ReportKind = 'early-warning' | 'notification' | 'intermediate' | 'progress' | 'final';
export const REPORT_KINDS: readonly ReportKind[] = ['early-warning', 'notification', 'intermediate', 'progress', 'final'];

export type TriState = 'yes' | 'no' | 'unknown';
export type ReportStatus = 'draft' | 'ready' | 'submitted';

export interface EntityContact {
  name: string;
  email: string;
  phone: string;
}

export interface ReportEntity {
  name: string;
  /** `nis2:impact-sectors-impacted="…"` (Annex I) or `nis2:important-entities="…"` (Annex II). */
  sector: string | null;
  /** `nis2:impact-subsectors-impacted="…"` or `nis2:impact-subsectors-important-entities="…"`. */
  subsector: string | null;
  /** ISO 3166-1 alpha-2 code of an EU member state (Greece as GR). */
  memberState: string | null;
  contact: EntityContact;
}

export interface CrossBorder {
  impact: TriState;
  /** Other member states affected (or, while impact is "unknown", possibly affected). */
  memberStates: string[];
  details: string;
}

export interface ReportImpact {
  /** `nis2:impact-severity="red|yellow|green|white"`: severity in the real world. */
  severity: string | null;
  /** `nis2:impact-outlook="improving|stable|worsening"`. */
  outlook: string | null;
  /** `nis2:nature-severity="high|medium|low"`: technical severity of the threat. */
  threatSeverity: string | null;
  /** Sectors whose services are impacted (machine tags). */
  sectorsImpacted: string[];
  description: string;
  usersAffected: number | null;
  systemsAffected: number | null;
  durationHours: number | null;
  financialImpactEur: number | null;
  operationalImpact: string;
}

export interface ReportClassification {
  /** `nis2:nature-root-cause="…"`. */
  rootCauseCategory: string | null;
  /** `rsit:<category>="<type>"` tags. */
  incidentTypes: string[];
}

export interface ReportThreat {
  /** Type of threat or root cause that likely triggered the incident (Art. 23(4)(d)(ii)). */
  rootCause: string;
  threatType: string;
  /** MITRE ATT&CK tactics and techniques seen, e.g. `T1059.001`, `TA0002`. */
  attackTechniques: string[];
}

export interface ReportIndicator {
  type: string;
  value: string;
  /** TLP of the indicator as known to the entity (never red in a report). */
  tlp: string | null;
}

export interface MitigationMeasure {
  action: string;
  at: string | null;
}

export interface ReportMitigation {
  applied: MitigationMeasure[];
  ongoing: string[];
}

export interface Nis2Report {
  /** `<incidentId>:<kind>:<version>`. */
  id: string;
  incidentId: string;
  kind: ReportKind;
  /** 1 for the first report of its kind; a revision of the same kind counts up. */
  version: number;
  /** The report this one updates (early warning → notification → … → final). */
  previousReportId: string | null;
  status: ReportStatus;
  submittedAt: string | null;
  title: string;
  /** Description of the incident (detailed in the final report). */
  summary: string;
  entity: ReportEntity;
  awarenessAt: string | null;
  detectionAt: string | null;
  suspectedUnlawfulOrMalicious: TriState;
  crossBorder: CrossBorder;
  impact: ReportImpact;
  classification: ReportClassification;
  threat: ReportThreat;
  indicators: ReportIndicator[];
  mitigation: ReportMitigation;
  /** Statements for the recipient, e.g. that indicators were withheld. */
  notes: string[];
}

export { prefillReport, type IncidentFacts, type IncidentSeverity, type PrefillOptions, type PrefillResult } from './report-prefill.ts';
export { missingFields, validateReport, type ReportProblem } from './report-validate.ts';
