// What a report lacks or gets wrong for its kind. Errors block submission; warnings are for the analyst.
import { parseInstant } from './clocks.ts';
import { memberStateCode } from './member-states.ts';
import type { Nis2Report, ReportKind } from './report.ts';
import { sectorsOfSubsector } from './sector-map.ts';
import { validateMachineTag } from './taxonomy.ts';
import { FIELD_PREDICATES, vocabularyTaxonomies, type CodedField, type Nis2Vocabulary } from './vocabulary.ts';

export interface ReportProblem {
  /** Dotted path of the field, e.g. `impact.severity`, `indicators[3].value`. */
  field: string;
  severity: 'error' | 'warning';
  code: 'required' | 'not_in_taxonomy' | 'invalid' | 'inconsistent' | 'recommended';
  message: string;
}

const MAX_TEXT = 20_000;

const isBlank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';

interface Requirement {
  field: string;
  kinds: readonly ReportKind[];
  empty: (r: Nis2Report) => boolean;
  why: string;
}

const ALL: readonly ReportKind[] = ['early-warning', 'notification', 'intermediate', 'progress', 'final'];
const FROM_NOTIFICATION: readonly ReportKind[] = ['notification', 'intermediate', 'progress', 'final'];
const LATER: readonly ReportKind[] = ['intermediate', 'progress', 'final'];

// Article 23(4): what each report must contain. The entity and contact fields identify the sender.
const REQUIRED: readonly Requirement[] = [
  { field: 'title', kinds: ALL, empty: (r) => isBlank(r.title), why: 'a title' },
  { field: 'entity.name', kinds: ALL, empty: (r) => isBlank(r.entity.name), why: "the entity's name" },
  { field: 'entity.sector', kinds: ALL, empty: (r) => r.entity.sector === null, why: "the entity's sector" },
  { field: 'entity.memberState', kinds: ALL, empty: (r) => r.entity.memberState === null, why: "the entity's member state" },
  { field: 'entity.contact', kinds: ALL, empty: (r) => isBlank(r.entity.contact.email) && isBlank(r.entity.contact.phone), why: 'a contact e-mail or phone' },
  { field: 'awarenessAt', kinds: ALL, empty: (r) => r.awarenessAt === null, why: 'when the entity became aware (the clocks start there)' },
  { field: 'summary', kinds: FROM_NOTIFICATION, empty: (r) => isBlank(r.summary), why: 'a description of the incident' },
  { field: 'impact.severity', kinds: FROM_NOTIFICATION, empty: (r) => r.impact.severity === null, why: 'the severity of the impact (initial assessment, Art. 23(4)(b))' },
  { field: 'impact.description', kinds: FROM_NOTIFICATION, empty: (r) => isBlank(r.impact.description), why: 'the impact (initial assessment, Art. 23(4)(b))' },
  { field: 'previousReportId', kinds: LATER, empty: (r) => r.previousReportId === null, why: 'the report it follows' },
  { field: 'classification.rootCauseCategory', kinds: ['final'], empty: (r) => r.classification.rootCauseCategory === null, why: 'the root cause category (Art. 23(4)(d)(ii))' },
  { field: 'threat.rootCause', kinds: ['final'], empty: (r) => isBlank(r.threat.rootCause) && isBlank(r.threat.threatType), why: 'the type of threat or root cause (Art. 23(4)(d)(ii))' },
  { field: 'mitigation', kinds: ['final', 'progress'], empty: (r) => r.mitigation.applied.length === 0 && r.mitigation.ongoing.length === 0, why: 'the applied and ongoing mitigation measures (Art. 23(4)(d)(iii))' },
  { field: 'crossBorder.impact', kinds: ['final'], empty: (r) => r.crossBorder.impact === 'unknown', why: 'whether there was cross-border impact (Art. 23(4)(d)(iv))' },
];

/** Required fields of the report's kind that are still empty, as dotted paths. */
export function missingFields(report: Nis2Report): string[] {
  return REQUIRED.filter((q) => q.kinds.includes(report.kind) && q.empty(report)).map((q) => q.field);
}

export function validateReport(report: Nis2Report, vocabulary: Nis2Vocabulary): ReportProblem[] {
  const problems: ReportProblem[] = [];
  const add = (field: string, severity: ReportProblem['severity'], code: ReportProblem['code'], message: string): void => {
    problems.push({ field, severity, code, message });
  };
  for (const q of REQUIRED) {
    if (q.kinds.includes(report.kind) && q.empty(report)) add(q.field, 'error', 'required', `a ${report.kind} report needs ${q.why}`);
  }

  const taxonomies = vocabularyTaxonomies(vocabulary);
  const coded = (field: string, kind: CodedField, tag: string | null): void => {
    if (tag === null) return;
    const check = validateMachineTag(taxonomies, tag, FIELD_PREDICATES[kind]);
    if (!check.ok) add(field, 'error', 'not_in_taxonomy', check.problem);
  };
  coded('entity.sector', 'sector', report.entity.sector);
  coded('entity.subsector', 'subsector', report.entity.subsector);
  coded('impact.severity', 'impactSeverity', report.impact.severity);
  coded('impact.outlook', 'outlook', report.impact.outlook);
  coded('impact.threatSeverity', 'threatSeverity', report.impact.threatSeverity);
  coded('classification.rootCauseCategory', 'rootCauseCategory', report.classification.rootCauseCategory);
  report.impact.sectorsImpacted.forEach((t, i) => coded(`impact.sectorsImpacted[${i}]`, 'sectorsImpacted', t));
  if (vocabulary.incidentTypes) report.classification.incidentTypes.forEach((t, i) => coded(`classification.incidentTypes[${i}]`, 'incidentType', t));
  else if (report.classification.incidentTypes.length > 0) add('classification.incidentTypes', 'warning', 'not_in_taxonomy', 'the rsit taxonomy is not loaded: incident types are not checked');

  if (report.entity.sector && report.entity.subsector) {
    const sectors = sectorsOfSubsector(report.entity.subsector);
    if (sectors && !sectors.includes(report.entity.sector)) add('entity.subsector', 'error', 'inconsistent', `subsector ${report.entity.subsector} is not part of sector ${report.entity.sector}`);
  }

  if (report.entity.memberState !== null && memberStateCode(report.entity.memberState) !== report.entity.memberState) {
    add('entity.memberState', 'error', 'invalid', `"${report.entity.memberState}" is not the ISO code of an EU member state`);
  }
  report.crossBorder.memberStates.forEach((ms, i) => {
    if (memberStateCode(ms) !== ms) add(`crossBorder.memberStates[${i}]`, 'error', 'invalid', `"${ms}" is not the ISO code of an EU member state`);
    else if (ms === report.entity.memberState) add(`crossBorder.memberStates[${i}]`, 'warning', 'inconsistent', `${ms} is the entity's own member state`);
  });
  if (report.crossBorder.impact === 'yes' && report.crossBorder.memberStates.length === 0) add('crossBorder.memberStates', 'error', 'required', 'cross-border impact is "yes": name the member states affected');
  if (report.crossBorder.impact === 'no' && report.crossBorder.memberStates.length > 0) add('crossBorder.memberStates', 'error', 'inconsistent', 'cross-border impact is "no" but member states are listed');

  const times: [string, string | null][] = [['awarenessAt', report.awarenessAt], ['detectionAt', report.detectionAt], ['submittedAt', report.submittedAt]];
  report.mitigation.applied.forEach((m, i) => times.push([`mitigation.applied[${i}].at`, m.at]));
  const parsed = new Map<string, number>();
  for (const [field, value] of times) {
    if (value === null) continue;
    try {
      parsed.set(field, parseInstant(value, field).getTime());
    } catch (err) {
      add(field, 'error', 'invalid', (err as Error).message);
    }
  }
  const aware = parsed.get('awarenessAt');
  const detected = parsed.get('detectionAt');
  if (aware !== undefined && detected !== undefined && detected > aware) add('detectionAt', 'warning', 'inconsistent', 'detection is later than awareness: awareness normally follows detection');
  if (report.status === 'submitted' && report.submittedAt === null) add('submittedAt', 'error', 'required', 'a submitted report needs its submission time');

  for (const [field, n] of [['impact.usersAffected', report.impact.usersAffected], ['impact.systemsAffected', report.impact.systemsAffected], ['impact.durationHours', report.impact.durationHours], ['impact.financialImpactEur', report.impact.financialImpactEur]] as const) {
    if (n !== null && !(Number.isFinite(n) && n >= 0)) add(field, 'error', 'invalid', `${n} is not a non-negative number`);
  }
  for (const field of ['usersAffected', 'systemsAffected'] as const) {
    const n = report.impact[field];
    if (n !== null && Number.isFinite(n) && !Number.isInteger(n)) add(`impact.${field}`, 'error', 'invalid', `${n} is not a whole number`);
  }

  report.indicators.forEach((ind, i) => {
    if (isBlank(ind.type)) add(`indicators[${i}].type`, 'error', 'required', 'an indicator needs a type');
    if (isBlank(ind.value)) add(`indicators[${i}].value`, 'error', 'required', 'an indicator needs a value');
    if (ind.tlp !== null && /^(tlp:)?red$/i.test(ind.tlp.trim())) add(`indicators[${i}]`, 'error', 'invalid', 'a TLP:RED indicator must not leave the organisation in a report');
  });

  for (const [field, text] of [['title', report.title], ['summary', report.summary], ['impact.description', report.impact.description], ['threat.rootCause', report.threat.rootCause]] as const) {
    if (text.length > MAX_TEXT) add(field, 'error', 'invalid', `longer than ${MAX_TEXT} characters`);
  }

  if (FROM_NOTIFICATION.includes(report.kind)) {
    if (report.kind === 'notification' && report.previousReportId === null) add('previousReportId', 'warning', 'recommended', 'a notification normally updates the early warning');
    if (report.indicators.length === 0) add('indicators', 'warning', 'recommended', 'indicators of compromise are expected where available (Art. 23(4)(b))');
    if (report.classification.incidentTypes.length === 0) add('classification.incidentTypes', 'warning', 'recommended', 'no incident type chosen');
    if (report.suspectedUnlawfulOrMalicious === 'unknown') add('suspectedUnlawfulOrMalicious', 'warning', 'recommended', 'still unknown whether unlawful or malicious acts are suspected');
  }
  return problems;
}
