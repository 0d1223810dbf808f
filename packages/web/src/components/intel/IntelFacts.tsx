// Where an object comes from: id, type, owner, created, version, when it was added, revocation.
import { SimpleGrid, Text } from '@mantine/core';
import type { IntelObjectDetail, IntelObjectSummary } from '@bulwark/contracts';
import { formatTime } from '../../format/time.ts';

function facts(s: IntelObjectSummary, o: IntelObjectDetail['object']): [string, string][] {
  const created = typeof o['created'] === 'string' ? formatTime(o['created']) : '—';
  return [
    ['Id', s.id],
    ['Type', s.type],
    ['Owner instance', s.ownerInstance],
    ['Owner organisation', s.ownerOrg],
    ['Created', created],
    ['Version (modified)', formatTime(s.version)],
    ['Added here', formatTime(s.dateAdded)],
    ['Revoked', s.revoked ? 'yes' : 'no'],
  ];
}

export function IntelFacts({ summary, object }: { summary: IntelObjectSummary; object: IntelObjectDetail['object'] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={4} component="dl" m={0}>
      {facts(summary, object).map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="xs" c="dimmed" fw={600}>{label}</Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>{value}</Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
