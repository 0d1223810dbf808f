// The organisation's recent checks, newest first; a name opens that check's result.
import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaChecks } from '../../api/useMediaChecks.ts';
import { formatBytes } from '../../format/media.ts';
import { formatTime } from '../../format/time.ts';
import { mediaHref } from '../../shell/media-routes.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { VerdictBadge } from './VerdictBadge.tsx';

export function RecentChecks({ current }: { current: string | undefined }) {
  const checks = useMediaChecks();
  const list = checks.data?.checks ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="recent-checks-heading">
      <Title order={3} id="recent-checks-heading">Recent checks</Title>
      <ErrorNotice error={checks.error} title="Could not load the recent checks" />
      {checks.isPending && <Text c="dimmed" size="sm">Loading…</Text>}
      {checks.data && list.length === 0 && <Text c="dimmed" size="sm">No checks yet.</Text>}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped highlightOnHover fz="sm" verticalSpacing={4}>
            <Table.Caption>Recent checks</Table.Caption>
            <Table.Thead>
              <Table.Tr><Table.Th>Checked</Table.Th><Table.Th>Name</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Size</Table.Th><Table.Th>Verdict</Table.Th><Table.Th>Matches</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((c) => (
                <Table.Tr key={c.id} data-check={c.id} aria-current={c.id === current ? 'true' : undefined}>
                  <Table.Td className="mono">{formatTime(c.checkedAt)}</Table.Td>
                  <Table.Td className="cell-message"><Anchor href={mediaHref.check(c.id)} size="sm">{c.name || '(no name)'}</Anchor></Table.Td>
                  <Table.Td>{c.kind}</Table.Td>
                  <Table.Td>{formatBytes(c.bytes)}</Table.Td>
                  <Table.Td><VerdictBadge verdict={c.verdict} /></Table.Td>
                  <Table.Td>{c.matches.length}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
