// NIS2 reporting of one reportable incident: the clocks, the reports (every version), drafting a report
// of a kind (prefilled by the server) and one version opened for editing, submitting and export.
import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useDraftReport, useNis2State } from '../../api/useNis2.ts';
import { REPORT_KINDS, reportKindLabel } from '../../format/nis2.ts';
import { formatTime } from '../../format/time.ts';
import { incidentHref } from '../../shell/incident-routes.ts';
import { usePageState } from '../../state/usePageState.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { Nis2Clocks } from './Nis2Clocks.tsx';
import { Nis2ReportEditor } from './Nis2ReportEditor.tsx';

export function Nis2Panel({ incidentId, canWrite }: { incidentId: string; canWrite: boolean }) {
  const q = useNis2State(incidentId);
  const draft = useDraftReport(incidentId);
  const [open, setOpen] = usePageState<string | null>(`incidents.nis2.report.${incidentId}`, null);
  if (q.isPending) return <Text c="dimmed">Loading the NIS2 clocks…</Text>;
  if (!q.data) return <ErrorNotice error={q.error} title="Could not load the NIS2 clocks" />;
  const s = q.data;
  return (
    <Stack gap="md" data-testid="nis2-panel">
      <ErrorNotice error={q.error} title="Could not refresh the NIS2 clocks" />
      <Group gap="sm">
        <Text size="sm">{s.awareAt ? <>Aware since <span className="mono">{formatTime(s.awareAt)}</span></> : 'No time of awareness set.'}</Text>
        <Anchor size="sm" href={incidentHref.tab('nis2-profile')}>NIS2 profile of your organisation</Anchor>
        {s.taxonomies.nis2 === null && <Text size="sm" c="dimmed">The MISP taxonomies are not configured: coded fields are not checked.</Text>}
      </Group>
      <Nis2Clocks deadlines={s.deadlines} />
      {canWrite && (
        <Group gap="xs" aria-label="Draft a report">
          {REPORT_KINDS.map((k) => (
            <Button key={k} size="compact-sm" variant="default" loading={draft.isPending && draft.variables === k} disabled={draft.isPending}
              onClick={() => draft.mutate(k, { onSuccess: (v) => setOpen(v.summary.id) })}>Draft {reportKindLabel(k).toLowerCase()}</Button>
          ))}
        </Group>
      )}
      <ErrorNotice error={draft.error} title="The report was not drafted" />
      {s.reports.length === 0 ? <Text size="sm" c="dimmed" data-testid="no-reports">No reports yet.</Text> : (
        <Table.ScrollContainer minWidth={700}>
          <Table fz="sm" striped aria-label="NIS2 reports">
            <Table.Thead>
              <Table.Tr>{['Kind', 'Version', 'Status', 'Created', 'Submitted', ''].map((c, i) => <Table.Th key={i}>{c}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.reports.map((r) => (
                <Table.Tr key={r.id} data-report={r.id} data-report-kind={r.kind} aria-selected={open === r.id}>
                  <Table.Td>{reportKindLabel(r.kind)}</Table.Td>
                  <Table.Td>{r.version}</Table.Td>
                  <Table.Td><Badge color={r.status === 'submitted' ? 'green.9' : 'gray.7'} radius="sm">{r.status}</Badge></Table.Td>
                  <Table.Td className="mono">{formatTime(r.createdAt)}</Table.Td>
                  <Table.Td className="mono">{r.submittedAt ? formatTime(r.submittedAt) : '—'}</Table.Td>
                  <Table.Td><Button size="compact-xs" variant="default" aria-label={`Open ${reportKindLabel(r.kind).toLowerCase()} version ${r.version}`} onClick={() => setOpen(r.id)}>Open</Button></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open && <Nis2ReportEditor key={open} id={open} canWrite={canWrite} onSaved={setOpen} />}
    </Stack>
  );
}
