// The organisation's block list: accounts, gateway keys, addresses, ranges, autonomous systems and
// e-mail addresses refused by the gateway (with reason and expiry); add (the server checks the value
// and says what is wrong) and lift (aiguard:manage).
import { useState } from 'react';
import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import type { NewAiguardBlock } from '@bulwark/contracts';
import { useAddBlock, useAiguardBlocks, useRemoveBlock } from '../../api/useAiguardTraffic.ts';
import { BLOCK_KIND_LABEL, BLOCK_KINDS, BLOCK_VALUE_HINT, type BlockKind } from '../../format/aiguard.ts';
import { formatTime, localInputToIso } from '../../format/time.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

function AddBlock() {
  const add = useAddBlock();
  const [kind, setKind] = useState<BlockKind>('ip');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  function submit(e: { preventDefault(): void }) {
    e.preventDefault();
    if (!value.trim()) return;
    const expiresAt = localInputToIso(expires);
    const body: NewAiguardBlock = { kind, value: value.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}), ...(expiresAt ? { expiresAt } : {}) };
    add.mutate(body, { onSuccess: () => { setValue(''); setReason(''); setExpires(''); } });
  }
  return (
    <Stack gap="xs" component="form" aria-label="Add a block" onSubmit={submit}>
      <Group align="flex-end" wrap="wrap">
        <Select label="Kind" data={BLOCK_KINDS.map((k) => ({ value: k, label: BLOCK_KIND_LABEL[k] }))} value={kind} allowDeselect={false}
          onChange={(v) => v && setKind(v as BlockKind)} w={220} />
        <TextInput label="Value" placeholder={BLOCK_VALUE_HINT[kind]} value={value} onChange={(e) => setValue(e.currentTarget.value)} maxLength={320} required w={260} />
        <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={1000} w={260} />
        <TextInput label="Expires" type="datetime-local" value={expires} onChange={(e) => setExpires(e.currentTarget.value)} w={210} />
        <Button type="submit" loading={add.isPending} disabled={!value.trim()}>Add block</Button>
      </Group>
      <ErrorNotice error={add.error} title="Could not add the block" />
    </Stack>
  );
}

export function BlocksTab({ canManage }: { canManage: boolean }) {
  const q = useAiguardBlocks();
  const remove = useRemoveBlock();
  const blocks = q.data?.blocks ?? [];
  return (
    <Stack gap="md">
      {canManage ? <AddBlock /> : <Text size="sm" c="dimmed">Your role may read the block list but not change it.</Text>}
      <ErrorNotice error={q.error} title="Could not load the block list" />
      <ErrorNotice error={remove.error} title="Could not lift the block" />
      {q.isPending && <Text c="dimmed">Loading…</Text>}
      {q.data && blocks.length === 0 && <Text c="dimmed" data-testid="no-blocks">Nothing is blocked. (Actors known from intelligence are refused as well, without being listed here.)</Text>}
      {blocks.length > 0 && (
        <Table striped aria-label="Block list">
          <Table.Thead><Table.Tr><Table.Th>Kind</Table.Th><Table.Th>Value</Table.Th><Table.Th>Reason</Table.Th><Table.Th>Since</Table.Th><Table.Th>Expires</Table.Th>{canManage && <Table.Th />}</Table.Tr></Table.Thead>
          <Table.Tbody>
            {blocks.map((b) => (
              <Table.Tr key={b.id} data-block={b.id}>
                <Table.Td><Text size="sm">{BLOCK_KIND_LABEL[b.kind]}</Text></Table.Td>
                <Table.Td><Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{b.value}</Text></Table.Td>
                <Table.Td maw={300}><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{b.reason || '—'}</Text></Table.Td>
                <Table.Td><Text size="sm">{formatTime(b.createdAt)}</Text></Table.Td>
                <Table.Td><Text size="sm">{b.expiresAt ? formatTime(b.expiresAt) : 'never'}</Text></Table.Td>
                {canManage && (
                  <Table.Td>
                    <Button size="compact-xs" variant="default" loading={remove.isPending && remove.variables === b.id} onClick={() => remove.mutate(b.id)} aria-label={`Lift block ${b.kind} ${b.value}`}>Lift</Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
