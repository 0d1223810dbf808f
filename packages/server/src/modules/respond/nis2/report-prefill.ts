// A draft report from what the incident knows, carrying forward what the analyst wrote in the previous
// report. Deterministic: no clock, no randomness, every list sorted.
import { incidentTypesFor, parseAttackTag, type AttackTag } from './attack-mapping.ts';
import { EU_MEMBER_STATES, memberStateCode } from './member-states.ts';
import type { MitigationMeasure, Nis2Report, ReportIndicator, ReportKind } from './report.ts';
import { missingFields } from './report-validate.ts';
import { formatMachineTag, lookupValue, parseMachineTag } from './taxonomy.ts';
import type { Nis2Vocabulary } from './vocabulary.ts';

export type IncidentSeverity = 'critical' | 'high' | 'medium' | 'low' | 'informational';

export interface IncidentFacts {
  incidentId: string;
  title: string;
  description: string;
  firstAlertAt: string | null;
  awareAt: string | null;
  severity: IncidentSeverity;
  /** Tags of the incident's alerts, e.g. `attack.t1059.001`, `attack.execution`. */
  tags: string[];
  indicators: { type: string; value: string; tlp?: string | null }[];
  hosts: { name: string; ip?: string | null; country?: string | null }[];
  users: string[];
  sourceIps: { ip: string; country?: string | null }[];
  notes: { at: string; text: string; author?: string }[];
  mitigations: { action: string; at: string; playbook?: string; status?: 'done' | 'running' | 'failed' }[];
  organisation: {
    name: string;
    /** A machine tag or a bare value of one of the two nis2 sector predicates. */
    sector?: string | null;
    subsector?: string | null;
    memberState?: string | null;
    contact?: { name?: string; email?: string; phone?: string };
  };
}

export interface PrefillOptions {
  /** When given, coded values are only set if the loaded taxonomies have them. */
  vocabulary?: Nis2Vocabulary;
  /** Indicators of these TLP levels stay out of the report (default: red). */
  withholdTlp?: readonly string[];
  /** At most this many indicators (default 500). */
  maxIndicators?: number;
}

export interface PrefillResult {
  report: Nis2Report;
  /** Required fields of the kind still empty: the analyst fills them. */
  missing: string[];
  /** How fields were derived and what was left out, for the analyst (not part of the report). */
  notes: string[];
}

const THREAT_SEVERITY: Record<IncidentSeverity, string> = { critical: 'high', high: 'high', medium: 'medium', low: 'low', informational: 'low' };

export function prefillReport(kind: ReportKind, facts: IncidentFacts, previous?: Nis2Report | null, options: PrefillOptions = {}): PrefillResult {
  if (previous && previous.incidentId !== facts.incidentId) throw new RangeError(`previous report ${previous.id} belongs to incident ${previous.incidentId}, not ${facts.incidentId}`);
  const notes: string[] = [];
  const vocab = options.vocabulary;
  const has = (tag: string): boolean => {
    if (!vocab) return true;
    const t = parseMachineTag(tag);
    const taxonomy = t?.namespace === 'nis2' ? vocab.nis2 : t?.namespace === 'rsit' ? vocab.incidentTypes : null;
    return !!t && !!taxonomy && lookupValue(taxonomy, t.predicate, t.value) !== undefined;
  };

  const version = previous && previous.kind === kind ? previous.version + 1 : 1;
  const report: Nis2Report = previous ? structuredClone(previous) : emptyReport(facts.incidentId, kind);
  report.id = `${facts.incidentId}:${kind}:${version}`;
  report.kind = kind;
  report.version = version;
  report.previousReportId = previous ? previous.id : null;
  report.status = 'draft';
  report.submittedAt = null;

  // What the analyst already wrote in the previous report wins over what the incident says.
  if (!report.title.trim()) report.title = facts.title.trim();
  if (!report.summary.trim()) report.summary = facts.description.trim();
  report.awarenessAt ??= facts.awareAt;
  report.detectionAt ??= facts.firstAlertAt;

  const org = facts.organisation;
  if (!report.entity.name.trim()) report.entity.name = org.name.trim();
  if (report.entity.memberState === null && org.memberState && !memberStateCode(org.memberState)) notes.push(`organisation member state "${org.memberState}" is not an EU member state code; left empty`);
  report.entity.memberState ??= memberStateCode(org.memberState);
  report.entity.sector ??= codedSector(org.sector, ['impact-sectors-impacted', 'important-entities'], has);
  report.entity.subsector ??= codedSector(org.subsector, ['impact-subsectors-impacted', 'impact-subsectors-important-entities'], has);
  const contact = org.contact ?? {};
  if (!report.entity.contact.name) report.entity.contact.name = contact.name?.trim() ?? '';
  if (!report.entity.contact.email) report.entity.contact.email = contact.email?.trim() ?? '';
  if (!report.entity.contact.phone) report.entity.contact.phone = contact.phone?.trim() ?? '';

  // Severity of the threat, technically: the incident's own severity. The real-world impact severity
  // (nis2:impact-severity) cannot be known from alerts and stays for the analyst.
  const threatSeverity = formatMachineTag('nis2', 'nature-severity', THREAT_SEVERITY[facts.severity]);
  if (report.impact.threatSeverity === null && has(threatSeverity)) {
    report.impact.threatSeverity = threatSeverity;
    notes.push(`impact.threatSeverity derived from incident severity "${facts.severity}"`);
  }
  if (report.impact.systemsAffected === null && facts.hosts.length > 0) report.impact.systemsAffected = new Set(facts.hosts.map((h) => h.name)).size;

  const attack = facts.tags.map(parseAttackTag).filter((t): t is AttackTag => t !== null);
  report.threat.attackTechniques = sortedUnique([...report.threat.attackTechniques, ...attack.map((t) => t.id)]);
  if (attack.length > 0) {
    if (report.suspectedUnlawfulOrMalicious === 'unknown') {
      report.suspectedUnlawfulOrMalicious = 'yes';
      notes.push('suspectedUnlawfulOrMalicious set to "yes": the alerts carry MITRE ATT&CK tactics or techniques');
    }
    const malicious = formatMachineTag('nis2', 'nature-root-cause', 'malicious-actions');
    if (report.classification.rootCauseCategory === null && has(malicious)) report.classification.rootCauseCategory = malicious;
    if (vocab && !vocab.incidentTypes) notes.push('the rsit taxonomy is not loaded: no incident type derived from ATT&CK tags');
    else {
      const types = incidentTypesFor(attack).filter(has);
      const added = types.filter((t) => !report.classification.incidentTypes.includes(t));
      report.classification.incidentTypes = sortedUnique([...report.classification.incidentTypes, ...types]);
      if (added.length > 0) notes.push(`incident types from ATT&CK tags: ${added.join(', ')}`);
    }
  }

  crossBorder(report, facts, notes);
  indicators(report, facts, options, notes);
  mitigation(report, facts, notes);

  const sourceCountries = sortedUnique(facts.sourceIps.map((s) => s.country?.trim().toUpperCase() ?? '').filter((c) => /^[A-Z]{2}$/.test(c)));
  if (sourceCountries.length > 0) notes.push(`source addresses located in: ${sourceCountries.join(', ')} (attacker side, not cross-border impact)`);
  if (facts.users.length > 0) notes.push(`${facts.users.length} user account(s) involved; impact.usersAffected counts affected service users and is left to the analyst`);
  if (facts.notes.length > 0) notes.push(`${facts.notes.length} incident note(s) not copied into the report`);

  return { report, missing: missingFields(report), notes };
}

function emptyReport(incidentId: string, kind: ReportKind): Nis2Report {
  return {
    id: '', incidentId, kind, version: 1, previousReportId: null, status: 'draft', submittedAt: null,
    title: '', summary: '',
    entity: { name: '', sector: null, subsector: null, memberState: null, contact: { name: '', email: '', phone: '' } },
    awarenessAt: null, detectionAt: null, suspectedUnlawfulOrMalicious: 'unknown',
    crossBorder: { impact: 'unknown', memberStates: [], details: '' },
    impact: { severity: null, outlook: null, threatSeverity: null, sectorsImpacted: [], description: '', usersAffected: null, systemsAffected: null, durationHours: null, financialImpactEur: null, operationalImpact: '' },
    classification: { rootCauseCategory: null, incidentTypes: [] },
    threat: { rootCause: '', threatType: '', attackTechniques: [] },
    indicators: [],
    mitigation: { applied: [], ongoing: [] },
    notes: [],
  };
}

function codedSector(text: string | null | undefined, predicates: readonly string[], has: (tag: string) => boolean): string | null {
  const t = text?.trim();
  if (!t) return null;
  const parsed = parseMachineTag(t);
  if (parsed) return parsed.namespace === 'nis2' && predicates.includes(parsed.predicate) && has(t) ? t : null;
  for (const p of predicates) {
    const tag = formatMachineTag('nis2', p, t.toLowerCase());
    if (has(tag)) return tag;
  }
  return null;
}

function crossBorder(report: Nis2Report, facts: IncidentFacts, notes: string[]): void {
  const home = report.entity.memberState;
  const countries = sortedUnique(facts.hosts.map((h) => h.country?.trim().toUpperCase() ?? '').filter((c) => c !== ''));
  const abroad = sortedUnique(countries.map(memberStateCode).filter((c): c is string => c !== null && c !== home));
  const outside = countries.filter((c) => memberStateCode(c) === null);
  if (outside.length > 0) notes.push(`affected assets outside the EU: ${outside.join(', ')}`);
  if (abroad.length === 0 || report.crossBorder.impact === 'no') return;
  const before = report.crossBorder.memberStates;
  report.crossBorder.memberStates = sortedUnique([...before, ...abroad]).filter((c) => EU_MEMBER_STATES.includes(c));
  if (report.crossBorder.impact === 'unknown') {
    if (!report.crossBorder.details.trim()) report.crossBorder.details = `Affected assets are located in ${abroad.join(', ')}; whether services there are impacted is being assessed.`;
    notes.push(`cross-border impact possible: affected assets in ${abroad.join(', ')}; confirm "yes" or "no"`);
  }
}

function tlpLevel(tlp: string | null | undefined): string | null {
  const t = tlp?.trim().toLowerCase().replace(/^tlp:/, '');
  return t ? t : null;
}

function indicators(report: Nis2Report, facts: IncidentFacts, options: PrefillOptions, notes: string[]): void {
  const withhold = new Set((options.withholdTlp ?? ['red']).map((t) => tlpLevel(t)));
  const max = options.maxIndicators ?? 500;
  const byKey = new Map<string, ReportIndicator>();
  for (const ind of report.indicators) byKey.set(`${ind.type}\u0000${ind.value}`, ind);
  const withheld = new Map<string, number>();
  for (const ind of facts.indicators) {
    const level = tlpLevel(ind.tlp);
    if (withhold.has(level)) {
      withheld.set(level!, (withheld.get(level!) ?? 0) + 1);
      continue;
    }
    const type = ind.type.trim();
    const value = ind.value.trim();
    if (!type || !value) continue;
    const key = `${type}\u0000${value}`;
    if (!byKey.has(key)) byKey.set(key, { type, value, tlp: level ? `TLP:${level.toUpperCase()}` : null });
  }
  const all = [...byKey.values()].sort((a, b) => a.type.localeCompare(b.type) || a.value.localeCompare(b.value));
  report.indicators = all.slice(0, max);
  if (all.length > max) notes.push(`${all.length - max} indicator(s) beyond the first ${max} left out`);
  for (const [level, n] of [...withheld].sort()) {
    const statement = `${n} indicator(s) marked TLP:${level.toUpperCase()} withheld from this report`;
    report.notes = sortedUnique([...report.notes.filter((s) => !s.endsWith(`marked TLP:${level.toUpperCase()} withheld from this report`)), statement]);
    notes.push(statement);
  }
}

function mitigation(report: Nis2Report, facts: IncidentFacts, notes: string[]): void {
  const key = (m: MitigationMeasure): string => `${m.at ?? ''}\u0000${m.action}`;
  const applied = new Map(report.mitigation.applied.map((m) => [key(m), m]));
  const ongoing = new Set(report.mitigation.ongoing);
  let failed = 0;
  for (const m of facts.mitigations) {
    const action = m.playbook ? `${m.action.trim()} (playbook ${m.playbook.trim()})` : m.action.trim();
    if (!action) continue;
    const status = m.status ?? 'done';
    if (status === 'failed') failed++;
    else if (status === 'running') ongoing.add(action);
    else {
      ongoing.delete(action);
      applied.set(key({ action, at: m.at }), { action, at: m.at });
    }
  }
  report.mitigation.applied = [...applied.values()].sort((a, b) => (a.at ?? '').localeCompare(b.at ?? '') || a.action.localeCompare(b.action));
  report.mitigation.ongoing = [...ongoing].sort();
  if (failed > 0) notes.push(`${failed} playbook action(s) failed and are not listed as mitigation`);
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
