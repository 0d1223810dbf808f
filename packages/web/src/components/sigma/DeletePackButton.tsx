// Deletes one of the organisation's packs after a confirmation; its rules stop at once.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useDeleteSigmaPack } from '../../api/useSigmaPacks.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

export function DeletePackButton({ name, onDeleted }: { name: string; onDeleted: () => void }) {
  const [opened, modal] = useDisclosure(false);
  const remove = useDeleteSigmaPack();
  const close = () => {
    remove.reset();
    modal.close();
  };
  return (
    <>
      <Button size="compact-xs" color="red.8" variant="outline" aria-label={`Delete pack ${name}`} onClick={modal.open}>
        Delete
      </Button>
      <Modal opened={opened} onClose={close} title="Delete rule pack">
        <Stack>
          <Text size="sm">
            Delete the pack <b>{name}</b>? Its rules stop detecting at once; this cannot be undone.
          </Text>
          <ErrorNotice error={remove.error} title="Could not delete the pack" />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>Cancel</Button>
            <Button color="red.8" loading={remove.isPending}
              onClick={() => remove.mutate(name, { onSuccess: () => { close(); onDeleted(); } })}>
              Delete pack
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
