import { describe, expect, it } from 'vitest';
import { computeDeadlines } from './clocks.ts';
import { exportReportJson, NIS2_REPORT_SCHEMA, serializeReportJson } from './export-json.ts';
import { exportReportPdf } from './export-pdf.ts';
import { prefillReport, type Nis2Report } from './report.ts';
import { readPdf } from './testing/pdf-read.ts';
import { sampleFacts, testVocabulary } from './testing/fixtures.ts';

const vocabulary = testVocabulary();
const generatedAt = '2025-03-05T12:00:00Z';
const draft = (): Nis2Report => prefillReport('notification', sampleFacts(), null, { vocabulary }).report;
const winAnsi = (s: string): string => Buffer.from(s, 'latin1').toString('latin1');

describe('JSON export', () => {
  it('has a schema version and machine tags with their meaning for coded fields', () => {
    const deadlines = computeDeadlines({ awareAt: '2025-03-03T08:10:00Z' }, new Date(generatedAt));
    const json = exportReportJson(draft(), { vocabulary, generatedAt, deadlines });
    expect(json.schema).toBe(NIS2_REPORT_SCHEMA);
    expect(json.report).toMatchObject({ id: 'inc-42:notification:1', kind: 'notification', kindTitle: 'Incident notification' });
    expect(json.entity.sector).toEqual({ tag: 'nis2:impact-sectors-impacted="public-administration"', namespace: 'nis2', predicate: 'impact-sectors-impacted', value: 'public-administration', expanded: 'Public-administration' });
    expect(json.classification.incidentTypes.map((c) => c.value)).toEqual(['phishing', 'unauthorised-information-modification', 'system-compromise', 'infected-system']);
    expect(json.deadlines.map((d) => d.status)).toEqual(['overdue', 'pending', 'pending']);
    expect(json.taxonomies).toEqual([{ namespace: 'nis2', version: 1 }, { namespace: 'rsit', version: 1 }]);
    expect(Object.keys(json)).toEqual(['schema', 'generatedAt', 'report', 'title', 'summary', 'entity', 'awarenessAt', 'detectionAt', 'suspectedUnlawfulOrMalicious', 'crossBorder', 'impact', 'classification', 'threat', 'indicators', 'mitigation', 'notes', 'deadlines', 'taxonomies']);
  });

  it('marks a tag the taxonomy does not know and is byte-identical for the same input', () => {
    const r = draft();
    r.impact.severity = 'nis2:impact-severity="purple"';
    expect(exportReportJson(r, { vocabulary, generatedAt }).impact.severity?.expanded).toBeNull();
    expect(serializeReportJson(r, { vocabulary, generatedAt })).toBe(serializeReportJson(structuredClone(r), { vocabulary, generatedAt }));
  });
});

describe('PDF export', () => {
  it('writes a valid PDF 1.7 whose cross-reference offsets point at their objects and which carries the report text', () => {
    const pdf = exportReportPdf(draft(), { vocabulary, generatedAt, deadlines: computeDeadlines({ awareAt: '2025-03-03T08:10:00Z' }, new Date(generatedAt)) });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const back = readPdf(pdf);
    expect(back.pageCount).toBe(back.pages.length);
    const all = back.pages.flat().join('\n');
    for (const expected of ['NIS2 Incident notification', 'Ransomware on the payroll servers', 'Bundesamt Beispiel', 'Indicators of compromise (2)', 'evil.example', '203.0.113.7', 'Isolate host pay-01 (playbook ransomware-containment)', 'OVERDUE', 'Report inc-42:notification:1 v1', 'Generated 2025-03-05 12:00 UTC', `Page 1 of ${back.pageCount}`]) {
      expect(all).toContain(expected);
    }
    expect(all).not.toContain('a'.repeat(64));
    expect(back.objects.get(3)).toContain('/BaseFont /Helvetica /Encoding /WinAnsiEncoding');
  });

  it('breaks a long report over the expected number of pages, each with its footer', () => {
    const facts = sampleFacts();
    for (let i = 0; i < 200; i++) facts.indicators.push({ type: 'ipv4-addr', value: `198.51.100.${i}`, tlp: 'green' });
    const r = prefillReport('notification', facts, null, { vocabulary }).report;
    const back = readPdf(exportReportPdf(r, { vocabulary, generatedAt }));
    expect(back.pageCount).toBe(7);
    back.pages.forEach((runs, i) => expect(runs).toContain(`Page ${i + 1} of 7`));
    // The table starts on page 2 and its header repeats on every page it runs onto.
    expect(back.pages[1]!.slice(0, 4)).toEqual(['Indicators of compromise (202)', 'Type', 'Value', 'TLP']);
    expect(back.pages.slice(2).map((runs) => runs.slice(0, 3).join('|'))).toEqual(Array(5).fill('Type|Value|TLP'));
    const values = back.pages.flat().filter((t) => t.startsWith('198.51.100.'));
    expect(new Set(values).size).toBe(200);
  });

  it('keeps hostile text inside its strings', () => {
    const r = draft();
    r.title = 'x) Tj ET\nendstream\nendobj\n%%EOF (\\) \u0000\u0007\u001b[31m\u202eevil';
    r.summary = 'Kraków, Zoë, Ærø, €5 — “quoted” 🚀 中文 ő';
    const pdf = exportReportPdf(r, { vocabulary, generatedAt });
    const back = readPdf(pdf);
    const runs = back.pages.flat();
    expect(runs).toContain('x) Tj ET');
    expect(runs).toContain('%%EOF (\\) [31mevil');
    expect(runs.join('\n')).toContain(winAnsi('Krak\u00f3w, Zo\u00eb, \u00c6r\u00f8, \u0080') + '5 \u0097 \u0093quoted\u0094 ? ?? o');
    expect(pdf.toString('latin1').indexOf('\n%%EOF')).toBe(pdf.length - 7);
    expect(pdf.toString('latin1').match(/\nendstream/g)?.length).toBe(back.pageCount);
  });

  it('refuses a report past its limits', () => {
    const r = draft();
    r.summary = 'x'.repeat(1_000_001);
    expect(() => exportReportPdf(r, { vocabulary, generatedAt })).toThrow(/at most 1000000/);
  });

  it('is the same file for the same input', () => {
    expect(exportReportPdf(draft(), { vocabulary, generatedAt }).equals(exportReportPdf(draft(), { vocabulary, generatedAt }))).toBe(true);
  });
});
