// The categories of a request's findings, each with its ATLAS ids (plain text names from the server).
import { Group, Stack, Text } from '@mantine/core';
import type { AiguardFinding } from '@bulwark/contracts';
import { categoryLabel, findingCategories } from '../../format/aiguard.ts';
import { AtlasIds } from './AtlasIds.tsx';

export function FindingCategories({ findings }: { findings: readonly AiguardFinding[] }) {
  const cats = findingCategories(findings);
  if (!cats.length) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      {cats.map((c) => (
        <Group key={c.category} gap={6} wrap="nowrap">
          <Text size="sm">{categoryLabel(c.category)}</Text>
          <AtlasIds ids={c.atlas} />
        </Group>
      ))}
    </Stack>
  );
}
