// The bank entries a check matched, strongest first as the server sends them: how (algorithm and its
// measure, exact or near), whose (bank, this instance or which federated one) and the disinformation
// context. Every text is the entry owner's and shown plain; a source is a link only when it is http(s).
import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { MediaMatch } from '@bulwark/contracts';
import { algorithmLabel, matchMeasure } from '../../format/media.ts';
import { formatTime } from '../../format/time.ts';
import { mediaHref } from '../../shell/media-routes.ts';
import { TlpBadge } from '../intel/TlpBadge.tsx';
import { DisarmIds } from './DisarmIds.tsx';
import { SafeLink } from './SafeLink.tsx';

const COLUMNS = ['Algorithm', 'Measure', 'Strength', 'Bank', 'Origin', 'Title', 'Narrative', 'Actor', 'Campaign', 'DISARM', 'First seen', 'Source', 'TLP'] as const;

export function MatchesTable({ matches, disarmNames }: { matches: readonly MediaMatch[]; disarmNames?: ReadonlyMap<string, string> }) {
  if (matches.length === 0) return <Text c="dimmed" size="sm">No bank entry matches.</Text>;
  return (
    <Table.ScrollContainer minWidth={1600}>
      <Table striped verticalSpacing="xs" fz="sm">
        <Table.Caption>Matching bank entries</Table.Caption>
        <Table.Thead>
          <Table.Tr>{COLUMNS.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {matches.map((m, i) => (
            <Table.Tr key={`${m.indicatorId}-${m.algorithm}-${i}`} data-match={m.strength}>
              <Table.Td>{algorithmLabel(m.algorithm)}</Table.Td>
              <Table.Td miw={150}>{matchMeasure(m)}</Table.Td>
              <Table.Td>
                <Badge color={m.strength === 'exact' ? 'red' : 'orange'} variant="light" radius="sm">{m.strength}</Badge>
              </Table.Td>
              <Table.Td className="cell-message" miw={160}>{m.bank}</Table.Td>
              <Table.Td className="cell-message" miw={150}>
                {m.local ? <Text size="sm">this instance</Text> : <Text size="sm">{m.ownerInstance}</Text>}
                <Text size="xs" c="dimmed" ff="monospace">{m.ownerOrg}</Text>
              </Table.Td>
              <Table.Td className="cell-message" miw={160}>
                {m.entryId ? <Anchor href={mediaHref.entry(m.entryId)} size="sm">{m.title || 'untitled entry'}</Anchor> : <Text size="sm">{m.title}</Text>}
              </Table.Td>
              <Table.Td className="cell-message" miw={220}><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{m.narrative}</Text></Table.Td>
              <Table.Td className="cell-message" miw={110}>{m.actor}</Table.Td>
              <Table.Td className="cell-message" miw={110}>{m.campaign}</Table.Td>
              <Table.Td miw={130}><DisarmIds ids={m.disarm} names={disarmNames} /></Table.Td>
              <Table.Td className="mono">{m.firstSeen ? formatTime(m.firstSeen) : '—'}</Table.Td>
              <Table.Td className="cell-message" miw={140}><SafeLink text={m.source} /></Table.Td>
              <Table.Td><TlpBadge tlp={m.tlp} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
