// One alert as a table row; a toggle reveals the rule (a Sigma rule links to its detail), its ATT&CK
// tags and references, the fields that matched and the events behind it — all untrusted, rendered as
// plain text (references are not links).
import { useState } from 'react';
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import type { Alert, UpdateAlert } from '@bulwark/contracts';
import { formatTime } from '../format/time.ts';
import { AlertActions } from './AlertActions.tsx';
import { AlertRuleRef } from './AlertRuleRef.tsx';
import { JsonBlock } from './JsonBlock.tsx';
import { SeverityBadge } from './SeverityBadge.tsx';
import { StatusBadge } from './StatusBadge.tsx';

export const ALERT_COLUMNS = ['', 'Time', 'Severity', 'Status', 'Title', 'Detector / rule', 'Events', 'Assignee', 'Actions'] as const;

interface Props {
  readonly alert: Alert;
  readonly userId: string;
  readonly busy: boolean;
  readonly onChange: (change: UpdateAlert) => void;
}

function assignee(a: Alert, userId: string): string {
  if (a.assigneeId === null) return '—';
  return a.assigneeId === userId ? 'me' : a.assigneeId.slice(0, 8);
}

export function AlertRow({ alert: a, userId, busy, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const detailsId = `alert-details-${a.id}`;
  return (
    <>
      <Table.Tr data-alert-id={a.id} data-status={a.status} data-severity={a.severity}>
        <Table.Td>
          <Button size="compact-xs" variant="default" aria-expanded={open} aria-controls={open ? detailsId : undefined} aria-label={open ? 'Hide alert details' : 'Show alert details'} onClick={() => setOpen((o) => !o)}>
            {open ? '−' : '+'}
          </Button>
        </Table.Td>
        <Table.Td className="mono" title={a.eventTime}>{formatTime(a.eventTime)}</Table.Td>
        <Table.Td><SeverityBadge severity={a.severity} /></Table.Td>
        <Table.Td><StatusBadge status={a.status} /></Table.Td>
        <Table.Td className="cell-message">{a.title}</Table.Td>
        <Table.Td className="cell-message">{a.detector} / {a.ruleId}</Table.Td>
        <Table.Td>{a.eventIds.length}</Table.Td>
        <Table.Td title={a.assigneeId ?? undefined}>{assignee(a, userId)}</Table.Td>
        <Table.Td>
          <AlertActions alert={a} userId={userId} busy={busy} onChange={onChange} />
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId} data-alert-details={a.id}>
          <Table.Td colSpan={ALERT_COLUMNS.length}>
            <Stack gap="xs">
              <AlertRuleRef alert={a} />
              {a.tags.length > 0 && <Group gap="xs"><Text size="sm" fw={600}>Tags</Text><Text size="sm" className="mono">{a.tags.join(' ')}</Text></Group>}
              {a.references.length > 0 && (
                <div>
                  <Text size="sm" fw={600}>References</Text>
                  {a.references.map((r) => <Text key={r} size="sm" className="mono">{r}</Text>)}
                </div>
              )}
              <div>
                <Text size="sm" fw={600}>Matched fields</Text>
                <JsonBlock value={a.fields} label="Fields that matched" />
              </div>
              <Text size="xs" c="dimmed">events: {a.eventIds.join(', ')} · raised {formatTime(a.createdAt)}</Text>
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
