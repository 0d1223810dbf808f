// The Sigma packs the organisation runs; pack names and descriptions are untrusted plain text.
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import type { SigmaPackSummary } from '@bulwark/contracts';
import { formatTime } from '../../format/time.ts';
import { DeletePackButton } from './DeletePackButton.tsx';

const COLUMNS = ['Name', 'Source', 'Rules', 'Correlations', 'Filters', 'Cannot run', 'Files', 'Updated', 'Actions'] as const;

interface Props {
  readonly packs: readonly SigmaPackSummary[];
  readonly selected: string | undefined;
  readonly canWrite: boolean;
  readonly onSelect: (name: string | undefined) => void;
}

export function PacksTable({ packs, selected, canWrite, onSelect }: Props) {
  if (packs.length === 0) return <Text c="dimmed">No rule packs yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" fz="sm">
        <Table.Caption>Rule packs</Table.Caption>
        <Table.Thead>
          <Table.Tr>{COLUMNS.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {packs.map((p) => (
            <Table.Tr key={p.name} data-pack={p.name} aria-selected={p.name === selected}>
              <Table.Td className="cell-message">
                <Text size="sm" fw={600}>{p.name}</Text>
                {p.description && <Text size="xs" c="dimmed">{p.description}</Text>}
              </Table.Td>
              <Table.Td>{p.source}</Table.Td>
              <Table.Td>{p.rules}</Table.Td>
              <Table.Td>{p.correlations}</Table.Td>
              <Table.Td>{p.filters}</Table.Td>
              <Table.Td data-testid="pack-errors">
                {p.errors > 0 ? <Badge color="red.9" variant="filled" radius="sm">{p.errors}</Badge> : 0}
              </Table.Td>
              <Table.Td>{p.files}</Table.Td>
              <Table.Td className="mono">{p.updatedAt ? formatTime(p.updatedAt) : '—'}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant={p.name === selected ? 'filled' : 'default'} aria-pressed={p.name === selected}
                    aria-label={`Problems of pack ${p.name}`} onClick={() => onSelect(p.name === selected ? undefined : p.name)}>
                    Problems
                  </Button>
                  {canWrite && p.source === 'organisation' && (
                    <DeletePackButton name={p.name} onDeleted={() => p.name === selected && onSelect(undefined)} />
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
