// A note for the incident's timeline.
import { useState } from 'react';
import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useAddNote } from '../../api/useIncidents.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

export function NoteForm({ incidentId }: { incidentId: string }) {
  const add = useAddNote(incidentId);
  const [text, setText] = useState('');
  const submit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    if (text.trim()) add.mutate(text, { onSuccess: () => setText('') });
  };
  return (
    <Stack gap="xs" component="form" aria-label="Add a note" onSubmit={submit}>
      <Textarea label="Note" placeholder="What you found, what you did, what comes next" autosize minRows={2} maxRows={10} maxLength={20_000}
        value={text} onChange={(e) => setText(e.currentTarget.value)} />
      <Group justify="flex-end"><Button type="submit" loading={add.isPending} disabled={!text.trim()}>Add note</Button></Group>
      <ErrorNotice error={add.error} title="Could not add the note" />
    </Stack>
  );
}
