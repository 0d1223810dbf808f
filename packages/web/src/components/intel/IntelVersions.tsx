// The versions of an object stored here (by `modified`), the newest marked as shown.
import { Table, Text } from '@mantine/core';
import type { IntelObjectDetail } from '@bulwark/contracts';
import { formatTime } from '../../format/time.ts';

export function IntelVersions({ versions, current }: { versions: IntelObjectDetail['versions']; current: string }) {
  const sorted = [...versions].sort((a, b) => b.version.localeCompare(a.version));
  return (
    <div>
      <Text size="sm" fw={600}>Versions</Text>
      <Table verticalSpacing={4} fz="sm" aria-label="Versions">
        <Table.Thead>
          <Table.Tr><Table.Th>Version (modified)</Table.Th><Table.Th>Added here</Table.Th><Table.Th /></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td className="mono">{formatTime(v.version)}</Table.Td>
              <Table.Td className="mono">{formatTime(v.dateAdded)}</Table.Td>
              <Table.Td>{v.version === current ? 'shown' : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
