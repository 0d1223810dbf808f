import { describe, expect, it } from 'vitest';
import { prefillReport, validateReport, type Nis2Report } from './report.ts';
import { sampleFacts, testVocabulary } from './testing/fixtures.ts';

const vocabulary = testVocabulary();

describe('prefillReport', () => {
  it('maps what the incident knows into an early warning', () => {
    const { report, missing, notes } = prefillReport('early-warning', sampleFacts(), null, { vocabulary });
    expect(report.id).toBe('inc-42:early-warning:1');
    expect(report.entity).toEqual({ name: 'Bundesamt Beispiel', sector: 'nis2:impact-sectors-impacted="public-administration"', subsector: 'nis2:impact-subsectors-impacted="public-administration-subsector"', memberState: 'DE', contact: { name: 'SOC duty', email: 'soc@example.org', phone: '+49 30 000000' } });
    expect(report.awarenessAt).toBe('2025-03-03T08:10:00Z');
    expect(report.detectionAt).toBe('2025-03-03T07:40:00Z');
    expect(report.suspectedUnlawfulOrMalicious).toBe('yes');
    expect(report.classification).toEqual({
      rootCauseCategory: 'nis2:nature-root-cause="malicious-actions"',
      incidentTypes: ['rsit:fraud="phishing"', 'rsit:information-content-security="unauthorised-information-modification"', 'rsit:intrusions="system-compromise"', 'rsit:malicious-code="infected-system"'],
    });
    expect(report.threat.attackTechniques).toEqual(['T1486', 'T1566.001', 'TA0002', 'TA0011']);
    expect(report.impact.threatSeverity).toBe('nis2:nature-severity="high"');
    expect(report.impact.severity).toBeNull();
    expect(report.impact.systemsAffected).toBe(3);
    // AT is another member state: possible cross-border impact; US is outside the EU.
    expect(report.crossBorder).toMatchObject({ impact: 'unknown', memberStates: ['AT'] });
    expect(notes).toContain('affected assets outside the EU: US');
    // TLP:RED stays out, with a statement; duplicates are merged.
    expect(report.indicators).toEqual([
      { type: 'domain-name', value: 'evil.example', tlp: 'TLP:GREEN' },
      { type: 'ipv4-addr', value: '203.0.113.7', tlp: 'TLP:AMBER' },
    ]);
    expect(report.notes).toEqual(['1 indicator(s) marked TLP:RED withheld from this report']);
    expect(report.mitigation.applied.map((m) => m.action)).toEqual(['Isolate host pay-01 (playbook ransomware-containment)', 'Isolate host pay-02 (playbook ransomware-containment)']);
    expect(report.mitigation.ongoing).toEqual(['Reset credentials of j.doe']);
    expect(notes).toContain('1 playbook action(s) failed and are not listed as mitigation');
    expect(missing).toEqual([]);
    expect(validateReport(report, vocabulary).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('lists the fields the analyst must fill for a notification and a final report', () => {
    const ew = prefillReport('early-warning', sampleFacts(), null, { vocabulary }).report;
    const nt = prefillReport('notification', sampleFacts(), ew, { vocabulary });
    expect(nt.report.previousReportId).toBe('inc-42:early-warning:1');
    expect(nt.missing).toEqual(['impact.severity', 'impact.description']);
    const fin = prefillReport('final', sampleFacts(), nt.report, { vocabulary });
    expect(fin.missing).toEqual(['impact.severity', 'impact.description', 'threat.rootCause', 'crossBorder.impact']);
  });

  it('keeps what the analyst wrote in the previous report and counts versions of one kind', () => {
    const first = prefillReport('notification', sampleFacts(), null, { vocabulary }).report;
    const edited: Nis2Report = structuredClone(first);
    edited.title = 'Edited title';
    edited.impact.severity = 'nis2:impact-severity="yellow"';
    edited.crossBorder = { impact: 'no', memberStates: [], details: 'Austrian server is a backup copy only' };
    edited.status = 'submitted';
    edited.submittedAt = '2025-03-04T10:00:00Z';
    const second = prefillReport('notification', { ...sampleFacts(), title: 'New title' }, edited, { vocabulary }).report;
    expect(second).toMatchObject({ id: 'inc-42:notification:2', version: 2, previousReportId: 'inc-42:notification:1', title: 'Edited title', status: 'draft', submittedAt: null });
    expect(second.impact.severity).toBe('nis2:impact-severity="yellow"');
    expect(second.crossBorder).toEqual({ impact: 'no', memberStates: [], details: 'Austrian server is a backup copy only' });
    expect(() => prefillReport('final', { ...sampleFacts(), incidentId: 'other' }, edited)).toThrow(/belongs to incident inc-42/);
  });

  it('is deterministic and does not depend on input order', () => {
    const a = prefillReport('final', sampleFacts(), null, { vocabulary });
    const shuffled = sampleFacts();
    shuffled.indicators.reverse();
    shuffled.tags.reverse();
    shuffled.mitigations.reverse();
    shuffled.hosts.reverse();
    expect(JSON.stringify(prefillReport('final', shuffled, null, { vocabulary }))).toBe(JSON.stringify(a));
  });

  it('sets no coded value the loaded taxonomy lacks', () => {
    const facts = { ...sampleFacts(), organisation: { ...sampleFacts().organisation, sector: 'fishing' } };
    const noRsit = { ...vocabulary, incidentTypes: null };
    const { report, missing, notes } = prefillReport('early-warning', facts, null, { vocabulary: noRsit });
    expect(report.entity.sector).toBeNull();
    expect(missing).toEqual(['entity.sector']);
    expect(report.classification.incidentTypes).toEqual([]);
    expect(notes).toContain('the rsit taxonomy is not loaded: no incident type derived from ATT&CK tags');
  });

  it('can withhold TLP:AMBER+STRICT too', () => {
    const facts = sampleFacts();
    facts.indicators.push({ type: 'url', value: 'https://x.example/a', tlp: 'TLP:AMBER+STRICT' });
    const { report } = prefillReport('notification', facts, null, { vocabulary, withholdTlp: ['red', 'amber+strict'] });
    expect(report.indicators.map((i) => i.type)).toEqual(['domain-name', 'ipv4-addr']);
    expect(report.notes).toEqual(['1 indicator(s) marked TLP:AMBER+STRICT withheld from this report', '1 indicator(s) marked TLP:RED withheld from this report']);
  });
});

describe('validateReport', () => {
  const base = (): Nis2Report => prefillReport('final', sampleFacts(), null, { vocabulary }).report;

  it('names required fields per kind', () => {
    const r = base();
    const required = validateReport(r, vocabulary).filter((p) => p.code === 'required').map((p) => p.field);
    expect(required).toEqual(['impact.severity', 'impact.description', 'previousReportId', 'threat.rootCause', 'crossBorder.impact']);
    r.kind = 'early-warning';
    r.entity.contact = { name: 'x', email: '', phone: '' };
    expect(validateReport(r, vocabulary).filter((p) => p.code === 'required').map((p) => p.field)).toEqual(['entity.contact']);
  });

  it('rejects values outside the taxonomy and inconsistent fields', () => {
    const r = base();
    r.impact.severity = 'nis2:impact-severity="purple"';
    r.impact.outlook = 'nis2:impact-severity="red"';
    r.entity.subsector = 'nis2:impact-subsectors-impacted="rail"';
    r.classification.incidentTypes.push('rsit:intrusions="teleportation"');
    r.crossBorder = { impact: 'yes', memberStates: ['XX', 'DE'], details: '' };
    r.impact.usersAffected = -3;
    r.detectionAt = '2025-03-04T00:00:00Z';
    r.awarenessAt = 'yesterday';
    r.indicators.push({ type: 'ip', value: '1.2.3.4', tlp: 'tlp:red' });
    const problems = validateReport(r, vocabulary).map((p) => `${p.severity} ${p.field}: ${p.message}`);
    expect(problems).toEqual(expect.arrayContaining([
      'error impact.severity: nis2:impact-severity has no value "purple"',
      'error impact.outlook: nis2:impact-severity is not allowed here (expected nis2:impact-outlook)',
      'error entity.subsector: subsector nis2:impact-subsectors-impacted="rail" is not part of sector nis2:impact-sectors-impacted="public-administration"',
      'error classification.incidentTypes[4]: rsit:intrusions has no value "teleportation"',
      'error crossBorder.memberStates[0]: "XX" is not the ISO code of an EU member state',
      "warning crossBorder.memberStates[1]: DE is the entity's own member state",
      'error impact.usersAffected: -3 is not a non-negative number',
      'error awarenessAt: awarenessAt: "yesterday" is not an ISO 8601 time with a zone',
      'error indicators[2]: a TLP:RED indicator must not leave the organisation in a report',
    ]));
  });
});
