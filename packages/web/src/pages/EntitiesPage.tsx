// Entity risk (UEBA): users, hosts and source addresses with anomaly findings, riskiest first; one
// entity's daily risk timeline and the findings behind it, each with its explanation, and a way to
// mark a finding as a false positive (later findings of the same job, entity and feature are
// suppressed). Entity names and explanations are untrusted text, shown plain.
import { Anchor, Badge, Button, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { Alert, AnomalyEntityKind, SessionInfo } from '@bulwark/contracts';
import { parseEntityKey, useAnomalyEntities, useAnomalyEntity, useMarkFalsePositive } from '../api/useAnomaly.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { JsonBlock } from '../components/JsonBlock.tsx';
import { SeverityBadge } from '../components/SeverityBadge.tsx';
import { detailHref } from '../shell/routes.ts';
import { useHashDetail } from '../shell/useHashDetail.ts';

const riskColor = (r: number) => (r >= 75 ? 'red' : r >= 50 ? 'orange' : r >= 25 ? 'yellow' : 'gray');

function EntityList() {
  const list = useAnomalyEntities();
  const entities = list.data?.entities ?? [];
  return (
    <Stack>
      <ErrorNotice error={list.error} title="Could not load the entities" />
      {list.isPending && <Text c="dimmed">Loading…</Text>}
      {list.data && entities.length === 0 && <Text c="dimmed">No anomaly findings in the last 30 days.</Text>}
      {entities.length > 0 && (
        <Table striped highlightOnHover aria-label="Entities by risk">
          <Table.Thead>
            <Table.Tr><Table.Th>Entity</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Risk</Table.Th><Table.Th>Findings</Table.Th><Table.Th>Last finding</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entities.map((e) => (
              <Table.Tr key={`${e.kind}/${e.entity}`}>
                <Table.Td><Anchor href={detailHref('entities', `${e.kind}/${e.entity}`)}>{e.entity}</Anchor></Table.Td>
                <Table.Td>{e.kind}</Table.Td>
                <Table.Td><Badge color={riskColor(e.risk)} variant="filled">{e.risk}</Badge></Table.Td>
                <Table.Td>{e.findings}</Table.Td>
                <Table.Td>{new Date(e.last).toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Finding({ alert, canWrite }: { alert: Alert; canWrite: boolean }) {
  const mark = useMarkFalsePositive();
  const f = alert.fields as { job?: string; score?: number; feature?: string; explanation?: unknown };
  const closed = alert.status === 'closed';
  return (
    <Card withBorder component="article" aria-label={`Finding ${alert.title}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <SeverityBadge severity={alert.severity} />
            <Badge variant="light">score {String(f.score ?? '?')}</Badge>
            <Text fw={600}>{alert.title}</Text>
          </Group>
          <Text size="sm" c="dimmed">{new Date(alert.eventTime).toLocaleString()}</Text>
        </Group>
        <Text size="sm">Job <code>{String(f.job ?? alert.ruleId)}</code>, feature <code>{String(f.feature ?? '')}</code>{alert.tags.includes('false-positive') ? ' — marked as a false positive' : closed ? ' — closed' : ''}</Text>
        <JsonBlock value={f.explanation} label="Explanation" />
        <ErrorNotice error={mark.error} title="Could not mark the finding" />
        {canWrite && !alert.tags.includes('false-positive') && (
          <Group><Button size="xs" variant="default" loading={mark.isPending} onClick={() => mark.mutate(alert.id)}>False positive: suppress similar findings</Button></Group>
        )}
      </Stack>
    </Card>
  );
}

function EntityDetail({ kind, entity, onClose, canWrite }: { kind: AnomalyEntityKind; entity: string; onClose: () => void; canWrite: boolean }) {
  const q = useAnomalyEntity(kind, entity);
  const d = q.data;
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={3}>{kind} {entity}</Title>
        <Button variant="default" size="xs" onClick={onClose}>Back to the list</Button>
      </Group>
      <ErrorNotice error={q.error} title="Could not load the entity" />
      {d && (
        <>
          <Group><Text>Current risk</Text><Badge size="lg" color={riskColor(d.risk)} variant="filled">{d.risk}</Badge></Group>
          <Stack component="section" aria-labelledby="timeline-heading" gap="xs">
            <Title order={4} id="timeline-heading">Risk timeline (highest finding score per day)</Title>
            {d.timeline.length === 0 && <Text c="dimmed">No open findings.</Text>}
            {d.timeline.map((p) => (
              <Group key={p.day} gap="sm" wrap="nowrap">
                <Text size="sm" w={100}>{p.day}</Text>
                <Progress value={p.risk} color={riskColor(p.risk)} w={300} aria-label={`Risk ${p.risk} on ${p.day}`} />
                <Text size="sm">{p.risk} ({p.findings} finding{p.findings === 1 ? '' : 's'})</Text>
              </Group>
            ))}
          </Stack>
          <Stack component="section" aria-labelledby="findings-heading" gap="sm">
            <Title order={4} id="findings-heading">Findings</Title>
            {d.findings.map((a) => <Finding key={a.id} alert={a} canWrite={canWrite} />)}
          </Stack>
        </>
      )}
    </Stack>
  );
}

export function EntitiesPage({ session }: { session: SessionInfo }) {
  const [key, close] = useHashDetail('entities');
  const selected = key ? parseEntityKey(key) : undefined;
  return (
    <Stack gap="xl">
      <Title order={2}>Entity risk</Title>
      {selected
        ? <EntityDetail kind={selected.kind} entity={selected.entity} onClose={close} canWrite={session.permissions.includes('alerts:write')} />
        : <EntityList />}
    </Stack>
  );
}
