// Where a rule comes from and what it did: id, pack, file, log source, hits, evaluations, cost.
import { SimpleGrid, Text } from '@mantine/core';
import type { SigmaRuleDetail } from '@bulwark/contracts';
import { formatTime } from '../../format/time.ts';

function facts(r: SigmaRuleDetail): [string, string][] {
  const logsource = Object.entries(r.logsource).map(([k, v]) => `${k}: ${v}`).join(', ');
  return [
    ['Id', r.key],
    ['Pack', `${r.pack} (${r.source})`],
    ['File', r.file || '—'],
    ['Kind', r.kind],
    ['Status', r.status ?? '—'],
    ['Author', r.author || '—'],
    ['Log source', logsource || '—'],
    ['Hits', String(r.hits)],
    ['Evaluations', String(r.evaluations)],
    ['Cost', `${r.costMs.toFixed(3)} ms`],
    ['Last hit', r.lastHitAt ? formatTime(r.lastHitAt) : '—'],
  ];
}

export function RuleFacts({ rule }: { rule: SigmaRuleDetail }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={4} component="dl" m={0}>
      {facts(rule).map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="xs" c="dimmed" fw={600}>{label}</Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>{value}</Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
