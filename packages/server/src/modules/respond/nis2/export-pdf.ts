// The PDF export of a report: an A4 document with the report's sections, indicators as a table, the
// deadlines and their status, and a footer with page numbers, report id and version and generation time.
import type { Deadline } from './clocks.ts';
import { codedValue, exportReportJson, KIND_TITLES, type ExportOptions } from './export-json.ts';
import { PdfLayout } from './pdf-layout.ts';
import { writePdf } from './pdf-writer.ts';
import type { Nis2Report, TriState } from './report.ts';

const DASH = '–';

function when(iso: string | null): string {
  if (!iso) return DASH;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const text = (s: string): string => (s.trim() ? s : DASH);
const num = (v: number | null, unit = ''): string => (v === null ? DASH : `${v.toLocaleString('en-GB')}${unit}`);
const tri = (v: TriState): string => ({ yes: 'Yes', no: 'No', unknown: 'Unknown' })[v];

const DEADLINE_STATUS: Record<Deadline['status'], string> = {
  pending: 'Pending', 'due-soon': 'Due soon', overdue: 'OVERDUE', 'submitted-on-time': 'Submitted on time', 'submitted-late': 'Submitted late',
};
const DEADLINE_TITLE: Record<Deadline['kind'], string> = { 'early-warning': 'Early warning (24 h)', notification: 'Incident notification (72 h)', progress: 'Progress report', final: 'Final report (1 month)' };

/** Bounds the work and the file: a report past these is refused rather than laid out for minutes. */
export const PDF_LIMITS = { maxIndicators: 5000, maxTextChars: 1_000_000 } as const;

export function exportReportPdf(report: Nis2Report, options: ExportOptions): Buffer {
  if (report.indicators.length > PDF_LIMITS.maxIndicators) throw new RangeError(`report has ${report.indicators.length} indicators, the PDF export takes at most ${PDF_LIMITS.maxIndicators}`);
  const chars = JSON.stringify(report).length;
  if (chars > PDF_LIMITS.maxTextChars) throw new RangeError(`report is ${chars} characters of JSON, the PDF export takes at most ${PDF_LIMITS.maxTextChars}`);
  const doc = exportReportJson(report, options);
  const coded = (tag: string | null): string => {
    if (tag === null) return DASH;
    const c = codedValue(options.vocabulary, tag);
    return c.expanded ? `${c.expanded} (${c.tag})` : `${c.tag} (not in the taxonomy)`;
  };
  const layout = new PdfLayout();
  const kindTitle = KIND_TITLES[report.kind];
  layout.title(`NIS2 ${kindTitle}`, `${text(report.title)}\nReport ${report.id}, version ${report.version}, ${report.status}${report.previousReportId ? `, follows ${report.previousReportId}` : ''}`);

  if (doc.deadlines.length > 0) {
    layout.heading('Deadlines and submission (Article 23(4) of Directive (EU) 2022/2555)');
    layout.table(
      [{ title: 'Report', width: 30 }, { title: 'Due', width: 28 }, { title: 'Status', width: 20 }, { title: 'Submitted', width: 22 }],
      doc.deadlines.map((d) => [DEADLINE_TITLE[d.kind], d.dueAt ? `${when(d.dueAt)}${d.provisional ? ' (provisional)' : ''}` : `not yet known: ${d.basis}`, DEADLINE_STATUS[d.status], when(d.submittedAt)]),
    );
  }

  layout.heading('Entity');
  layout.field('Name', text(report.entity.name));
  layout.field('Sector', coded(report.entity.sector));
  layout.field('Subsector', coded(report.entity.subsector));
  layout.field('Member state', report.entity.memberState ?? DASH);
  const c = report.entity.contact;
  layout.field('Contact', [c.name, c.email, c.phone].filter((s) => s.trim()).join('\n') || DASH);

  layout.heading('Incident');
  layout.field('Aware since', when(report.awarenessAt));
  layout.field('Detected', when(report.detectionAt));
  layout.field('Suspected unlawful or malicious act', tri(report.suspectedUnlawfulOrMalicious));
  layout.field('Description', text(report.summary));

  layout.heading('Cross-border impact');
  layout.field('Cross-border impact', tri(report.crossBorder.impact));
  layout.field('Member states', report.crossBorder.memberStates.join(', ') || DASH);
  layout.field('Details', text(report.crossBorder.details));

  layout.heading('Severity and impact');
  layout.field('Impact severity', coded(report.impact.severity));
  layout.field('Outlook', coded(report.impact.outlook));
  layout.field('Threat severity', coded(report.impact.threatSeverity));
  layout.field('Sectors impacted', report.impact.sectorsImpacted.map(coded).join('\n') || DASH);
  layout.field('Impact', text(report.impact.description));
  layout.field('Users affected', num(report.impact.usersAffected));
  layout.field('Systems affected', num(report.impact.systemsAffected));
  layout.field('Duration', num(report.impact.durationHours, ' h'));
  layout.field('Financial impact', num(report.impact.financialImpactEur, ' EUR'));
  layout.field('Operational impact', text(report.impact.operationalImpact));

  layout.heading('Threat and root cause');
  layout.field('Root cause category', coded(report.classification.rootCauseCategory));
  layout.field('Incident types', report.classification.incidentTypes.map(coded).join('\n') || DASH);
  layout.field('Root cause', text(report.threat.rootCause));
  layout.field('Threat type', text(report.threat.threatType));
  layout.field('ATT&CK', report.threat.attackTechniques.join(', ') || DASH);

  layout.heading(`Indicators of compromise (${report.indicators.length})`);
  if (report.indicators.length === 0) layout.paragraph('None provided.');
  else layout.table([{ title: 'Type', width: 22 }, { title: 'Value', width: 62 }, { title: 'TLP', width: 16 }], report.indicators.map((i) => [i.type, i.value, i.tlp ?? DASH]));

  layout.heading('Mitigation measures');
  if (report.mitigation.applied.length === 0) layout.field('Applied', DASH);
  else layout.table([{ title: 'Applied', width: 24 }, { title: 'Measure', width: 76 }], report.mitigation.applied.map((m) => [when(m.at), m.action]));
  layout.field('Ongoing', report.mitigation.ongoing.join('\n') || DASH);

  if (report.notes.length > 0) {
    layout.heading('Notes');
    for (const note of report.notes) layout.paragraph(note);
  }

  const generated = new Date(options.generatedAt);
  const pages = layout.finish(`Report ${report.id.length > 60 ? `${report.id.slice(0, 57)}...` : report.id} v${report.version}`, `Generated ${when(options.generatedAt)}`);
  return writePdf(pages, { title: `NIS2 ${kindTitle}: ${report.title}`, subject: `Report ${report.id} version ${report.version}`, creationDate: Number.isNaN(generated.getTime()) ? new Date(0) : generated });
}
