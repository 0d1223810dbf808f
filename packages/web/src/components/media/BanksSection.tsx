// The organisation's hash banks (name, TLP, distribution or sharing group, entry counts) and, for roles
// that may, a form to create one. Names and descriptions are untrusted text, shown plain.
import { useState, type FormEvent } from 'react';
import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { MediaBank } from '@bulwark/contracts';
import { useCreateBank, useMediaBanks } from '../../api/useMediaBanks.ts';
import { useSharingGroups } from '../../api/useSharingGroups.ts';
import { DISTRIBUTION_LABEL, IMPORT_DISTRIBUTIONS, TLP_LEVELS, tlpLabel } from '../../format/intel-scope.ts';
import { formatTime } from '../../format/time.ts';
import { mediaHref } from '../../shell/media-routes.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { TlpBadge } from '../intel/TlpBadge.tsx';

type TlpLevel = MediaBank['tlp'];
type Distribution = MediaBank['distribution'];

export const TLP_CHOICES = TLP_LEVELS.map((l) => ({ value: l, label: tlpLabel(l) }));
export const DISTRIBUTION_CHOICES = [...IMPORT_DISTRIBUTIONS, 'group'].map((d) => ({ value: d, label: DISTRIBUTION_LABEL[d] ?? d }));

/** The groups the organisation owns or belongs to, to share a bank's entries with one. */
export function BankGroupSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const groups = useSharingGroups();
  return (
    <Stack gap={4}>
      <NativeSelect label="Sharing group" description="Its members receive the entries (owned by or including your organisation)"
        data={[{ value: '', label: groups.isLoading ? 'Loading…' : (groups.data?.groups.length ? 'Choose a group' : 'No sharing groups') }, ...(groups.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))]}
        value={value} onChange={(e) => onChange(e.currentTarget.value)} />
      <ErrorNotice error={groups.error} title="Could not load the sharing groups" />
    </Stack>
  );
}

/** How a bank's distribution reads: the sharing group by name when the organisation sees it. */
export function useBankScope(): (b: Pick<MediaBank, 'distribution' | 'group'>) => string {
  const groups = useSharingGroups();
  return (b) => {
    if (b.distribution !== 'group') return DISTRIBUTION_LABEL[b.distribution] ?? b.distribution;
    const name = groups.data?.groups.find((g) => g.id === b.group)?.name;
    return `Sharing group: ${name ?? b.group ?? 'none'}`;
  };
}

function CreateBankForm() {
  const create = useCreateBank();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [tlp, setTlp] = useState<TlpLevel>('AMBER');
  const [distribution, setDistribution] = useState<Distribution>('organisation');
  const [group, setGroup] = useState('');
  const toGroup = distribution === 'group';

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!name.trim() || (toGroup && !group)) return;
    create.mutate(
      { name: name.trim(), description, tlp, distribution, ...(toGroup ? { group } : {}) },
      { onSuccess: () => { setName(''); setDescription(''); } },
    );
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="New hash bank">
      <Stack gap="sm">
        <Title order={4}>New hash bank</Title>
        <TextInput label="Bank name" placeholder="Known deepfakes — 2026 election" value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={200} />
        <Textarea label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={4000} autosize minRows={1} />
        <Group grow>
          <NativeSelect label="Default TLP of the entries" data={TLP_CHOICES} value={tlp} onChange={(e) => setTlp(e.currentTarget.value as TlpLevel)} />
          <NativeSelect label="Distribution" description="Who receives the entries (as STIX, hashes only)" data={DISTRIBUTION_CHOICES}
            value={distribution} onChange={(e) => setDistribution(e.currentTarget.value as Distribution)} />
        </Group>
        {toGroup && <BankGroupSelect value={group} onChange={setGroup} />}
        <ErrorNotice error={create.error} title="Could not create the bank" />
        {create.data && <Text size="sm" role="status">Created <Anchor href={mediaHref.bank(create.data.id)}>{create.data.name}</Anchor>.</Text>}
        <Group><Button type="submit" disabled={!name.trim() || (toGroup && !group)} loading={create.isPending}>Create bank</Button></Group>
      </Stack>
    </Paper>
  );
}

export function BanksSection({ canWrite }: { canWrite: boolean }) {
  const banks = useMediaBanks();
  const scope = useBankScope();
  const list = banks.data?.banks ?? [];
  return (
    <Stack gap="md">
      <ErrorNotice error={banks.error} title="Could not load the banks" />
      {banks.isPending && <Text c="dimmed">Loading the banks…</Text>}
      {banks.data && list.length === 0 && <Text c="dimmed" data-testid="no-banks">No hash banks yet.</Text>}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover fz="sm" verticalSpacing="xs">
            <Table.Caption>Hash banks</Table.Caption>
            <Table.Thead>
              <Table.Tr><Table.Th>Name</Table.Th><Table.Th>TLP</Table.Th><Table.Th>Distribution</Table.Th><Table.Th>Active entries</Table.Th><Table.Th>Withdrawn</Table.Th><Table.Th>Updated</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((b) => (
                <Table.Tr key={b.id} data-bank={b.id}>
                  <Table.Td className="cell-message">
                    <Anchor href={mediaHref.bank(b.id)} size="sm">{b.name}</Anchor>
                    {b.description && <Text size="xs" c="dimmed" lineClamp={2}>{b.description}</Text>}
                  </Table.Td>
                  <Table.Td><TlpBadge tlp={b.tlp} /></Table.Td>
                  <Table.Td>{scope(b)}</Table.Td>
                  <Table.Td>{b.entries}</Table.Td>
                  <Table.Td>{b.withdrawn}</Table.Td>
                  <Table.Td className="mono">{formatTime(b.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canWrite && <CreateBankForm />}
    </Stack>
  );
}
