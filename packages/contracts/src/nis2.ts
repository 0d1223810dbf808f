// NIS2 reporting (Directive (EU) 2022/2555, Article 23) of a significant incident: the entity profile,
// the clocks of the early warning (24 h from awareness), the notification (72 h) and the final report
// (one month after the notification), and the reports themselves, versioned, exported as JSON and PDF.
import { Type, type Static } from 'typebox';
import { Timestamp, Uuid } from './common.ts';

export const Nis2Profile = Type.Object({
  name: Type.String({ maxLength: 300 }),
  sector: Type.Union([Type.Null(), Type.String({ maxLength: 300 })], { description: 'A machine tag or value of the nis2 taxonomy\'s sectors (e.g. nis2:impact-sectors-impacted="energy")' }),
  subsector: Type.Union([Type.Null(), Type.String({ maxLength: 300 })]),
  memberState: Type.Union([Type.Null(), Type.String({ maxLength: 2 })], { description: 'ISO 3166-1 alpha-2 code of the member state where the entity is established' }),
  contact: Type.Object({ name: Type.String({ maxLength: 300 }), email: Type.String({ maxLength: 300 }), phone: Type.String({ maxLength: 100 }) }),
});
export type Nis2Profile = Static<typeof Nis2Profile>;

const Str = (max: number) => Type.String({ maxLength: max });
// Null first: the API coerces types, and a null tried against a string first would become "".
const NullStr = (max: number) => Type.Union([Type.Null(), Type.String({ maxLength: max })]);
const NullNum = Type.Union([Type.Null(), Type.Number({ minimum: 0 })]);
const Tri = Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('unknown')]);

/** The report document (schema bulwark.nis2-report/1); coded fields hold MISP machine tags (nis2:…, rsit:…). */
export const Nis2ReportDocument = Type.Object({
  id: Str(200),
  incidentId: Str(100),
  kind: Type.Union([Type.Literal('early-warning'), Type.Literal('notification'), Type.Literal('intermediate'), Type.Literal('progress'), Type.Literal('final')]),
  version: Type.Integer({ minimum: 1 }),
  previousReportId: NullStr(200),
  status: Type.Union([Type.Literal('draft'), Type.Literal('ready'), Type.Literal('submitted')]),
  submittedAt: NullStr(40),
  title: Str(500),
  summary: Str(20_000),
  entity: Type.Object({ name: Str(300), sector: NullStr(300), subsector: NullStr(300), memberState: NullStr(10), contact: Type.Object({ name: Str(300), email: Str(300), phone: Str(100) }) }),
  awarenessAt: NullStr(40),
  detectionAt: NullStr(40),
  suspectedUnlawfulOrMalicious: Tri,
  crossBorder: Type.Object({ impact: Tri, memberStates: Type.Array(Str(10), { maxItems: 40 }), details: Str(5000) }),
  impact: Type.Object({
    severity: NullStr(300), outlook: NullStr(300), threatSeverity: NullStr(300), sectorsImpacted: Type.Array(Str(300), { maxItems: 50 }), description: Str(20_000),
    usersAffected: NullNum, systemsAffected: NullNum, durationHours: NullNum, financialImpactEur: NullNum, operationalImpact: Str(5000),
  }),
  classification: Type.Object({ rootCauseCategory: NullStr(300), incidentTypes: Type.Array(Str(300), { maxItems: 50 }) }),
  threat: Type.Object({ rootCause: Str(20_000), threatType: Str(1000), attackTechniques: Type.Array(Str(100), { maxItems: 500 }) }),
  indicators: Type.Array(Type.Object({ type: Str(100), value: Str(2048), tlp: NullStr(20) }), { maxItems: 5000 }),
  mitigation: Type.Object({ applied: Type.Array(Type.Object({ action: Str(2000), at: NullStr(40) }), { maxItems: 1000 }), ongoing: Type.Array(Str(2000), { maxItems: 1000 }) }),
  notes: Type.Array(Str(20_000), { maxItems: 1000 }),
});
export type Nis2ReportDocument = Static<typeof Nis2ReportDocument>;

export const Nis2ReportKind = Type.Union([Type.Literal('early-warning'), Type.Literal('notification'), Type.Literal('intermediate'), Type.Literal('progress'), Type.Literal('final')]);
export type Nis2ReportKind = Static<typeof Nis2ReportKind>;

export const Nis2Deadline = Type.Object({
  kind: Type.Union([Type.Literal('early-warning'), Type.Literal('notification'), Type.Literal('progress'), Type.Literal('final')]),
  startsAt: Type.Union([Type.Null(), Timestamp], { description: 'Null while the report it is measured from is not known' }),
  dueAt: Type.Union([Type.Null(), Timestamp]),
  provisional: Type.Boolean({ description: 'The due time depends on a report not submitted yet' }),
  basis: Type.String(),
  submittedAt: Type.Union([Type.Null(), Timestamp]),
  status: Type.Union([Type.Literal('pending'), Type.Literal('due-soon'), Type.Literal('overdue'), Type.Literal('submitted-on-time'), Type.Literal('submitted-late')]),
  msLeft: Type.Union([Type.Null(), Type.Number()]),
});
export type Nis2Deadline = Static<typeof Nis2Deadline>;

export const Nis2ReportSummary = Type.Object({
  id: Uuid,
  incidentId: Uuid,
  kind: Nis2ReportKind,
  version: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
  submittedAt: Type.Union([Type.Null(), Timestamp]),
  createdBy: Type.Union([Type.Null(), Uuid]),
  createdAt: Timestamp,
});
export type Nis2ReportSummary = Static<typeof Nis2ReportSummary>;

export const Nis2State = Type.Object({
  incidentId: Uuid,
  reportable: Type.Boolean(),
  awareAt: Type.Union([Type.Null(), Timestamp]),
  deadlines: Type.Array(Nis2Deadline, { description: 'Empty until the incident is reportable with a time of awareness' }),
  reports: Type.Array(Nis2ReportSummary, { description: 'Every version, newest first' }),
  taxonomies: Type.Object({ nis2: Type.Union([Type.Null(), Type.Integer()]), rsit: Type.Union([Type.Null(), Type.Integer()]) }, { description: 'Versions of the MISP taxonomies in use (null: not configured)' }),
});
export type Nis2State = Static<typeof Nis2State>;

export const Nis2Problem = Type.Object({
  field: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  code: Type.String(),
  message: Type.String(),
});

export const Nis2ReportView = Type.Object({
  summary: Nis2ReportSummary,
  document: Nis2ReportDocument,
  missing: Type.Array(Type.String(), { description: 'Required fields of this kind still empty' }),
  notes: Type.Array(Type.String(), { description: 'How fields were prefilled and what was left out' }),
  problems: Type.Array(Nis2Problem),
});
export type Nis2ReportView = Static<typeof Nis2ReportView>;

export const Nis2ReportCreate = Type.Object({ kind: Nis2ReportKind });
export type Nis2ReportCreate = Static<typeof Nis2ReportCreate>;

export const Nis2ReportUpdate = Type.Object({ document: Nis2ReportDocument }, { description: 'The edited document; id, incidentId, kind, version, status and submittedAt are set by the server' });
export type Nis2ReportUpdate = Static<typeof Nis2ReportUpdate>;
