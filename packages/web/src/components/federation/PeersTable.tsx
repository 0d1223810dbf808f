// The configured peers with direction, trust, signatures, last sync, objects pulled, lag and the last
// error (peer text: untrusted, shown plain), each with a sync now.
import { Badge, Table, Text } from '@mantine/core';
import type { FederationPeer } from '@bulwark/contracts';
import { formatTime, formatUptime } from '../../format/time.ts';
import { SyncPeerButton } from './SyncPeerButton.tsx';

const COLUMNS = ['Peer', 'Direction', 'Trust', 'Signed', 'Last sync', 'Pulled', 'Lag', 'Last error', 'Actions'] as const;

export function PeersTable({ peers }: { peers: readonly FederationPeer[] }) {
  if (peers.length === 0) {
    return <Text c="dimmed" data-testid="no-peers">No peers yet. Add one with the command line: bulwark federation add-peer.</Text>;
  }
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped verticalSpacing="xs" fz="sm">
        <Table.Caption>Federation peers</Table.Caption>
        <Table.Thead>
          <Table.Tr>{COLUMNS.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {peers.map((p) => (
            <Table.Tr key={p.id} data-peer={p.instanceId}>
              <Table.Td className="cell-message">
                <Text size="sm" fw={600}>{p.instanceId}</Text>
                <Text size="xs" c="dimmed">{p.url}</Text>
                {p.collections.length > 0 && <Text size="xs" c="dimmed">collections: {p.collections.join(', ')}</Text>}
              </Table.Td>
              <Table.Td>{p.direction}</Table.Td>
              <Table.Td>{p.trust}</Table.Td>
              <Table.Td>{p.signed ? 'yes' : <Badge color="yellow.5" variant="filled" radius="sm">no</Badge>}</Table.Td>
              <Table.Td className="mono">{p.lastSyncAt ? formatTime(p.lastSyncAt) : 'never'}</Table.Td>
              <Table.Td>{p.lastPulled}</Table.Td>
              <Table.Td>{p.lagSeconds === null ? '—' : formatUptime(p.lagSeconds)}</Table.Td>
              <Table.Td className="cell-message">{p.lastError ?? '—'}</Table.Td>
              <Table.Td><SyncPeerButton peer={p} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
