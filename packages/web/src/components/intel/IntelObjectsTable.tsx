// The objects the organisation may receive; names and ids are untrusted plain text.
import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { IntelObjectSummary } from '@bulwark/contracts';
import { DISTRIBUTION_LABEL } from '../../format/intel-scope.ts';
import { formatTime } from '../../format/time.ts';
import { intelHref } from '../../shell/routes.ts';
import { ScoreBadge } from './ScoreBadge.tsx';
import { TlpBadge } from './TlpBadge.tsx';

const COLUMNS = ['Name / id', 'Type', 'TLP', 'Score', 'Distribution', 'Owner', 'Version', 'Revoked'] as const;

export function IntelObjectsTable({ objects }: { objects: readonly IntelObjectSummary[] }) {
  if (objects.length === 0) return <Text c="dimmed">No objects match.</Text>;
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover verticalSpacing="xs" fz="sm">
        <Table.Caption>Intelligence objects</Table.Caption>
        <Table.Thead>
          <Table.Tr>{COLUMNS.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {objects.map((o) => (
            <Table.Tr key={o.id} data-intel-id={o.id} data-revoked={o.revoked || undefined}>
              <Table.Td className="cell-message">
                <Anchor href={intelHref(o.id)} size="sm">{o.name ?? o.id}</Anchor>
                {o.name !== null && <Text size="xs" c="dimmed" ff="monospace">{o.id}</Text>}
              </Table.Td>
              <Table.Td>{o.type}</Table.Td>
              <Table.Td><TlpBadge tlp={o.tlp} /></Table.Td>
              <Table.Td miw={90}>{o.score === undefined ? '' : <ScoreBadge summary={o} compact />}</Table.Td>
              <Table.Td miw={120}>{DISTRIBUTION_LABEL[o.distribution] ?? o.distribution}</Table.Td>
              <Table.Td className="cell-message">
                <Text size="sm">{o.ownerInstance}</Text>
                <Text size="xs" c="dimmed" ff="monospace">{o.ownerOrg}</Text>
              </Table.Td>
              <Table.Td className="mono">{formatTime(o.version)}</Table.Td>
              <Table.Td>{o.revoked ? <Badge color="red.9" variant="filled" radius="sm">revoked</Badge> : 'no'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
