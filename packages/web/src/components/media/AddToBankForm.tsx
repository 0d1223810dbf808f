// "Add to bank" from a check: the bank to add to and the entry's context; the server takes the
// hashes of the check (never the media) by its id.
import { useState, type FormEvent } from 'react';
import { Anchor, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import type { MediaBankEntry, MediaCheck } from '@bulwark/contracts';
import { useAddEntry, useMediaBanks } from '../../api/useMediaBanks.ts';
import { contextBody, EMPTY_CONTEXT, type EntryContextValues } from '../../format/media.ts';
import { tlpLabel } from '../../format/intel-scope.ts';
import { mediaHref } from '../../shell/media-routes.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { disarmError, EntryContextFields } from './EntryContextFields.tsx';

export function AddToBankForm({ check, onDone, disarmNames }: { check: MediaCheck; onDone: (added?: MediaBankEntry) => void; disarmNames?: ReadonlyMap<string, string> }) {
  const banks = useMediaBanks();
  const add = useAddEntry();
  const list = banks.data?.banks ?? [];
  const [bankId, setBankId] = useState('');
  const [context, setContext] = useState<EntryContextValues>({ ...EMPTY_CONTEXT, title: check.name });
  const chosen = list.find((b) => b.id === bankId) ?? list[0];

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!chosen) return;
    add.mutate({ bankId: chosen.id, body: { ...contextBody(context), checkId: check.id } }, { onSuccess: (entry) => onDone(entry) });
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="Add to bank">
      <Stack gap="sm">
        <Title order={4}>Add to a hash bank</Title>
        <Text size="sm" c="dimmed">The entry keeps the hashes of this check, never the media; it is shared as the bank&apos;s TLP and distribution allow.</Text>
        <ErrorNotice error={banks.error} title="Could not load the banks" />
        {banks.data && list.length === 0 && (
          <Text size="sm">There is no bank yet: <Anchor href={mediaHref.banks()}>create one</Anchor> first.</Text>
        )}
        {list.length > 0 && (
          <>
            <NativeSelect label="Bank" data={list.map((b) => ({ value: b.id, label: `${b.name} (${tlpLabel(b.tlp)})` }))}
              value={chosen?.id ?? ''} onChange={(e) => setBankId(e.currentTarget.value)} />
            <EntryContextFields value={context} onChange={setContext} defaultTlpLabel={chosen ? `The bank's (${tlpLabel(chosen.tlp)})` : 'The bank\'s'} disarmNames={disarmNames} />
          </>
        )}
        <ErrorNotice error={add.error} title="Could not add the entry" />
        <Group>
          <Button type="submit" disabled={!chosen || disarmError(context.disarm) !== undefined} loading={add.isPending}>Add entry</Button>
          <Button variant="default" onClick={() => onDone()}>Cancel</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
