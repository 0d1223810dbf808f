// An entry's history, newest first: version, what happened, who and when, the note (a withdrawal's
// reason) and each changed field from → to, all as plain text.
import { Code, Group, Stack, Text, Timeline } from '@mantine/core';
import type { MediaEntryChange } from '@bulwark/contracts';
import { changeValue, historyActionLabel } from '../../format/media.ts';
import { formatTime } from '../../format/time.ts';

const COLOR: Readonly<Record<string, string>> = { add: 'green', edit: 'blue', withdraw: 'red', republish: 'grape' };

export function EntryHistory({ changes, userId }: { changes: readonly MediaEntryChange[]; userId: string }) {
  const sorted = [...changes].sort((a, b) => b.version - a.version || b.at.localeCompare(a.at));
  if (sorted.length === 0) return <Text size="sm" c="dimmed">No history.</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={sorted.length} aria-label="Entry history">
      {sorted.map((c) => (
        <Timeline.Item key={`${c.version}-${c.at}-${c.action}`} color={COLOR[c.action] ?? 'gray'}
          title={`Version ${c.version}: ${historyActionLabel(c.action)}`} data-action={c.action}>
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {formatTime(c.at)} · {c.by === null ? 'the system' : c.by === userId ? 'you' : <Text span ff="monospace" size="xs">{c.by}</Text>}
            </Text>
            {c.note && <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{c.note}</Text>}
            {Object.entries(c.fields).map(([field, { from, to }]) => (
              <Group key={field} gap={4} wrap="wrap" align="baseline">
                <Text size="sm" fw={500}>{field}:</Text>
                <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{changeValue(from)}</Code>
                <Text size="sm" aria-label="to">→</Text>
                <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{changeValue(to)}</Code>
              </Group>
            ))}
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
