// One hash bank: its name, description, TLP and distribution or sharing group (editable by roles that may; a
// new distribution or group re-publishes the entries), deletion after a confirmation (its entries are withdrawn), and
// its entries with a status filter, search and paging. An entry opens in a drawer (#/media/entry/<id>).
// A deleted bank is shown read-only.
import { useState, type FormEvent } from 'react';
import { Anchor, Badge, Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { MediaBank, MediaBankEntry } from '@bulwark/contracts';
import { useBankEntries, useDeleteBank, useMediaBank, useUpdateBank, type EntryStatusFilter } from '../../api/useMediaBanks.ts';
import { bankDeletionWarning, shortHash } from '../../format/media.ts';
import { formatTime } from '../../format/time.ts';
import { mediaHref } from '../../shell/media-routes.ts';
import { usePageState } from '../../state/usePageState.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { Pager } from '../Pager.tsx';
import { TlpBadge } from '../intel/TlpBadge.tsx';
import { BankGroupSelect, DISTRIBUTION_CHOICES, TLP_CHOICES, useBankScope } from './BanksSection.tsx';
import { DisarmIds } from './DisarmIds.tsx';

const PAGE_SIZE = 50;

function BankSettings({ bank, onDone }: { bank: MediaBank; onDone: () => void }) {
  const update = useUpdateBank();
  const [name, setName] = useState(bank.name);
  const [description, setDescription] = useState(bank.description);
  const [tlp, setTlp] = useState<string>(bank.tlp);
  const [distribution, setDistribution] = useState<string>(bank.distribution);
  const [group, setGroup] = useState<string>(bank.group ?? '');
  const toGroup = distribution === 'group';
  const groupChanged = toGroup && group !== (bank.group ?? '');
  const republish = tlp !== bank.tlp || distribution !== bank.distribution || groupChanged;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body: Record<string, string> = {};
    if (name.trim() !== bank.name) body.name = name.trim();
    if (description !== bank.description) body.description = description;
    if (tlp !== bank.tlp) body.tlp = tlp;
    if (toGroup && !group) return;
    if (distribution !== bank.distribution || groupChanged) {
      body.distribution = distribution;
      if (toGroup) body.group = group;
    }
    if (Object.keys(body).length === 0) return onDone();
    update.mutate({ id: bank.id, body }, { onSuccess: onDone });
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="Bank settings">
      <Stack gap="sm">
        <TextInput label="Bank name" value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={200} />
        <Textarea label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={4000} autosize minRows={1} />
        <Group grow>
          <NativeSelect label="Default TLP" data={TLP_CHOICES} value={tlp} onChange={(e) => setTlp(e.currentTarget.value)} />
          <NativeSelect label="Distribution" data={DISTRIBUTION_CHOICES} value={distribution} onChange={(e) => setDistribution(e.currentTarget.value)} />
        </Group>
        {toGroup && <BankGroupSelect value={group} onChange={setGroup} />}
        {republish && <Text size="sm" c="orange.8" role="status">Saving re-publishes every entry of the bank with the new TLP and distribution (members who no longer receive it lose the entries).</Text>}
        <ErrorNotice error={update.error} title="Could not save the bank" />
        <Group>
          <Button type="submit" disabled={!name.trim() || (toGroup && !group)} loading={update.isPending}>Save</Button>
          <Button variant="default" onClick={onDone}>Cancel</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function DeleteBank({ bank, onCancel }: { bank: MediaBank; onCancel: () => void }) {
  const remove = useDeleteBank();
  const [reason, setReason] = useState('');
  return (
    <Paper withBorder p="md" component="form" aria-label="Delete bank"
      onSubmit={(e) => { e.preventDefault(); remove.mutate({ id: bank.id, reason }, { onSuccess: () => { window.location.hash = mediaHref.banks(); } }); }}>
      <Stack gap="xs">
        <Text size="sm" role="alert">{bankDeletionWarning(bank)}</Text>
        <TextInput label="Reason" description="Optional; kept as each entry's withdrawal reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={1000} />
        <ErrorNotice error={remove.error} title="Could not delete the bank" />
        <Group>
          <Button type="submit" color="red" loading={remove.isPending}>Delete the bank</Button>
          <Button variant="default" onClick={() => { remove.reset(); onCancel(); }}>Keep it</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function hashSummary(e: MediaBankEntry): string {
  if (e.hashes.pdq) return `PDQ ${shortHash(e.hashes.pdq)}`;
  if (e.hashes.vpdq?.length) return `vPDQ ${e.hashes.vpdq.length} frames`;
  if (e.hashes.chromaprint) return 'audio fingerprint';
  if (e.hashes.sha256) return `SHA-256 ${shortHash(e.hashes.sha256)}`;
  if (e.hashes.md5) return `MD5 ${shortHash(e.hashes.md5)}`;
  return '—';
}

function EntriesTable({ entries, disarmNames }: { entries: readonly MediaBankEntry[]; disarmNames?: ReadonlyMap<string, string> }) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover fz="sm" verticalSpacing="xs">
        <Table.Caption>Bank entries</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {['Title', 'Kind', 'Hash', 'Actor', 'Campaign', 'DISARM', 'First seen', 'TLP', 'Status', 'Version', 'Updated'].map((c) => <Table.Th key={c}>{c}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id} data-entry={e.id} data-status={e.status}>
              <Table.Td className="cell-message" miw={180}>
                <Anchor href={mediaHref.entry(e.id)} size="sm">{e.title || '(untitled)'}</Anchor>
                {e.narrative && <Text size="xs" c="dimmed" lineClamp={2}>{e.narrative}</Text>}
              </Table.Td>
              <Table.Td>{e.kind}</Table.Td>
              <Table.Td className="mono">{hashSummary(e)}</Table.Td>
              <Table.Td className="cell-message">{e.actor}</Table.Td>
              <Table.Td className="cell-message">{e.campaign}</Table.Td>
              <Table.Td><DisarmIds ids={e.disarm} names={disarmNames} /></Table.Td>
              <Table.Td className="mono">{e.firstSeen ? formatTime(e.firstSeen) : '—'}</Table.Td>
              <Table.Td><TlpBadge tlp={e.tlp} /></Table.Td>
              <Table.Td>{e.status === 'withdrawn' ? <Badge color="gray" variant="filled" radius="sm">withdrawn</Badge> : <Badge color="green" variant="light" radius="sm">active</Badge>}</Table.Td>
              <Table.Td>{e.version}</Table.Td>
              <Table.Td className="mono">{formatTime(e.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function BankDetail({ bankId, canWrite, disarmNames }: { bankId: string; canWrite: boolean; disarmNames?: ReadonlyMap<string, string> }) {
  const bank = useMediaBank(bankId);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [status, setStatus] = usePageState<EntryStatusFilter>('media.entries.status', 'active');
  const [search, setSearch] = usePageState('media.entries.q', '');
  const [offset, setOffset] = useState(0);
  const [q] = useDebouncedValue(search, 300);
  const entries = useBankEntries(bankId, { status, q, limit: PAGE_SIZE, offset });
  const b = bank.data;
  const scope = useBankScope();
  return (
    <Stack gap="md">
      <Anchor href={mediaHref.banks()} size="sm">← All banks</Anchor>
      <ErrorNotice error={bank.error} title="Could not load the bank" />
      {b && (
        <Stack gap={4}>
          <Group justify="space-between" align="flex-start">
            <Title order={3} style={{ overflowWrap: 'anywhere' }}>{b.name}</Title>
            {canWrite && !b.deletedAt && !editing && !deleting && (
              <Group gap="xs">
                <Button variant="default" size="xs" onClick={() => setEditing(true)}>Edit bank</Button>
                <Button variant="light" color="red" size="xs" onClick={() => setDeleting(true)}>Delete bank</Button>
              </Group>
            )}
          </Group>
          {b.deletedAt && <Text size="sm" c="red.8" role="status">Deleted {formatTime(b.deletedAt)}: its entries were withdrawn; it takes no new entries.</Text>}
          {b.description && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{b.description}</Text>}
          <Group gap="xs">
            <TlpBadge tlp={b.tlp} />
            <Text size="sm">{scope(b)}</Text>
            <Text size="sm" c="dimmed">· {b.entries} active, {b.withdrawn} withdrawn · updated {formatTime(b.updatedAt)}</Text>
          </Group>
        </Stack>
      )}
      {b && editing && <BankSettings bank={b} onDone={() => setEditing(false)} />}
      {b && deleting && !b.deletedAt && <DeleteBank bank={b} onCancel={() => setDeleting(false)} />}
      <Group align="flex-end">
        <SegmentedControl aria-label="Entry status" data={[{ value: 'active', label: 'Active' }, { value: 'withdrawn', label: 'Withdrawn' }, { value: 'all', label: 'All' }]}
          value={status} onChange={(v) => { setStatus(v as EntryStatusFilter); setOffset(0); }} />
        <TextInput label="Search entries" placeholder="title, narrative, actor, campaign, hash…" value={search}
          onChange={(e) => { setSearch(e.currentTarget.value); setOffset(0); }} style={{ flex: 1 }} maxLength={200} />
      </Group>
      <ErrorNotice error={entries.error} title="Could not load the entries" />
      {entries.isPending && <Text c="dimmed">Loading the entries…</Text>}
      {entries.data && (
        <>
          <Pager offset={offset} limit={PAGE_SIZE} shown={entries.data.entries.length} total={entries.data.total} noun="entries" onChange={setOffset} />
          {entries.data.entries.length === 0 ? <Text c="dimmed">No entries match.</Text> : <EntriesTable entries={entries.data.entries} disarmNames={disarmNames} />}
        </>
      )}
    </Stack>
  );
}
