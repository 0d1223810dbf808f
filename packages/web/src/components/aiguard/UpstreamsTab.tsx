// The AI services behind the gateway (any OpenAI-compatible server, Azure OpenAI, a local model
// server): list for everyone who may read the gateway; add, edit and delete for instance
// administrators. The upstream's API key is write-only: the server says whether one is set, never
// what it is.
import { useState } from 'react';
import { Badge, Button, Card, Checkbox, Group, PasswordInput, SegmentedControl, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import type { AiguardUpstream, NewAiguardUpstream } from '@bulwark/contracts';
import { useAddUpstream, useAiguardUpstreams, useDeleteUpstream, useUpdateUpstream } from '../../api/useAiguardSetup.ts';
import { modelsToText, parseModels } from '../../format/aiguard.ts';
import { formatTime } from '../../format/time.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

interface Values {
  name: string;
  kind: 'openai' | 'azure';
  baseUrl: string;
  apiKey: string;
  clearKey: boolean;
  apiVersion: string;
  models: string;
  mode: 'enforce' | 'shadow';
  failPolicy: 'open' | 'closed';
  isDefault: boolean;
}

const blank: Values = { name: '', kind: 'openai', baseUrl: '', apiKey: '', clearKey: false, apiVersion: '', models: '', mode: 'enforce', failPolicy: 'closed', isDefault: false };
const valuesOf = (u: AiguardUpstream): Values => ({
  name: u.name, kind: u.kind, baseUrl: u.baseUrl, apiKey: '', clearKey: false, apiVersion: u.apiVersion ?? '', models: modelsToText(u.models), mode: u.mode, failPolicy: u.failPolicy, isDefault: u.isDefault,
});

function UpstreamForm({ existing, onDone }: { existing?: AiguardUpstream; onDone: () => void }) {
  const add = useAddUpstream();
  const update = useUpdateUpstream();
  const [v, setV] = useState<Values>(() => (existing ? valuesOf(existing) : blank));
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((p) => ({ ...p, [k]: value }));
  const models = parseModels(v.models);
  const modelsError = 'error' in models ? models.error : undefined;
  const pending = add.isPending || update.isPending;
  function submit(e: { preventDefault(): void }) {
    e.preventDefault();
    if (!('models' in models) || !v.name.trim() || !v.baseUrl.trim()) return;
    const body: NewAiguardUpstream = {
      name: v.name.trim(), kind: v.kind, baseUrl: v.baseUrl.trim(), apiVersion: v.apiVersion.trim() || null, models: models.models,
      mode: v.mode, failPolicy: v.failPolicy, isDefault: v.isDefault,
      ...(v.apiKey ? { apiKey: v.apiKey } : v.clearKey ? { apiKey: null } : existing ? {} : { apiKey: null }),
    };
    if (existing) update.mutate({ id: existing.id, body }, { onSuccess: onDone });
    else add.mutate(body, { onSuccess: onDone });
  }
  return (
    <Card withBorder component="form" aria-label={existing ? `Edit upstream ${existing.name}` : 'Add an upstream'} onSubmit={submit}>
      <Stack gap="xs">
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Name" value={v.name} onChange={(e) => set('name', e.currentTarget.value)} maxLength={100} required w={200} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>Kind</Text>
            <SegmentedControl aria-label="Kind" value={v.kind} onChange={(x) => set('kind', x as Values['kind'])} data={[{ value: 'openai', label: 'OpenAI-compatible' }, { value: 'azure', label: 'Azure OpenAI' }]} />
          </Stack>
          <TextInput label="Base URL" description={v.kind === 'azure' ? 'https://<resource>.openai.azure.com' : 'The URL before /chat/completions, e.g. https://api.example/v1'}
            value={v.baseUrl} onChange={(e) => set('baseUrl', e.currentTarget.value)} maxLength={2048} required w={380} />
        </Group>
        <Group align="flex-end" wrap="wrap">
          <PasswordInput label="API key" description={existing?.hasKey ? 'A key is set; leave empty to keep it' : 'Sent to the upstream; never shown again'}
            value={v.apiKey} onChange={(e) => set('apiKey', e.currentTarget.value)} maxLength={4096} w={300} autoComplete="off" />
          {existing?.hasKey && <Checkbox label="Remove the key" checked={v.clearKey} disabled={!!v.apiKey} onChange={(e) => set('clearKey', e.currentTarget.checked)} />}
          <TextInput label="API version" description="Azure only" value={v.apiVersion} onChange={(e) => set('apiVersion', e.currentTarget.value)} maxLength={50} w={160} />
        </Group>
        <Textarea label="Models" description='One per line: "model offered = model (or Azure deployment) at the upstream"; empty: the upstream&apos;s own list'
          value={v.models} onChange={(e) => set('models', e.currentTarget.value)} autosize minRows={2} maxRows={8} error={modelsError} ff="monospace" />
        <Group align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500}>Mode</Text>
            <SegmentedControl aria-label="Mode" value={v.mode} onChange={(x) => set('mode', x as Values['mode'])} data={[{ value: 'enforce', label: 'Enforce' }, { value: 'shadow', label: 'Shadow (log only)' }]} />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>When a scanner fails</Text>
            <SegmentedControl aria-label="Fail policy" value={v.failPolicy} onChange={(x) => set('failPolicy', x as Values['failPolicy'])} data={[{ value: 'closed', label: 'Refuse (closed)' }, { value: 'open', label: 'Forward (open)' }]} />
          </Stack>
          <Checkbox label="Default upstream (for keys without their own)" checked={v.isDefault} onChange={(e) => set('isDefault', e.currentTarget.checked)} />
        </Group>
        <ErrorNotice error={add.error ?? update.error} title="Could not save the upstream" />
        <Group>
          <Button type="submit" loading={pending} disabled={!!modelsError || !v.name.trim() || !v.baseUrl.trim()}>{existing ? 'Save upstream' : 'Add upstream'}</Button>
          <Button variant="default" onClick={onDone}>Cancel</Button>
        </Group>
      </Stack>
    </Card>
  );
}

function DeleteUpstream({ u }: { u: AiguardUpstream }) {
  const del = useDeleteUpstream();
  const [asking, setAsking] = useState(false);
  if (!asking) return <Button size="compact-xs" color="red" variant="light" onClick={() => setAsking(true)} aria-label={`Delete upstream ${u.name}`}>Delete</Button>;
  return (
    <Stack gap={4}>
      <Group gap={4} wrap="nowrap">
        <Button size="compact-xs" color="red" loading={del.isPending} onClick={() => del.mutate(u.id)}>Delete it</Button>
        <Button size="compact-xs" variant="default" onClick={() => setAsking(false)}>Keep it</Button>
      </Group>
      <ErrorNotice error={del.error} title="Could not delete the upstream" />
    </Stack>
  );
}

export function UpstreamsTab({ canAdmin }: { canAdmin: boolean }) {
  const q = useAiguardUpstreams();
  const [editing, setEditing] = useState<string | 'new'>();
  const upstreams = q.data?.upstreams ?? [];
  const edited = upstreams.find((u) => u.id === editing);
  return (
    <Stack gap="md">
      {!canAdmin && <Text size="sm" c="dimmed">Instance administrators add and change the upstream AI services.</Text>}
      {canAdmin && editing === undefined && <Group><Button onClick={() => setEditing('new')}>Add upstream</Button></Group>}
      {canAdmin && editing === 'new' && <UpstreamForm onDone={() => setEditing(undefined)} />}
      {canAdmin && edited && <UpstreamForm key={edited.id} existing={edited} onDone={() => setEditing(undefined)} />}
      <ErrorNotice error={q.error} title="Could not load the upstreams" />
      {q.data && upstreams.length === 0 && <Text c="dimmed" data-testid="no-upstreams">No upstream yet: the gateway has nowhere to send requests.</Text>}
      {upstreams.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label="Upstreams">
            <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Base URL</Table.Th><Table.Th>Key</Table.Th><Table.Th>Models</Table.Th><Table.Th>Mode</Table.Th><Table.Th>Scanner failure</Table.Th><Table.Th>Updated</Table.Th>{canAdmin && <Table.Th />}</Table.Tr></Table.Thead>
            <Table.Tbody>
              {upstreams.map((u) => (
                <Table.Tr key={u.id} data-upstream={u.id}>
                  <Table.Td><Group gap={4}><Text size="sm">{u.name}</Text>{u.isDefault && <Badge size="xs" variant="light">default</Badge>}</Group></Table.Td>
                  <Table.Td><Text size="sm">{u.kind === 'azure' ? `Azure${u.apiVersion ? ` (${u.apiVersion})` : ''}` : 'OpenAI-compatible'}</Text></Table.Td>
                  <Table.Td><Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{u.baseUrl}</Text></Table.Td>
                  <Table.Td><Text size="sm">{u.hasKey ? 'set' : 'none'}</Text></Table.Td>
                  <Table.Td><Text size="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap' }}>{Object.keys(u.models).length ? modelsToText(u.models) : 'the upstream\'s own'}</Text></Table.Td>
                  <Table.Td><Badge color={u.mode === 'shadow' ? 'gray' : 'blue'} variant="light" radius="sm" style={{ minWidth: 'max-content' }}>{u.mode}</Badge></Table.Td>
                  <Table.Td><Text size="sm">{u.failPolicy === 'open' ? 'forward (open)' : 'refuse (closed)'}</Text></Table.Td>
                  <Table.Td><Text size="sm">{formatTime(u.updatedAt)}</Text></Table.Td>
                  {canAdmin && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-xs" variant="default" onClick={() => setEditing(u.id)} aria-label={`Edit upstream ${u.name}`}>Edit</Button>
                        <DeleteUpstream u={u} />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
