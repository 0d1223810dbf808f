// An incident's timeline, oldest first: what happened (every entry kind in words), who did it and when.
// Notes and every other body value are untrusted and shown as plain text.
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { TimelineEntry } from '@bulwark/contracts';
import { TIMELINE_KIND_LABEL, actorLabel, timelineText, type OwnerContext } from '../../format/incident.ts';
import { formatTime } from '../../format/time.ts';

const KIND_COLOR: Readonly<Record<string, string>> = {
  alert: 'orange.8', note: 'blue.8', status: 'grape.8', owner: 'cyan.9', severity: 'red.8', merge: 'dark.4', split: 'dark.4', link: 'teal.9',
};

export function TimelineList({ entries, owners }: { entries: readonly TimelineEntry[]; owners: OwnerContext }) {
  if (entries.length === 0) return <Text c="dimmed">Nothing has happened yet.</Text>;
  return (
    <Stack gap={6} component="ol" aria-label="Timeline" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {entries.map((e) => (
        <Paper key={e.id} component="li" withBorder p="xs" radius="sm" data-kind={e.kind} data-entry={e.id}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge color={KIND_COLOR[e.kind] ?? 'gray.7'} variant="filled" radius="sm" miw={86}>{TIMELINE_KIND_LABEL[e.kind] ?? e.kind}</Badge>
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <Text size="sm" style={{ whiteSpace: e.kind === 'note' ? 'pre-wrap' : undefined, overflowWrap: 'anywhere' }} data-testid="timeline-text">{timelineText(e, owners)}</Text>
              <Text size="xs" c="dimmed"><span className="mono">{formatTime(e.at)}</span> · {actorLabel(e.actorId, owners)}</Text>
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
