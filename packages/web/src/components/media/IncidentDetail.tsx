// One disinformation incident: status, TLP, campaign and dates; summary, narratives, channels (with their
// FIMI attribution), actors, DISARM techniques by name, linked bank entries and checks, and notes; for
// roles that may, edit and delete; for everyone, the STIX export. Every text is untrusted and shown
// plain; channel URLs are links only when they are http(s).
import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { MediaIncident } from '@bulwark/contracts';
import { useMediaEntry } from '../../api/useMediaBanks.ts';
import { useMediaCheck } from '../../api/useMediaChecks.ts';
import { useDeleteIncident, useIncidentStixExport, useMediaIncident } from '../../api/useMediaIncidents.ts';
import { STATUS_COLOR, attributionLabel, channelKindLabel, type IncidentStatusValue } from '../../format/media-incident.ts';
import { formatTime } from '../../format/time.ts';
import { mediaHref } from '../../shell/media-routes.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { TlpBadge } from '../intel/TlpBadge.tsx';
import { IncidentForm } from './IncidentForm.tsx';
import { SafeLink } from './SafeLink.tsx';
import { VerdictBadge } from './VerdictBadge.tsx';

export function IncidentStatusBadge({ status }: { status: string }) {
  return <Badge color={STATUS_COLOR[status as IncidentStatusValue] ?? 'gray'} variant="light" radius="sm" data-status={status}>{status}</Badge>;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="xs">
        <Title order={4}>{title}</Title>
        {children}
      </Stack>
    </Paper>
  );
}

function LinkedEntry({ id }: { id: string }) {
  const e = useMediaEntry(id);
  return (
    <List.Item>
      <Anchor href={mediaHref.entry(id)} size="sm">{e.data ? e.data.title || '(untitled entry)' : id}</Anchor>
      {e.data && <Text span size="xs" c="dimmed"> · {e.data.kind} · {e.data.status}</Text>}
      {e.isError && <Text span size="xs" c="red"> · not readable</Text>}
    </List.Item>
  );
}

function LinkedCheck({ id }: { id: string }) {
  const c = useMediaCheck(id);
  return (
    <List.Item>
      <Group gap="xs">
        <Anchor href={mediaHref.check(id)} size="sm">{c.data ? c.data.name || '(no name)' : id}</Anchor>
        {c.data && <VerdictBadge verdict={c.data.verdict} />}
        {c.data && <Text span size="xs" c="dimmed">{formatTime(c.data.checkedAt)}</Text>}
        {c.isError && <Text span size="xs" c="red">not readable</Text>}
      </Group>
    </List.Item>
  );
}

function IncidentView({ incident, disarmNames }: { incident: MediaIncident; disarmNames?: ReadonlyMap<string, string> }) {
  const i = incident;
  const details = new Map(i.techniqueDetails.map((t) => [t.id, t]));
  return (
    <Stack gap="md">
      {i.summary && <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{i.summary}</Text>}
      <Section title="Narratives">
        {i.narratives.length === 0 ? <Text size="sm" c="dimmed">None recorded.</Text> : (
          <List size="sm">{i.narratives.map((n, k) => <List.Item key={k} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{n}</List.Item>)}</List>
        )}
      </Section>
      <Section title="Channels">
        {i.channels.length === 0 ? <Text size="sm" c="dimmed">None recorded.</Text> : (
          <Table.ScrollContainer minWidth={800}>
            <Table fz="sm" striped verticalSpacing={4}>
              <Table.Thead><Table.Tr><Table.Th>Platform</Table.Th><Table.Th>Name</Table.Th><Table.Th>URL</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Attribution</Table.Th><Table.Th>Actor</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {i.channels.map((c, k) => (
                  <Table.Tr key={k}>
                    <Table.Td className="cell-message">{c.platform}</Table.Td>
                    <Table.Td className="cell-message">{c.name}</Table.Td>
                    <Table.Td className="cell-message">{c.url ? <SafeLink text={c.url} /> : '—'}</Table.Td>
                    <Table.Td>{channelKindLabel(c.kind)}</Table.Td>
                    <Table.Td>{attributionLabel(c.attribution)}</Table.Td>
                    <Table.Td className="cell-message">{c.actor ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <Section title="Actors">
        {i.actors.length === 0 ? <Text size="sm" c="dimmed">None recorded.</Text> : (
          <Table fz="sm" striped verticalSpacing={4}>
            <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Confidence</Table.Th><Table.Th>Description</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {i.actors.map((a, k) => (
                <Table.Tr key={k}>
                  <Table.Td className="cell-message">{a.name}</Table.Td>
                  <Table.Td>{a.confidence ?? '—'}</Table.Td>
                  <Table.Td className="cell-message" style={{ whiteSpace: 'pre-wrap' }}>{a.description ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <Section title="DISARM techniques">
        {i.techniques.length === 0 ? <Text size="sm" c="dimmed">None recorded.</Text> : (
          <Table fz="sm" striped verticalSpacing={4}>
            <Table.Thead><Table.Tr><Table.Th>Id</Table.Th><Table.Th>Technique</Table.Th><Table.Th>Tactic</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {i.techniques.map((id) => {
                const d = details.get(id);
                const name = d?.name ?? disarmNames?.get(id);
                return (
                  <Table.Tr key={id} data-technique={id}>
                    <Table.Td className="mono">{id}</Table.Td>
                    <Table.Td>{name ?? <Text span size="sm" c="dimmed">not in the DISARM catalogue</Text>}</Table.Td>
                    <Table.Td className="mono">{d?.tacticId ?? '—'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <Section title="Linked media">
        {i.mediaEntries.length === 0 && i.mediaChecks.length === 0 && <Text size="sm" c="dimmed">None linked.</Text>}
        {i.mediaEntries.length > 0 && (
          <>
            <Text size="sm" fw={500}>Bank entries</Text>
            <List size="sm">{i.mediaEntries.map((id) => <LinkedEntry key={id} id={id} />)}</List>
          </>
        )}
        {i.mediaChecks.length > 0 && (
          <>
            <Text size="sm" fw={500}>Checks</Text>
            <List size="sm">{i.mediaChecks.map((id) => <LinkedCheck key={id} id={id} />)}</List>
          </>
        )}
      </Section>
      <Section title="Notes">
        {i.notes ? <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{i.notes}</Text> : <Text size="sm" c="dimmed">No notes.</Text>}
      </Section>
    </Stack>
  );
}

export function IncidentDetail({ id, canWrite, disarmNames }: { id: string; canWrite: boolean; disarmNames?: ReadonlyMap<string, string> }) {
  const incident = useMediaIncident(id);
  const exp = useIncidentStixExport();
  const remove = useDeleteIncident();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const i = incident.data;
  return (
    <Stack gap="md">
      <Anchor href={mediaHref.incidents()} size="sm">← All incidents</Anchor>
      <ErrorNotice error={incident.error} title="Could not load the incident" />
      {incident.isPending && <Text c="dimmed">Loading the incident…</Text>}
      {i && (
        <>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Title order={3} style={{ overflowWrap: 'anywhere' }}>{i.title}</Title>
              <Group gap="xs">
                <IncidentStatusBadge status={i.status} />
                <TlpBadge tlp={i.tlp} />
                {i.campaign && <Text size="sm">Campaign: {i.campaign}</Text>}
              </Group>
              <Text size="xs" c="dimmed">
                First seen {i.firstSeen ? formatTime(i.firstSeen) : '—'} · last seen {i.lastSeen ? formatTime(i.lastSeen) : '—'} · updated {formatTime(i.updatedAt)}
              </Text>
            </Stack>
            <Group gap="xs">
              <Button variant="default" size="xs" loading={exp.isPending} onClick={() => exp.mutate(i)}>Export STIX</Button>
              {canWrite && !editing && <Button variant="default" size="xs" onClick={() => setEditing(true)}>Edit</Button>}
              {canWrite && !editing && !confirming && <Button variant="light" color="red" size="xs" onClick={() => setConfirming(true)}>Delete</Button>}
            </Group>
          </Group>
          {confirming && (
            <Group gap="xs">
              <Text size="sm">Delete the incident? Its linked media stay in their banks and checks.</Text>
              <Button color="red" size="xs" loading={remove.isPending}
                onClick={() => remove.mutate(i.id, { onSuccess: () => { window.location.hash = mediaHref.incidents(); } })}>Delete the incident</Button>
              <Button variant="default" size="xs" onClick={() => setConfirming(false)}>Keep it</Button>
            </Group>
          )}
          <ErrorNotice error={exp.error} title="Could not export the incident" />
          <ErrorNotice error={remove.error} title="Could not delete the incident" />
          {editing
            ? <IncidentForm incident={i} disarmNames={disarmNames} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
            : <IncidentView incident={i} disarmNames={disarmNames} />}
        </>
      )}
    </Stack>
  );
}
