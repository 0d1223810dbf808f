// Sharing groups (administrators): the groups your organisation owns or belongs to, with their members;
// create a group, add or remove members of your own groups, delete them. Names and descriptions are
// untrusted text, shown plain.
import { useState } from 'react';
import { Button, Card, Group, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { SessionInfo, SharingGroup } from '@bulwark/contracts';
import { parseMember, useCreateGroup, useDeleteGroup, useSharingGroups, useUpdateGroup } from '../api/useSharingGroups.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';

function CreateGroup() {
  const create = useCreateGroup();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [releasability, setReleasability] = useState('');
  const [members, setMembers] = useState('');
  const parsed = members.split(/[\s,]+/).filter(Boolean).map(parseMember);
  const bad = parsed.some((m) => m === undefined);
  const submit = () => create.mutate(
    { name, description, releasability, members: parsed.filter((m): m is NonNullable<typeof m> => m !== undefined) },
    { onSuccess: () => { setName(''); setDescription(''); setReleasability(''); setMembers(''); } },
  );
  return (
    <Card withBorder component="section" aria-labelledby="create-group-heading">
      <Stack gap="xs">
        <Title order={3} id="create-group-heading">New sharing group</Title>
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={200} />
        <Textarea label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={5000} autosize minRows={1} />
        <TextInput label="Releasability" description="Who else may be told, in words" value={releasability} onChange={(e) => setReleasability(e.currentTarget.value)} maxLength={5000} />
        <TextInput
          label="Members" description="Organisations of this instance (slug or id), or instance/organisation for other instances; separated by spaces or commas. Your organisation is always a member."
          value={members} onChange={(e) => setMembers(e.currentTarget.value)} error={bad ? 'give org or instance/org' : undefined}
        />
        <ErrorNotice error={create.error} title="Could not create the group" />
        <Group><Button onClick={submit} disabled={!name.trim() || bad} loading={create.isPending}>Create group</Button></Group>
      </Stack>
    </Card>
  );
}

function GroupCard({ group, mine }: { group: SharingGroup; mine: boolean }) {
  const update = useUpdateGroup();
  const remove = useDeleteGroup();
  const [adding, setAdding] = useState('');
  const [confirming, setConfirming] = useState(false);
  const member = parseMember(adding);
  return (
    <Card withBorder component="article" data-group={group.id} aria-label={`Sharing group ${group.name}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <div>
            <Text fw={600}>{group.name}</Text>
            <Text size="xs" c="dimmed">{group.id} · owner {group.ownerInstance}/{group.ownerOrg}{mine ? ' (your organisation)' : ''}</Text>
          </div>
          {mine && !confirming && <Button color="red" variant="light" size="xs" onClick={() => setConfirming(true)}>Delete</Button>}
          {mine && confirming && (
            <Group gap="xs">
              <Text size="xs">Objects shared with it keep their members.</Text>
              <Button color="red" size="xs" loading={remove.isPending} onClick={() => remove.mutate(group.id)}>Delete the group</Button>
              <Button variant="default" size="xs" onClick={() => setConfirming(false)}>Keep it</Button>
            </Group>
          )}
        </Group>
        {group.description && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{group.description}</Text>}
        {group.releasability && <Text size="sm">Releasability: {group.releasability}</Text>}
        <Table fz="sm" verticalSpacing={4}>
          <Table.Caption>Members of {group.name}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Instance</Table.Th><Table.Th>Organisation</Table.Th>{mine && <Table.Th>Actions</Table.Th>}</Table.Tr></Table.Thead>
          <Table.Tbody>
            {group.members.map((m) => {
              const owner = m.instance === group.ownerInstance && m.org === group.ownerOrg;
              return (
                <Table.Tr key={`${m.instance}/${m.org}`}>
                  <Table.Td className="mono">{m.instance}</Table.Td>
                  <Table.Td className="mono">{m.org}{owner ? ' (owner)' : ''}</Table.Td>
                  {mine && <Table.Td>{!owner && <Button size="compact-xs" variant="subtle" color="red" onClick={() => update.mutate({ id: group.id, body: { removeMembers: [m] } })}>Remove</Button>}</Table.Td>}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {mine && (
          <Group align="flex-end">
            <TextInput label="Add a member" placeholder="agency-slug or instance/org" value={adding} onChange={(e) => setAdding(e.currentTarget.value)} />
            <Button size="xs" disabled={!member} loading={update.isPending} onClick={() => member && update.mutate({ id: group.id, body: { addMembers: [member] } }, { onSuccess: () => setAdding('') })}>Add</Button>
          </Group>
        )}
        <ErrorNotice error={update.error ?? remove.error} title="Could not change the group" />
      </Stack>
    </Card>
  );
}

export function SharingGroupsPage({ session }: { session: SessionInfo }) {
  const groups = useSharingGroups();
  return (
    <Stack gap="xl">
      <Title order={2}>Sharing groups</Title>
      <Text size="sm" c="dimmed">Objects imported into a group reach its member organisations (as TLP allows). Adding or removing a member applies to what was already shared.</Text>
      <CreateGroup />
      <ErrorNotice error={groups.error} title="Could not load the sharing groups" />
      {groups.isPending && <Text c="dimmed">Loading the sharing groups…</Text>}
      {groups.data && groups.data.groups.length === 0 && <Text c="dimmed" data-testid="no-groups">No sharing groups yet.</Text>}
      {groups.data?.groups.map((g) => <GroupCard key={g.id} group={g} mine={g.ownerOrg === session.organisation.id} />)}
    </Stack>
  );
}
