// Rule packs: the table, the problems of the selected pack, and (for roles that may) the upload form.
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useSigmaPacks } from '../../api/useSigmaPacks.ts';
import { usePageState } from '../../state/usePageState.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { PackProblems } from './PackProblems.tsx';
import { PacksTable } from './PacksTable.tsx';
import { PackUploadForm } from './PackUploadForm.tsx';

export function PacksSection({ canWrite }: { canWrite: boolean }) {
  const packs = useSigmaPacks();
  const [selected, setSelected] = usePageState<string | undefined>('rules.pack', undefined);
  const list = packs.data?.packs ?? [];
  const shown = list.some((p) => p.name === selected) ? selected : undefined;
  return (
    <Stack component="section" aria-labelledby="packs-heading">
      <Group justify="space-between">
        <Title order={3} id="packs-heading">Rule packs</Title>
        <Button variant="default" size="xs" onClick={() => void packs.refetch()} loading={packs.isRefetching}>Refresh</Button>
      </Group>
      <ErrorNotice error={packs.error} title="Could not load the rule packs" />
      {packs.isPending && <Text c="dimmed">Loading rule packs…</Text>}
      {packs.isSuccess && <PacksTable packs={list} selected={shown} canWrite={canWrite} onSelect={setSelected} />}
      {shown !== undefined && <PackProblems name={shown} />}
      {canWrite && <PackUploadForm onUploaded={setSelected} />}
    </Stack>
  );
}
