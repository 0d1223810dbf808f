// "Merge into…": pick which of the selected incidents stays; the others fold into it (their alerts and
// timelines move, they remain as merged).
import { useState } from 'react';
import { Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import type { Incident } from '@bulwark/contracts';
import { useMergeIncidents } from '../../api/useIncidents.ts';
import { incidentRef } from '../../format/incident.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

interface Props {
  readonly incidents: readonly Incident[];
  readonly onClose: () => void;
  readonly onMerged: (into: Incident) => void;
}

export function MergeDialog({ incidents, onClose, onMerged }: Props) {
  const merge = useMergeIncidents();
  const [into, setInto] = useState(incidents[0]?.id ?? '');
  const from = incidents.filter((i) => i.id !== into).map((i) => i.id);
  return (
    <Modal opened onClose={onClose} title="Merge incidents" size="lg">
      <Stack gap="md">
        <Radio.Group label="Merge into" description="The other selected incidents are folded into this one." value={into} onChange={setInto}>
          <Stack gap="xs" mt="xs">
            {incidents.map((i) => <Radio key={i.id} value={i.id} label={`${incidentRef(i.number)} — ${i.title}`} />)}
          </Stack>
        </Radio.Group>
        <Text size="sm">{from.length} incident{from.length === 1 ? '' : 's'} will be merged.</Text>
        <ErrorNotice error={merge.error} title="Could not merge" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button disabled={!into || from.length === 0} loading={merge.isPending} onClick={() => merge.mutate({ into, from }, { onSuccess: onMerged })}>Merge</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
