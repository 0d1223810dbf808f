// Playbooks: the newest version of each (id, name, version, enabled, triggers, steps), one playbook's
// YAML and versions, an editor that saves a new version (playbooks:write; the server's problems are
// shown as it words them) and a dry run against a pasted alert or incident. YAML is shown as text.
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { usePlaybook, usePlaybookList } from '../../api/usePlaybooks.ts';
import { formatTime } from '../../format/time.ts';
import { usePageState } from '../../state/usePageState.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { PlaybookEditor } from './PlaybookEditor.tsx';

const NEW = '';

export function PlaybooksTab({ canWrite }: { canWrite: boolean }) {
  const list = usePlaybookList();
  const [selected, setSelected] = usePageState<string | null>('incidents.playbooks.selected', null);
  const playbooks = list.data?.playbooks ?? [];
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">Automated responses to alerts and incident changes, as versioned YAML documents.</Text>
        {canWrite && <Button size="sm" variant="default" onClick={() => setSelected(NEW)}>New playbook</Button>}
      </Group>
      {!canWrite && <Text size="sm" c="dimmed">Your role may read playbooks and dry-run them but not save them.</Text>}
      <ErrorNotice error={list.error} title="Could not load the playbooks" />
      {list.isPending && <Text c="dimmed">Loading…</Text>}
      {list.data && playbooks.length === 0 && <Text c="dimmed" data-testid="no-playbooks">No playbooks yet.</Text>}
      {playbooks.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped fz="sm" aria-label="Playbooks">
            <Table.Thead>
              <Table.Tr>{['Id', 'Name', 'Version', 'Enabled', 'Triggers', 'Steps', 'Saved', ''].map((c, i) => <Table.Th key={i}>{c}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {playbooks.map((p) => (
                <Table.Tr key={p.id} data-playbook={p.id} aria-selected={selected === p.id}>
                  <Table.Td className="mono">{p.id}</Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{p.version}</Table.Td>
                  <Table.Td>{p.enabled ? <Badge color="green.9" radius="sm">enabled</Badge> : <Badge color="gray.7" radius="sm">disabled</Badge>}</Table.Td>
                  <Table.Td className="mono">{p.triggers.join(', ') || '—'}</Table.Td>
                  <Table.Td>{p.steps}</Table.Td>
                  <Table.Td className="mono">{formatTime(p.createdAt)}</Table.Td>
                  <Table.Td><Button size="compact-xs" variant="default" aria-label={`Open playbook ${p.id}`} onClick={() => setSelected(p.id)}>Open</Button></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {selected !== null && <PlaybookDetail key={selected} id={selected} canWrite={canWrite} onSaved={setSelected} />}
    </Stack>
  );
}

const TEMPLATE = `id: my-playbook
name: My playbook
version: 1
on:
  incident:
    types: [created]
steps:
  - id: lookup
    uses: enrich.intel
    with: { value: "{{ incident.entities.ips[0] }}" }
`;

function PlaybookDetail({ id, canWrite, onSaved }: { id: string; canWrite: boolean; onSaved: (id: string) => void }) {
  const q = usePlaybook(id || undefined);
  if (id && q.isPending) return <Text c="dimmed">Loading the playbook…</Text>;
  if (id && !q.data) return <ErrorNotice error={q.error} title="Could not load the playbook" />;
  const d = q.data;
  return (
    <Paper withBorder p="md" component="section" aria-label={id ? `Playbook ${id}` : 'New playbook'} data-playbook-detail={id}>
      <Stack gap="md">
        <Title order={3}>{d ? `${d.playbook.name} (version ${d.playbook.version})` : 'New playbook'}</Title>
        {d && (
          <>
            <Text size="sm" fw={600}>Newest document</Text>
            <pre className="inert-pre" aria-label={`YAML of ${id}`} tabIndex={0}>{d.source}</pre>
            <Text size="sm" fw={600}>Versions</Text>
            <ul aria-label="Versions" style={{ margin: 0, paddingLeft: '1.2rem' }}>
              {d.versions.map((v) => (
                <li key={v.version}><Text size="sm">version {v.version} · {v.enabled ? 'enabled' : 'disabled'} · <span className="mono">{formatTime(v.createdAt)}</span></Text></li>
              ))}
            </ul>
          </>
        )}
        <PlaybookEditor key={d?.playbook.version ?? 0} initial={d?.source ?? TEMPLATE} canWrite={canWrite} onSaved={onSaved} />
      </Stack>
    </Paper>
  );
}
