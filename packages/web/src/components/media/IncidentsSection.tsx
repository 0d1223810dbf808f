// The organisation's disinformation incidents, most recently changed first, with a status filter and a
// search; for roles that may, "New incident".
import { Anchor, Button, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useMediaIncidents } from '../../api/useMediaIncidents.ts';
import { INCIDENT_STATUSES, type IncidentStatusValue, type IncidentValues } from '../../format/media-incident.ts';
import { formatTime } from '../../format/time.ts';
import { mediaHref } from '../../shell/media-routes.ts';
import { usePageState } from '../../state/usePageState.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { Pager } from '../Pager.tsx';
import { TlpBadge } from '../intel/TlpBadge.tsx';
import { DisarmIds } from './DisarmIds.tsx';
import { IncidentStatusBadge } from './IncidentDetail.tsx';
import { INCIDENT_DRAFT_KEY } from './IncidentForm.tsx';

const PAGE_SIZE = 50;

export function IncidentsSection({ canWrite, disarmNames }: { canWrite: boolean; disarmNames?: ReadonlyMap<string, string> }) {
  const [status, setStatus] = usePageState<IncidentStatusValue | ''>('media.incidents.status', '');
  const [search, setSearch] = usePageState('media.incidents.q', '');
  const [offset, setOffset] = useState(0);
  const [, setDraft] = usePageState<IncidentValues | undefined>(INCIDENT_DRAFT_KEY, undefined);
  const [q] = useDebouncedValue(search, 300);
  const incidents = useMediaIncidents({ status, q, limit: PAGE_SIZE, offset });
  const list = incidents.data?.incidents ?? [];
  return (
    <Stack gap="md">
      <Group align="flex-end" justify="space-between">
        <Group align="flex-end">
          <SegmentedControl aria-label="Incident status" value={status || 'all'}
            data={[{ value: 'all', label: 'All' }, ...INCIDENT_STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))]}
            onChange={(v) => { setStatus(v === 'all' ? '' : (v as IncidentStatusValue)); setOffset(0); }} />
          <TextInput label="Search incidents" placeholder="title, narrative, campaign, actor, channel…" value={search} maxLength={200}
            onChange={(e) => { setSearch(e.currentTarget.value); setOffset(0); }} w={340} />
        </Group>
        {canWrite && <Button component="a" href={mediaHref.incident('new')} onClick={() => setDraft(undefined)}>New incident</Button>}
      </Group>
      <ErrorNotice error={incidents.error} title="Could not load the incidents" />
      {incidents.isPending && <Text c="dimmed">Loading the incidents…</Text>}
      {incidents.data && (
        <>
          <Pager offset={offset} limit={PAGE_SIZE} shown={list.length} total={incidents.data.total} noun="incidents" onChange={setOffset} />
          {list.length === 0 ? <Text c="dimmed">No incidents match.</Text> : (
            <Table.ScrollContainer minWidth={1000}>
              <Table striped highlightOnHover fz="sm" verticalSpacing="xs">
                <Table.Caption>Disinformation incidents</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {['Title', 'Status', 'TLP', 'Campaign', 'Actors', 'DISARM', 'Narratives', 'Channels', 'Media', 'First seen', 'Updated'].map((c) => <Table.Th key={c}>{c}</Table.Th>)}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((i) => (
                    <Table.Tr key={i.id} data-incident={i.id}>
                      <Table.Td className="cell-message" miw={200}><Anchor href={mediaHref.incident(i.id)} size="sm">{i.title}</Anchor></Table.Td>
                      <Table.Td miw={130}><IncidentStatusBadge status={i.status} /></Table.Td>
                      <Table.Td><TlpBadge tlp={i.tlp} /></Table.Td>
                      <Table.Td className="cell-message">{i.campaign}</Table.Td>
                      <Table.Td className="cell-message">{i.actors.join(', ')}</Table.Td>
                      <Table.Td><DisarmIds ids={i.techniques} names={disarmNames} /></Table.Td>
                      <Table.Td>{i.narratives}</Table.Td>
                      <Table.Td>{i.channels}</Table.Td>
                      <Table.Td>{i.media}</Table.Td>
                      <Table.Td className="mono">{i.firstSeen ? formatTime(i.firstSeen) : '—'}</Table.Td>
                      <Table.Td className="mono">{formatTime(i.updatedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}
