// Public API of the NIS2 reporting core (see README.md). Pure: no database, no HTTP, no clock.
export { DEFAULT_TAXONOMY_LIMITS, TaxonomyError, findPredicate, formatMachineTag, listValues, loadTaxonomy, lookupValue, parseMachineTag, parseTaxonomy, validateMachineTag } from './taxonomy.ts';
export type { MachineTag, TagCheck, Taxonomy, TaxonomyErrorCode, TaxonomyLimits, TaxonomyParseOptions, TaxonomyPredicate, TaxonomyValue } from './taxonomy.ts';
export { FIELD_PREDICATES, loadNis2Vocabulary, vocabularyTaxonomies, type CodedField, type Nis2Vocabulary } from './vocabulary.ts';
export { DEFAULT_CLOCK_POLICY, addCalendarMonthsUtc, computeDeadlines, dueReminders, parseInstant, reminderPoints } from './clocks.ts';
export type { ClockInput, ClockPolicy, Deadline, DeadlineKind, DeadlineStatus, Reminder } from './clocks.ts';
export { REPORT_KINDS, missingFields, prefillReport, validateReport } from './report.ts';
export type { CrossBorder, EntityContact, IncidentFacts, IncidentSeverity, MitigationMeasure, Nis2Report, PrefillOptions, PrefillResult, ReportClassification, ReportEntity, ReportImpact, ReportIndicator, ReportKind, ReportMitigation, ReportProblem, ReportStatus, ReportThreat, TriState } from './report.ts';
export { EU_MEMBER_STATES, memberStateCode } from './member-states.ts';
export { parseAttackTag, incidentTypesFor, type AttackTag } from './attack-mapping.ts';
export { KIND_TITLES, NIS2_REPORT_SCHEMA, codedValue, exportReportJson, serializeReportJson, type CodedValue, type ExportOptions, type Nis2ReportJson } from './export-json.ts';
export { PDF_LIMITS, exportReportPdf } from './export-pdf.ts';
