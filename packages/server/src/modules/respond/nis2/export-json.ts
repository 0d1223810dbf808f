// The JSON export of a report: a stable, versioned shape (documented in README.md). Coded fields carry
// their machine tag together with its value and meaning, so a reader needs no taxonomy to show them.
import type { Deadline } from './clocks.ts';
import type { Nis2Report, ReportKind, TriState } from './report.ts';
import { findPredicate, parseMachineTag } from './taxonomy.ts';
import type { Nis2Vocabulary } from './vocabulary.ts';

export const NIS2_REPORT_SCHEMA = 'bulwark.nis2-report/1';

export const KIND_TITLES: Record<ReportKind, string> = {
  'early-warning': 'Early warning',
  notification: 'Incident notification',
  intermediate: 'Intermediate report',
  progress: 'Progress report',
  final: 'Final report',
};

export interface CodedValue {
  /** The machine tag, e.g. `nis2:impact-severity="red"`. */
  tag: string;
  namespace: string;
  predicate: string;
  value: string;
  /** The taxonomy's expansion of the value; null when the taxonomy does not know it. */
  expanded: string | null;
}

export interface ExportOptions {
  vocabulary: Nis2Vocabulary;
  /** ISO 8601 time of generation (passed in, so the same input gives the same output). */
  generatedAt: string;
  /** From computeDeadlines, to show the clocks and submission status. */
  deadlines?: readonly Deadline[];
}

export interface Nis2ReportJson {
  schema: typeof NIS2_REPORT_SCHEMA;
  generatedAt: string;
  report: { id: string; incidentId: string; kind: ReportKind; kindTitle: string; version: number; previousReportId: string | null; status: string; submittedAt: string | null };
  title: string;
  summary: string;
  entity: { name: string; sector: CodedValue | null; subsector: CodedValue | null; memberState: string | null; contact: { name: string; email: string; phone: string } };
  awarenessAt: string | null;
  detectionAt: string | null;
  suspectedUnlawfulOrMalicious: TriState;
  crossBorder: { impact: TriState; memberStates: string[]; details: string };
  impact: {
    severity: CodedValue | null; outlook: CodedValue | null; threatSeverity: CodedValue | null; sectorsImpacted: CodedValue[];
    description: string; usersAffected: number | null; systemsAffected: number | null; durationHours: number | null; financialImpactEur: number | null; operationalImpact: string;
  };
  classification: { rootCauseCategory: CodedValue | null; incidentTypes: CodedValue[] };
  threat: { rootCause: string; threatType: string; attackTechniques: string[] };
  indicators: { type: string; value: string; tlp: string | null }[];
  mitigation: { applied: { action: string; at: string | null }[]; ongoing: string[] };
  notes: string[];
  deadlines: Deadline[];
  taxonomies: { namespace: string; version: number }[];
}

export function codedValue(vocabulary: Nis2Vocabulary, tag: string): CodedValue {
  const parsed = parseMachineTag(tag);
  if (!parsed) return { tag, namespace: '', predicate: '', value: '', expanded: null };
  const taxonomy = parsed.namespace === 'nis2' ? vocabulary.nis2 : parsed.namespace === 'rsit' ? vocabulary.incidentTypes : null;
  const entry = taxonomy ? findPredicate(taxonomy, parsed.predicate)?.values.find((v) => v.value === parsed.value) : undefined;
  return { tag, ...parsed, expanded: entry?.expanded ?? null };
}

export function exportReportJson(report: Nis2Report, options: ExportOptions): Nis2ReportJson {
  const coded = (tag: string | null): CodedValue | null => (tag === null ? null : codedValue(options.vocabulary, tag));
  const r = report;
  return {
    schema: NIS2_REPORT_SCHEMA,
    generatedAt: options.generatedAt,
    report: { id: r.id, incidentId: r.incidentId, kind: r.kind, kindTitle: KIND_TITLES[r.kind], version: r.version, previousReportId: r.previousReportId, status: r.status, submittedAt: r.submittedAt },
    title: r.title,
    summary: r.summary,
    entity: { name: r.entity.name, sector: coded(r.entity.sector), subsector: coded(r.entity.subsector), memberState: r.entity.memberState, contact: { ...r.entity.contact } },
    awarenessAt: r.awarenessAt,
    detectionAt: r.detectionAt,
    suspectedUnlawfulOrMalicious: r.suspectedUnlawfulOrMalicious,
    crossBorder: { impact: r.crossBorder.impact, memberStates: [...r.crossBorder.memberStates], details: r.crossBorder.details },
    impact: {
      severity: coded(r.impact.severity), outlook: coded(r.impact.outlook), threatSeverity: coded(r.impact.threatSeverity),
      sectorsImpacted: r.impact.sectorsImpacted.map((t) => codedValue(options.vocabulary, t)),
      description: r.impact.description, usersAffected: r.impact.usersAffected, systemsAffected: r.impact.systemsAffected,
      durationHours: r.impact.durationHours, financialImpactEur: r.impact.financialImpactEur, operationalImpact: r.impact.operationalImpact,
    },
    classification: { rootCauseCategory: coded(r.classification.rootCauseCategory), incidentTypes: r.classification.incidentTypes.map((t) => codedValue(options.vocabulary, t)) },
    threat: { rootCause: r.threat.rootCause, threatType: r.threat.threatType, attackTechniques: [...r.threat.attackTechniques] },
    indicators: r.indicators.map((i) => ({ type: i.type, value: i.value, tlp: i.tlp })),
    mitigation: { applied: r.mitigation.applied.map((m) => ({ action: m.action, at: m.at })), ongoing: [...r.mitigation.ongoing] },
    notes: [...r.notes],
    deadlines: (options.deadlines ?? []).map((d) => ({ ...d })),
    taxonomies: [options.vocabulary.nis2, ...(options.vocabulary.incidentTypes ? [options.vocabulary.incidentTypes] : [])].map((t) => ({ namespace: t.namespace, version: t.version })),
  };
}

/** The export as text: two-space indented, keys in the documented order, newline at the end. */
export function serializeReportJson(report: Nis2Report, options: ExportOptions): string {
  return `${JSON.stringify(exportReportJson(report, options), null, 2)}\n`;
}
