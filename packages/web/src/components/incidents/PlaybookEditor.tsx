// Edits a playbook's YAML and saves it as a new version under its own `id:` (PUT, playbooks:write);
// a refused document shows the server's problem text (what is wrong and where). The dry run panel
// tests the text being edited, saved or not.
import { useState } from 'react';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useSavePlaybook } from '../../api/usePlaybooks.ts';
import { playbookIdOf } from '../../format/playbook-run.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { PlaybookDryRun } from './PlaybookDryRun.tsx';

export function PlaybookEditor({ initial, canWrite, onSaved }: { initial: string; canWrite: boolean; onSaved: (id: string) => void }) {
  const [source, setSource] = useState(initial);
  const save = useSavePlaybook();
  const id = playbookIdOf(source);
  return (
    <Stack gap="md">
      {canWrite && (
        <form aria-label="Edit the playbook" onSubmit={(e) => {
          e.preventDefault();
          if (id) save.mutate({ id, source }, { onSuccess: (s) => onSaved(s.id) });
        }}>
          <Stack gap="xs">
            <Textarea label="Playbook YAML" description="Raise version: with each change; saving keeps every earlier version." value={source}
              onChange={(e) => setSource(e.currentTarget.value)} autosize minRows={10} maxRows={30} spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
            {!id && <Text size="sm" c="red.8">The document needs a top-level id: (a lower-case slug) to be saved.</Text>}
            <Group>
              <Button type="submit" disabled={!id} loading={save.isPending}>Save new version</Button>
              {save.isSuccess && <Text size="sm" role="status">Saved {save.data.id} version {save.data.version}.</Text>}
            </Group>
            <ErrorNotice error={save.error} title="The playbook was not saved" />
          </Stack>
        </form>
      )}
      <PlaybookDryRun source={source} />
    </Stack>
  );
}
