// Who may see an object, in words: its TLP label and what the level allows, its distribution, and the
// marking definitions it carries.
import { Group, Paper, Stack, Text } from '@mantine/core';
import type { IntelObjectDetail, IntelObjectSummary } from '@bulwark/contracts';
import { TLP_MEANING, scopeSentence } from '../../format/intel-scope.ts';
import { TextList } from '../TextList.tsx';
import { TlpBadge } from './TlpBadge.tsx';

function markingRefs(object: IntelObjectDetail['object']): string[] {
  const refs = object['object_marking_refs'];
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
}

export function IntelScope({ summary, object }: { summary: IntelObjectSummary; object: IntelObjectDetail['object'] }) {
  return (
    <Paper withBorder p="sm" role="region" aria-label="Markings and sharing">
      <Stack gap={6}>
        <Group gap="sm">
          <TlpBadge tlp={summary.tlp} />
          <Text size="sm" fw={600} data-testid="intel-scope">{scopeSentence(summary)}</Text>
        </Group>
        <Text size="sm">TLP:{summary.tlp} means {TLP_MEANING[summary.tlp]}.</Text>
        <TextList label="Marking definitions on the object" items={markingRefs(object)} empty="None (the TLP above was given on import)" />
      </Stack>
    </Paper>
  );
}
