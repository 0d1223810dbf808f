// The block list in force: kind, value, reason, source, the incident it came from and expiry; add and
// remove (incidents:write); the addresses firewalls fetch it from. Values and reasons are untrusted text.
import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useBlocklist, useRemoveBlocklistEntry } from '../../api/useBlocklist.ts';
import { blocklistKindLabel } from '../../format/blocklist.ts';
import { formatTime } from '../../format/time.ts';
import { incidentHref } from '../../shell/incident-routes.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { BlocklistFetchUrls } from './BlocklistFetchUrls.tsx';
import { BlocklistForm } from './BlocklistForm.tsx';

export function BlocklistTab({ canWrite }: { canWrite: boolean }) {
  const q = useBlocklist();
  const remove = useRemoveBlocklistEntry();
  const entries = q.data?.entries ?? [];
  return (
    <Stack gap="lg">
      {canWrite ? <BlocklistForm /> : <Text size="sm" c="dimmed">Your role may read the block list but not change it.</Text>}
      <ErrorNotice error={q.error} title="Could not load the block list" />
      <ErrorNotice error={remove.error} title="Could not remove the entry" />
      {q.isPending && <Text c="dimmed">Loading…</Text>}
      {q.data && entries.length === 0 && <Text c="dimmed" data-testid="no-blocklist">The block list is empty.</Text>}
      {entries.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped fz="sm" aria-label="Block list entries">
            <Table.Thead>
              <Table.Tr>
                {['Kind', 'Value', 'Reason', 'Source', 'Incident', 'Added', 'Expires'].map((c) => <Table.Th key={c}>{c}</Table.Th>)}
                {canWrite && <Table.Th><span className="visually-hidden">Remove</span></Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.value} data-blocklist-value={e.value}>
                  <Table.Td>{blocklistKindLabel(e.kind)}</Table.Td>
                  <Table.Td><Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{e.value}</Text></Table.Td>
                  <Table.Td className="cell-message">{e.reason || '—'}</Table.Td>
                  <Table.Td className="mono">{e.source}</Table.Td>
                  <Table.Td>{e.incidentId ? <Anchor href={incidentHref.incident(e.incidentId)} size="sm">open</Anchor> : '—'}</Table.Td>
                  <Table.Td className="mono">{formatTime(e.createdAt)}</Table.Td>
                  <Table.Td className="mono">{e.expiresAt ? formatTime(e.expiresAt) : 'never'}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Button size="compact-xs" variant="default" aria-label={`Remove ${e.value} from the block list`}
                        loading={remove.isPending && remove.variables === e.value} onClick={() => remove.mutate(e.value)}>Remove</Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <BlocklistFetchUrls />
    </Stack>
  );
}
