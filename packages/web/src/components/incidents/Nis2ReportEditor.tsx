// One NIS2 report version: what is still missing, the problems the server found and how it prefilled
// the fields; the main free-text fields edited and saved as the next version (the whole document is
// sent back); submitted (the server says why when it is incomplete); exported as JSON or PDF.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import type { Nis2ReportView } from '@bulwark/contracts';
import { useExportReport, useNis2Report, useSaveReport, useSubmitReport } from '../../api/useNis2.ts';
import { reportKindLabel, textFieldsOf, withTextFields, type ReportTextFields } from '../../format/nis2.ts';
import { formatTime } from '../../format/time.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

const TRI = [{ value: 'unknown', label: 'Unknown' }, { value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }];
type Tri = ReportTextFields['crossBorderImpact'];

export function Nis2ReportEditor({ id, canWrite, onSaved }: { id: string; canWrite: boolean; onSaved: (id: string) => void }) {
  const q = useNis2Report(id);
  if (q.isPending) return <Text c="dimmed">Loading the report…</Text>;
  if (!q.data) return <ErrorNotice error={q.error} title="Could not load the report" />;
  return <ReportForm view={q.data} canWrite={canWrite} onSaved={onSaved} />;
}

function ReportForm({ view, canWrite, onSaved }: { view: Nis2ReportView; canWrite: boolean; onSaved: (id: string) => void }) {
  const { summary: r, document: doc } = view;
  const [f, setF] = useState<ReportTextFields>(() => textFieldsOf(doc));
  const save = useSaveReport();
  const submit = useSubmitReport();
  const exp = useExportReport();
  const editable = canWrite && r.status !== 'submitted';
  const set = <K extends keyof ReportTextFields>(k: K, v: ReportTextFields[K]) => setF((old) => ({ ...old, [k]: v }));
  const title = `${reportKindLabel(r.kind)} version ${r.version}`;
  return (
    <Paper withBorder p="md" component="section" aria-label={title} data-report-editor={r.id}>
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={4}>{title}</Title>
          <Badge color={r.status === 'submitted' ? 'green.9' : 'gray.7'} radius="sm" data-testid="report-status">{r.status}</Badge>
          {r.submittedAt && <Text size="sm" c="dimmed">submitted <span className="mono">{formatTime(r.submittedAt)}</span></Text>}
        </Group>
        {view.missing.length > 0 && (
          <Alert color="orange" variant="outline" title="Missing" data-testid="report-missing">
            <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>{view.missing.map((m) => <li key={m} className="mono">{m}</li>)}</ul>
          </Alert>
        )}
        {view.problems.length > 0 && (
          <Alert color="red" variant="outline" title="Problems" data-testid="report-problems">
            <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>
              {view.problems.map((p, i) => <li key={i}><span className="mono">{p.field}</span> ({p.severity}): {p.message}</li>)}
            </ul>
          </Alert>
        )}
        {view.notes.length > 0 && (
          <details>
            <summary><Text span size="sm">How the report was prefilled ({view.notes.length})</Text></summary>
            <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>{view.notes.map((n, i) => <li key={i}><Text size="sm">{n}</Text></li>)}</ul>
          </details>
        )}
        <form aria-label="Edit the report" onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ id: r.id, document: withTextFields(doc, f) }, { onSuccess: (v) => onSaved(v.summary.id) });
        }}>
          <Stack gap="xs">
            <Textarea label="Summary" value={f.summary} onChange={(e) => set('summary', e.currentTarget.value)} readOnly={!editable} autosize minRows={3} maxRows={12} maxLength={20_000} />
            <Textarea label="Impact description" value={f.impactDescription} onChange={(e) => set('impactDescription', e.currentTarget.value)} readOnly={!editable} autosize minRows={2} maxRows={12} maxLength={20_000} />
            <Textarea label="Root cause" value={f.rootCause} onChange={(e) => set('rootCause', e.currentTarget.value)} readOnly={!editable} autosize minRows={2} maxRows={12} maxLength={20_000} />
            <Group align="flex-start" grow>
              <Select label="Suspected unlawful or malicious" data={TRI} value={f.suspectedUnlawfulOrMalicious} allowDeselect={false} disabled={!editable}
                onChange={(v) => v && set('suspectedUnlawfulOrMalicious', v as Tri)} />
              <Select label="Cross-border impact" data={TRI} value={f.crossBorderImpact} allowDeselect={false} disabled={!editable}
                onChange={(v) => v && set('crossBorderImpact', v as Tri)} />
            </Group>
            <Textarea label="Cross-border details" value={f.crossBorderDetails} onChange={(e) => set('crossBorderDetails', e.currentTarget.value)} readOnly={!editable} autosize minRows={1} maxRows={8} maxLength={5000} />
            <Group gap="xs">
              {editable && <Button type="submit" loading={save.isPending}>Save new version</Button>}
              {editable && <Button variant="filled" color="green.9" loading={submit.isPending} onClick={() => submit.mutate(r.id)}>Submit</Button>}
              <Button variant="default" loading={exp.isPending && exp.variables?.format === 'json'} onClick={() => exp.mutate({ report: r, format: 'json' })}>Download JSON</Button>
              <Button variant="default" loading={exp.isPending && exp.variables?.format === 'pdf'} onClick={() => exp.mutate({ report: r, format: 'pdf' })}>Download PDF</Button>
            </Group>
            {submit.isSuccess && <Text size="sm" role="status">Submitted at {submit.data.submittedAt ? formatTime(submit.data.submittedAt) : '—'}.</Text>}
            <ErrorNotice error={save.error} title="The report was not saved" />
            <ErrorNotice error={submit.error} title="The report was not submitted" />
            <ErrorNotice error={exp.error} title="The export failed" />
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
