// An object's sightings and false positives that the organisation may receive, with buttons to report
// one (roles that may write intelligence). Notes and organisations are untrusted plain text.
import { useState } from 'react';
import { Button, Group, Table, Text, TextInput } from '@mantine/core';
import type { IntelSighting } from '@bulwark/contracts';
import { useIntelSightings, useRecordSighting } from '../../api/useIntelSignals.ts';
import { formatTime } from '../../format/time.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

function kindLabel(s: IntelSighting): string {
  if (s.kind === 'false-positive') return 'false positive';
  return s.automatic ? 'detected' : 'true positive';
}

export function IntelSightings({ id, canWrite }: { id: string; canWrite: boolean }) {
  const list = useIntelSightings(id);
  const record = useRecordSighting(id);
  const [note, setNote] = useState('');
  const report = (kind: 'true-positive' | 'false-positive') => record.mutate({ kind, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => setNote('') });
  const d = list.data;
  return (
    <div data-intel-sightings={id}>
      <Text size="sm" fw={600}>Sightings</Text>
      <ErrorNotice error={list.error} title="Could not load the sightings" />
      {d && (
        <Text size="sm" role="status">
          {d.counts.truePositive} true positive{d.counts.truePositive === 1 ? '' : 's'}, {d.counts.falsePositive} false positive{d.counts.falsePositive === 1 ? '' : 's'}
        </Text>
      )}
      {d && d.sightings.length > 0 && (
        <Table verticalSpacing={4} fz="sm" aria-label="Sightings">
          <Table.Thead>
            <Table.Tr><Table.Th>Kind</Table.Th><Table.Th>Recorded</Table.Th><Table.Th>Count</Table.Th><Table.Th>By</Table.Th><Table.Th>Note</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.sightings.map((s) => (
              <Table.Tr key={s.id} data-sighting={s.id} data-kind={s.kind}>
                <Table.Td>{kindLabel(s)}</Table.Td>
                <Table.Td className="mono">{formatTime(s.recorded)}</Table.Td>
                <Table.Td>{s.kind === 'false-positive' ? '' : s.count}</Table.Td>
                <Table.Td className="cell-message">
                  <Text size="sm">{s.ownerInstance}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">{s.ownerOrg}</Text>
                </Table.Td>
                <Table.Td className="cell-message" style={{ overflowWrap: 'anywhere' }}>{s.note ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canWrite && (
        <Group align="flex-end" mt="xs">
          <TextInput label="Note" placeholder="What you saw, or why it is a false positive" value={note} maxLength={5000}
            onChange={(e) => setNote(e.currentTarget.value)} style={{ flex: 1 }} />
          <Button variant="light" color="red" loading={record.isPending} onClick={() => report('true-positive')}>Mark true positive</Button>
          <Button variant="light" loading={record.isPending} onClick={() => report('false-positive')}>Mark false positive</Button>
        </Group>
      )}
      <ErrorNotice error={record.error} title="Could not record it" />
    </div>
  );
}
