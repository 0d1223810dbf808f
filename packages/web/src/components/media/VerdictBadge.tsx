// A check's verdict as a small coloured badge (tables) or as the prominent banner of a result.
import { Badge, Paper, Stack, Text, Title } from '@mantine/core';
import { VERDICT_MEANING, verdictColor, verdictLabel } from '../../format/media.ts';

export function VerdictBadge({ verdict }: { verdict: string }) {
  return (
    <Badge color={verdictColor(verdict)} variant="filled" radius="sm" data-verdict={verdict}>
      {verdictLabel(verdict)}
    </Badge>
  );
}

export function VerdictBanner({ verdict, summary }: { verdict: string; summary: string }) {
  const color = verdictColor(verdict);
  const meaning = (VERDICT_MEANING as Record<string, string>)[verdict];
  return (
    <Paper p="md" radius="md" withBorder bg={`${color}.${color === 'gray' ? 1 : 0}`} c="dark.9"
      style={{ borderColor: `var(--mantine-color-${color}-6)`, borderWidth: 3 }}
      role="status" aria-label="Verdict" data-verdict={verdict}>
      <Stack gap={4}>
        <Title order={3} c={`${color}.9`} data-testid="verdict">{verdictLabel(verdict)}</Title>
        <Text fw={500}>{summary}</Text>
        {meaning && <Text size="sm" c="dark.6">{meaning}</Text>}
      </Stack>
    </Paper>
  );
}
