// Alerts as a table; titles, rule ids and detectors are untrusted and rendered as plain text.
import { Table, Text } from '@mantine/core';
import type { Alert, UpdateAlert } from '@bulwark/contracts';
import { formatTime } from '../format/time.ts';
import { SeverityBadge } from './SeverityBadge.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { AlertActions } from './AlertActions.tsx';

interface Props {
  readonly alerts: readonly Alert[];
  readonly userId: string;
  readonly busyId: string | undefined;
  readonly onChange: (id: string, change: UpdateAlert) => void;
}

function assignee(a: Alert, userId: string): string {
  if (a.assigneeId === null) return '—';
  return a.assigneeId === userId ? 'me' : a.assigneeId.slice(0, 8);
}

export function AlertsTable({ alerts, userId, busyId, onChange }: Props) {
  if (alerts.length === 0) return <Text c="dimmed">No alerts match.</Text>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" fz="sm">
        <Table.Caption>Alerts, newest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {['Time', 'Severity', 'Status', 'Title', 'Detector / rule', 'Events', 'Assignee', 'Actions'].map((c) => (
              <Table.Th key={c}>{c}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((a) => (
            <Table.Tr key={a.id} data-alert-id={a.id} data-status={a.status} data-severity={a.severity}>
              <Table.Td className="mono" title={a.eventTime}>{formatTime(a.eventTime)}</Table.Td>
              <Table.Td><SeverityBadge severity={a.severity} /></Table.Td>
              <Table.Td><StatusBadge status={a.status} /></Table.Td>
              <Table.Td className="cell-message">{a.title}</Table.Td>
              <Table.Td className="cell-message">{a.detector} / {a.ruleId}</Table.Td>
              <Table.Td>{a.eventIds.length}</Table.Td>
              <Table.Td title={a.assigneeId ?? undefined}>{assignee(a, userId)}</Table.Td>
              <Table.Td>
                <AlertActions alert={a} userId={userId} busy={busyId === a.id} onChange={(c) => onChange(a.id, c)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
