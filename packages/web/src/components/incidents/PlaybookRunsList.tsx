// Playbook runs, newest first: every run of the organisation (with a status filter) or one incident's.
import { Select, Stack, Text } from '@mantine/core';
import { usePlaybookRuns } from '../../api/usePlaybooks.ts';
import { RUN_STATUSES, runStatusLabel } from '../../format/playbook-run.ts';
import { usePageState } from '../../state/usePageState.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { PlaybookRunCard } from './PlaybookRunCard.tsx';

export function PlaybookRunsList({ incidentId, canApprove }: { incidentId?: string; canApprove: boolean }) {
  const [status, setStatus] = usePageState<string>(`incidents.runs.status.${incidentId ?? 'all'}`, '');
  const q = usePlaybookRuns({ incident: incidentId, status: status || undefined });
  const runs = q.data?.runs ?? [];
  return (
    <Stack gap="md">
      <Select label="Run status" w={260} value={status} allowDeselect={false} onChange={(v) => setStatus(v ?? '')}
        data={[{ value: '', label: 'Any status' }, ...RUN_STATUSES.map((s) => ({ value: s, label: runStatusLabel(s) }))]} />
      <ErrorNotice error={q.error} title="Could not load the playbook runs" />
      {q.isPending && <Text c="dimmed">Loading…</Text>}
      {q.data && runs.length === 0 && <Text c="dimmed" data-testid="no-runs">No playbook runs{status ? ` ${runStatusLabel(status)}` : ''}{incidentId ? ' for this incident' : ''}.</Text>}
      {runs.map((r) => <PlaybookRunCard key={r.id} run={r} canApprove={canApprove} showIncident={!incidentId} />)}
    </Stack>
  );
}
