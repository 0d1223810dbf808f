// Alerts: filter by status and severity, act on them; new alerts arrive through the live stream.
import { Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import type { AlertStatus, SessionInfo, Severity } from '@bulwark/contracts';
import { useAlerts, useUpdateAlert } from '../api/useAlerts.ts';
import { AlertsTable } from '../components/AlertsTable.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { SEVERITIES, STATUSES } from '../format/severity.ts';
import { usePageState } from '../state/usePageState.ts';
import { plural } from '../format/plural.ts';

const ANY = { value: '', label: 'Any' };

export function AlertsPage({ session }: { session: SessionInfo }) {
  const [status, setStatus] = usePageState<AlertStatus | ''>('alerts.status', '');
  const [severity, setSeverity] = usePageState<Severity | ''>('alerts.severity', '');
  const alerts = useAlerts({ status: status || undefined, severity: severity || undefined });
  const update = useUpdateAlert();
  const rows = alerts.data?.pages.flatMap((p) => p.alerts) ?? [];

  return (
    <Stack>
      <Title order={2}>Alerts</Title>
      <Group align="flex-end">
        <NativeSelect
          label="Status"
          data={[ANY, ...STATUSES.map((s) => ({ value: s, label: s }))]}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as AlertStatus | '')}
        />
        <NativeSelect
          label="Severity"
          data={[ANY, ...SEVERITIES.map((s) => ({ value: s, label: s }))]}
          value={severity}
          onChange={(e) => setSeverity(e.currentTarget.value as Severity | '')}
        />
        <Button variant="default" onClick={() => void alerts.refetch()} loading={alerts.isRefetching}>
          Refresh
        </Button>
      </Group>
      <ErrorNotice error={alerts.error} title="Could not load alerts" />
      <ErrorNotice error={update.error} title="Could not update the alert" />
      {alerts.isPending && <Text c="dimmed">Loading alerts…</Text>}
      {alerts.isSuccess && (
        <>
          <Text size="sm" role="status">
            {plural(rows.length, 'alert')} shown{alerts.hasNextPage ? ', more available' : ''}
          </Text>
          <AlertsTable
            alerts={rows}
            userId={session.user.id}
            busyId={update.isPending ? update.variables?.id : undefined}
            onChange={(id, change) => update.mutate({ id, change })}
          />
          {alerts.hasNextPage && (
            <Group>
              <Button variant="default" onClick={() => void alerts.fetchNextPage()} loading={alerts.isFetchingNextPage}>
                Load more
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
