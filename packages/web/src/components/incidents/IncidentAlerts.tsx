// The incident's alerts (newest first); selected ones can be split off into a new incident.
import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import type { Alert, Incident } from '@bulwark/contracts';
import { useSplitIncident } from '../../api/useIncidents.ts';
import { incidentRef } from '../../format/incident.ts';
import { formatTime } from '../../format/time.ts';
import { incidentHref } from '../../shell/incident-routes.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { SeverityBadge } from '../SeverityBadge.tsx';

interface Props {
  readonly incident: Incident;
  readonly alerts: readonly Alert[];
  readonly canWrite: boolean;
}

export function IncidentAlerts({ incident, alerts, canWrite }: Props) {
  const split = useSplitIncident(incident.id);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [title, setTitle] = useState('');
  const picked = alerts.filter((a) => selected.has(a.id)).map((a) => a.id);
  const writable = canWrite && incident.status !== 'merged';
  const toggle = (id: string, on: boolean) => setSelected((s) => {
    const next = new Set(s);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });
  const doSplit = () => split.mutate({ alertIds: picked, ...(title.trim() ? { title: title.trim() } : {}) }, {
    onSuccess: () => { setSelected(new Set()); setTitle(''); },
  });
  if (alerts.length === 0) return <Text c="dimmed">No alerts in this incident.</Text>;
  return (
    <Stack gap="sm">
      {writable && (
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label="Title of the new incident (optional)" value={title} maxLength={300} onChange={(e) => setTitle(e.currentTarget.value)} w={340} />
          <Button disabled={picked.length === 0 || picked.length === alerts.length} loading={split.isPending} onClick={doSplit}>Split into new incident</Button>
          <Text size="sm" c="dimmed" role="status">{picked.length} of {alerts.length} selected</Text>
        </Group>
      )}
      <ErrorNotice error={split.error} title="Could not split the incident" />
      {split.data && (
        <Text size="sm" role="status">Split off into <Anchor href={incidentHref.incident(split.data.id)}>{incidentRef(split.data.number)}</Anchor>.</Text>
      )}
      <Table.ScrollContainer minWidth={800}>
        <Table striped highlightOnHover verticalSpacing="xs" fz="sm" aria-label="Incident alerts">
          <Table.Thead>
            <Table.Tr>
              {writable && <Table.Th><span className="visually-hidden">Select</span></Table.Th>}
              {['Time', 'Severity', 'Title', 'Detector / rule', 'Events'].map((c) => <Table.Th key={c}>{c}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {alerts.map((a) => (
              <Table.Tr key={a.id} data-alert-id={a.id}>
                {writable && (
                  <Table.Td><Checkbox aria-label={`Select alert ${a.title}`} checked={selected.has(a.id)} onChange={(e) => toggle(a.id, e.currentTarget.checked)} /></Table.Td>
                )}
                <Table.Td className="mono" title={a.eventTime}>{formatTime(a.eventTime)}</Table.Td>
                <Table.Td><SeverityBadge severity={a.severity} /></Table.Td>
                <Table.Td className="cell-message">{a.title}</Table.Td>
                <Table.Td className="cell-message">{a.detector} / {a.ruleId}</Table.Td>
                <Table.Td>{a.eventIds.length}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
