// The incident queue as a table; titles are untrusted and rendered as plain text. Rows can be selected
// (for merging).
import { Anchor, Checkbox, Table, Text } from '@mantine/core';
import type { Incident } from '@bulwark/contracts';
import { incidentRef, ownerLabel, type OwnerContext } from '../../format/incident.ts';
import { formatTime } from '../../format/time.ts';
import { incidentHref } from '../../shell/incident-routes.ts';
import { SeverityBadge } from '../SeverityBadge.tsx';
import { IncidentStatusBadge } from './IncidentStatusBadge.tsx';
import { TacticChips } from './TacticChips.tsx';

interface Props {
  readonly incidents: readonly Incident[];
  readonly owners: OwnerContext;
  readonly selected: ReadonlySet<string>;
  readonly onToggle: (id: string, on: boolean) => void;
}

const COLUMNS = ['Incident', 'Title', 'Severity', 'Status', 'Owner', 'Alerts', 'Tactics', 'Last alert', 'NIS2'];

export function QueueTable({ incidents, owners, selected, onToggle }: Props) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover verticalSpacing="xs" fz="sm" aria-label="Incident queue">
        <Table.Caption>Incidents, most recently changed first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th><span className="visually-hidden">Select</span></Table.Th>
            {COLUMNS.map((c) => <Table.Th key={c}>{c}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {incidents.map((i) => (
            <Table.Tr key={i.id} data-incident={i.id} data-number={i.number} data-status={i.status}>
              <Table.Td>
                <Checkbox aria-label={`Select ${incidentRef(i.number)}`} checked={selected.has(i.id)} disabled={i.status === 'merged'}
                  onChange={(e) => onToggle(i.id, e.currentTarget.checked)} />
              </Table.Td>
              <Table.Td className="mono"><Anchor href={incidentHref.incident(i.id)} size="sm">{incidentRef(i.number)}</Anchor></Table.Td>
              <Table.Td className="cell-message" miw={220}>{i.title}</Table.Td>
              <Table.Td><SeverityBadge severity={i.severity} /></Table.Td>
              <Table.Td><IncidentStatusBadge status={i.status} /></Table.Td>
              <Table.Td title={i.ownerId ?? undefined}>{ownerLabel(i.ownerId, owners)}</Table.Td>
              <Table.Td>{i.alertCount}</Table.Td>
              <Table.Td miw={180}><TacticChips tactics={i.tactics} /></Table.Td>
              <Table.Td className="mono">{i.lastAlertAt ? formatTime(i.lastAlertAt) : '—'}</Table.Td>
              <Table.Td>{i.reportable ? <Text size="sm" fw={600} c="red.8" title={i.awareAt ? `aware since ${formatTime(i.awareAt)}` : undefined}>Reportable</Text> : <Text size="sm" c="dimmed">—</Text>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
