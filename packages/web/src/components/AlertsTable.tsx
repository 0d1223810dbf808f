// Alerts as a table; titles, rule ids and detectors are untrusted and rendered as plain text.
import { Table, Text } from '@mantine/core';
import type { Alert, UpdateAlert } from '@bulwark/contracts';
import { ALERT_COLUMNS, AlertRow } from './AlertRow.tsx';

interface Props {
  readonly alerts: readonly Alert[];
  readonly userId: string;
  readonly busyId: string | undefined;
  readonly onChange: (id: string, change: UpdateAlert) => void;
}

export function AlertsTable({ alerts, userId, busyId, onChange }: Props) {
  if (alerts.length === 0) return <Text c="dimmed">No alerts match.</Text>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" fz="sm">
        <Table.Caption>Alerts, newest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {ALERT_COLUMNS.map((c) => (
              <Table.Th key={c || 'details'}>{c || <span className="visually-hidden">Details</span>}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((a) => (
            <AlertRow key={a.id} alert={a} userId={userId} busy={busyId === a.id} onChange={(c) => onChange(a.id, c)} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
