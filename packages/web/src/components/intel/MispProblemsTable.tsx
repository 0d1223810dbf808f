// The problems converting a MISP event to STIX (level, code, message, where in the event).
import { Badge, Table } from '@mantine/core';
import type { MispImportReport } from '@bulwark/contracts';

const COLUMNS = ['Level', 'Code', 'Message', 'Path'] as const;

export function MispProblemsTable({ problems }: { problems: MispImportReport['problems'] }) {
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped verticalSpacing="xs" fz="sm">
        <Table.Caption>Problems converting the MISP event</Table.Caption>
        <Table.Thead>
          <Table.Tr>{COLUMNS.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {problems.map((p, i) => (
            <Table.Tr key={i} data-problem={p.level}>
              <Table.Td>
                <Badge color={p.level === 'error' ? 'red.9' : 'yellow.5'} variant="filled" radius="sm" miw="max-content">{p.level}</Badge>
              </Table.Td>
              <Table.Td className="mono">{p.code}</Table.Td>
              <Table.Td className="cell-message">{p.message}</Table.Td>
              <Table.Td className="mono">{p.path ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
