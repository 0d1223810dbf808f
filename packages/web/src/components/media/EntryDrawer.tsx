// One bank entry in a drawer (#/media/entry/<id>): its hashes (copyable), its disinformation context
// (editable by roles that may), withdrawal with a reason after a confirmation, and its history.
import { useState, type ReactNode } from 'react';
import { Badge, Button, Divider, Drawer, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import type { MediaBankEntry } from '@bulwark/contracts';
import { useEntryHistory, useMediaEntry, useUpdateEntry, useWithdrawEntry } from '../../api/useMediaBanks.ts';
import { contextChanges, contextValuesOf, type EntryContextValues } from '../../format/media.ts';
import { formatTime } from '../../format/time.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { TlpBadge } from '../intel/TlpBadge.tsx';
import { DisarmIds } from './DisarmIds.tsx';
import { disarmError, EntryContextFields } from './EntryContextFields.tsx';
import { EntryHistory } from './EntryHistory.tsx';
import { HashList } from './HashList.tsx';
import { SafeLink } from './SafeLink.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" fw={500} w={110} style={{ flexShrink: 0 }}>{label}</Text>
      <div style={{ minWidth: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{children}</div>
    </Group>
  );
}

function ContextView({ entry, disarmNames }: { entry: MediaBankEntry; disarmNames?: ReadonlyMap<string, string> }) {
  return (
    <Stack gap={6} aria-label="Context">
      <Fact label="Narrative"><Text size="sm">{entry.narrative || '—'}</Text></Fact>
      <Fact label="Actor"><Text size="sm">{entry.actor || '—'}</Text></Fact>
      <Fact label="Campaign"><Text size="sm">{entry.campaign || '—'}</Text></Fact>
      <Fact label="DISARM"><DisarmIds ids={entry.disarm} names={disarmNames} withNames /></Fact>
      <Fact label="First seen"><Text size="sm">{entry.firstSeen ? formatTime(entry.firstSeen) : '—'}</Text></Fact>
      <Fact label="Source">{entry.source ? <SafeLink text={entry.source} /> : <Text size="sm">—</Text>}</Fact>
    </Stack>
  );
}

function ContextEdit({ entry, onDone, disarmNames }: { entry: MediaBankEntry; onDone: () => void; disarmNames?: ReadonlyMap<string, string> }) {
  const update = useUpdateEntry();
  const [values, setValues] = useState<EntryContextValues>(() => contextValuesOf(entry));
  const changes = contextChanges(entry, values);
  const changed = Object.keys(changes).length > 0;

  function submit(e: { preventDefault(): void }) {
    e.preventDefault();
    if (!changed) return onDone();
    update.mutate({ id: entry.id, body: changes }, { onSuccess: onDone });
  }

  return (
    <Stack gap="sm" component="form" onSubmit={submit} aria-label="Edit entry">
      <EntryContextFields value={values} onChange={setValues} disarmNames={disarmNames} />
      <ErrorNotice error={update.error} title="Could not save the entry" />
      <Group>
        <Button type="submit" disabled={!changed || disarmError(values.disarm) !== undefined} loading={update.isPending}>Save changes</Button>
        <Button variant="default" onClick={onDone}>Cancel</Button>
      </Group>
    </Stack>
  );
}

function Withdraw({ entry }: { entry: MediaBankEntry }) {
  const withdraw = useWithdrawEntry();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) return <Group><Button color="red" variant="light" onClick={() => setOpen(true)}>Withdraw…</Button></Group>;
  return (
    <Stack gap="xs" component="form" aria-label="Withdraw entry"
      onSubmit={(e) => { e.preventDefault(); if (reason.trim()) withdraw.mutate({ id: entry.id, reason: reason.trim() }); }}>
      <Text size="sm">
        A withdrawn entry no longer matches here, and the withdrawal reaches every instance it was shared with. It cannot be undone.
      </Text>
      <Textarea label="Reason" description="Why the entry is withdrawn (kept in its history)" value={reason} required
        onChange={(e) => setReason(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
      <ErrorNotice error={withdraw.error} title="Could not withdraw the entry" />
      <Group>
        <Button type="submit" color="red" disabled={!reason.trim()} loading={withdraw.isPending}>Withdraw the entry</Button>
        <Button variant="default" onClick={() => { setOpen(false); withdraw.reset(); }}>Keep it</Button>
      </Group>
    </Stack>
  );
}

function EntryView({ id, canWrite, userId, disarmNames }: { id: string; canWrite: boolean; userId: string; disarmNames?: ReadonlyMap<string, string> }) {
  const entry = useMediaEntry(id);
  const history = useEntryHistory(id);
  const [editing, setEditing] = useState(false);
  const e = entry.data;
  return (
    <Stack gap="md">
      <ErrorNotice error={entry.error} title="Could not load the entry" />
      {entry.isPending && <Text c="dimmed">Loading…</Text>}
      {e && (
        <>
          <Stack gap={4}>
            <Title order={3} style={{ overflowWrap: 'anywhere' }}>{e.title || '(untitled)'}</Title>
            <Group gap="xs">
              {e.status === 'withdrawn'
                ? <Badge color="gray" variant="filled" radius="sm" data-testid="entry-status">withdrawn</Badge>
                : <Badge color="green" variant="light" radius="sm" data-testid="entry-status">active</Badge>}
              <TlpBadge tlp={e.tlp} />
              <Text size="sm" c="dimmed">{e.kind} · version {e.version} · updated {formatTime(e.updatedAt)}</Text>
            </Group>
            <Text size="xs" c="dimmed" ff="monospace">{e.indicatorId}</Text>
            {e.withdrawReason && <Text size="sm">Withdrawn: {e.withdrawReason}</Text>}
          </Stack>
          <Divider label="Hashes" labelPosition="left" />
          <HashList hashes={e.hashes} label="Entry hashes" />
          <Divider label="Context" labelPosition="left" />
          {editing ? <ContextEdit entry={e} disarmNames={disarmNames} onDone={() => setEditing(false)} /> : <ContextView entry={e} disarmNames={disarmNames} />}
          {canWrite && e.status === 'active' && !editing && (
            <Group><Button variant="default" onClick={() => setEditing(true)}>Edit context</Button></Group>
          )}
          {canWrite && e.status === 'active' && !editing && <Withdraw key={e.id} entry={e} />}
        </>
      )}
      <Divider label="History" labelPosition="left" />
      <ErrorNotice error={history.error} title="Could not load the history" />
      {history.data && <EntryHistory changes={history.data.changes} userId={userId} />}
    </Stack>
  );
}

export function EntryDrawer(props: { id: string | undefined; onClose: () => void; canWrite: boolean; userId: string; disarmNames?: ReadonlyMap<string, string> }) {
  const { id, onClose } = props;
  return (
    <Drawer opened={id !== undefined} onClose={onClose} position="right" size="xl" title="Bank entry"
      closeButtonProps={{ 'aria-label': 'Close entry' }}>
      {id !== undefined && <EntryView key={id} id={id} canWrite={props.canWrite} userId={props.userId} disarmNames={props.disarmNames} />}
    </Drawer>
  );
}
