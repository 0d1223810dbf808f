// The defects an import found, one row each in the order of the objects in the file; an error means
// the object was not stored.
import { Badge, Table } from '@mantine/core';
import type { IntelImportReport } from '@bulwark/contracts';

const COLUMNS = ['Index', 'Id', 'Path', 'Code', 'Message', 'Severity'] as const;

export function IntelDefectsTable({ defects }: { defects: IntelImportReport['defects'] }) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped verticalSpacing="xs" fz="sm">
        <Table.Caption>Defects found in the file</Table.Caption>
        <Table.Thead>
          <Table.Tr>{COLUMNS.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {defects.map((d, i) => (
            <Table.Tr key={i} data-defect={d.severity}>
              <Table.Td>{d.index}</Table.Td>
              <Table.Td className="cell-message">{d.id ?? '—'}</Table.Td>
              <Table.Td className="mono">{d.path || '(the object)'}</Table.Td>
              <Table.Td className="mono">{d.code}</Table.Td>
              <Table.Td className="cell-message">{d.message}</Table.Td>
              <Table.Td>
                <Badge color={d.severity === 'error' ? 'red.9' : 'yellow.5'} variant="filled" radius="sm" miw="max-content">{d.severity}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
