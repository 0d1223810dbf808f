// The relationships an object takes part in, as "source — type → target"; the other end (and the
// relationship itself) link to their own drawers. Ids and types are untrusted plain text.
import { Anchor, Table, Text } from '@mantine/core';
import type { IntelObjectDetail } from '@bulwark/contracts';
import { stixType } from '../../format/stix-types.ts';
import { intelHref } from '../../shell/routes.ts';

type Relationship = IntelObjectDetail['relationships'][number];

function End({ id, self }: { id: string; self: string }) {
  if (id === self) return <Text span size="sm" fs="italic">this {stixType(id)}</Text>;
  return <Anchor href={intelHref(id)} size="sm" style={{ overflowWrap: 'anywhere' }}>{id}</Anchor>;
}

export function IntelRelationships({ self, relationships }: { self: string; relationships: readonly Relationship[] }) {
  return (
    <div>
      <Text size="sm" fw={600}>Relationships</Text>
      {relationships.length === 0 ? (
        <Text size="sm" c="dimmed">None.</Text>
      ) : (
        <Table verticalSpacing={4} fz="sm" aria-label="Relationships">
          <Table.Thead>
            <Table.Tr><Table.Th>Source</Table.Th><Table.Th>Relationship</Table.Th><Table.Th>Target</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {relationships.map((r) => (
              <Table.Tr key={r.id} data-relationship={r.id}>
                <Table.Td><End id={r.sourceRef} self={self} /></Table.Td>
                <Table.Td>
                  <Anchor href={intelHref(r.id)} size="sm" aria-label={`Relationship ${r.relationshipType} (${r.id})`}>{r.relationshipType}</Anchor>
                </Table.Td>
                <Table.Td><End id={r.targetRef} self={self} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
