// Bank entries other organisations of this instance and federated instances share with us (hashes and
// context only, never media). Every text is the sharer's and shown plain.
import { Stack, Table, Text } from '@mantine/core';
import type { SharedMediaEntry } from '@bulwark/contracts';
import { useSharedEntries } from '../../api/useMediaBanks.ts';
import { shortHash } from '../../format/media.ts';
import { formatTime } from '../../format/time.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { TlpBadge } from '../intel/TlpBadge.tsx';
import { DisarmIds } from './DisarmIds.tsx';
import { SafeLink } from './SafeLink.tsx';

function hashOf(e: SharedMediaEntry): string {
  if (e.hashes.pdq) return `PDQ ${shortHash(e.hashes.pdq)}`;
  if (e.hashes.vpdq?.length) return `vPDQ ${e.hashes.vpdq.length} frames`;
  if (e.hashes.chromaprint) return 'audio fingerprint';
  if (e.hashes.sha256) return `SHA-256 ${shortHash(e.hashes.sha256)}`;
  return '—';
}

const COLUMNS = ['Title', 'Kind', 'Hash', 'Bank', 'From', 'Narrative', 'Actor', 'Campaign', 'DISARM', 'First seen', 'Source', 'TLP', 'Modified'] as const;

export function SharedEntries({ disarmNames }: { disarmNames?: ReadonlyMap<string, string> }) {
  const shared = useSharedEntries();
  const list = shared.data?.entries ?? [];
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">Entries of other organisations and federated instances that your organisation may receive; checks match against them too.</Text>
      <ErrorNotice error={shared.error} title="Could not load the shared entries" />
      {shared.isPending && <Text c="dimmed">Loading…</Text>}
      {shared.data && list.length === 0 && <Text c="dimmed">Nothing is shared with your organisation yet.</Text>}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={1300}>
          <Table striped fz="sm" verticalSpacing="xs">
            <Table.Caption>Entries shared with us</Table.Caption>
            <Table.Thead><Table.Tr>{COLUMNS.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.map((e) => (
                <Table.Tr key={e.indicatorId} data-indicator={e.indicatorId}>
                  <Table.Td className="cell-message" miw={160}>{e.title || '(untitled)'}</Table.Td>
                  <Table.Td>{e.kind}</Table.Td>
                  <Table.Td className="mono" title={e.hashes.pdq ?? e.hashes.sha256}>{hashOf(e)}</Table.Td>
                  <Table.Td className="cell-message">{e.bank}</Table.Td>
                  <Table.Td className="cell-message">
                    <Text size="sm">{e.local ? 'this instance' : e.ownerInstance}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">{e.ownerOrg}</Text>
                  </Table.Td>
                  <Table.Td className="cell-message" miw={220}><Text size="sm" lineClamp={4}>{e.narrative}</Text></Table.Td>
                  <Table.Td className="cell-message">{e.actor}</Table.Td>
                  <Table.Td className="cell-message">{e.campaign}</Table.Td>
                  <Table.Td><DisarmIds ids={e.disarm} names={disarmNames} /></Table.Td>
                  <Table.Td className="mono">{e.firstSeen ? formatTime(e.firstSeen) : '—'}</Table.Td>
                  <Table.Td className="cell-message" miw={140}><SafeLink text={e.source} /></Table.Td>
                  <Table.Td><TlpBadge tlp={e.tlp} /></Table.Td>
                  <Table.Td className="mono">{formatTime(e.modified)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
