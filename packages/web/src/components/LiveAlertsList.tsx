// The few newest alerts pushed over the live stream (titles are untrusted: plain text only).
import { Group, Paper, Stack, Text } from '@mantine/core';
import type { Alert } from '@bulwark/contracts';
import { formatTime } from '../format/time.ts';
import { SeverityBadge } from './SeverityBadge.tsx';

const SHOWN = 5;

export function LiveAlertsList({ alerts }: { alerts: readonly Alert[] }) {
  if (alerts.length === 0) return null;
  return (
    <Paper withBorder p="sm">
      <Stack gap={4}>
        <Text fw={600} size="sm">
          Newest alerts
        </Text>
        {alerts.slice(0, SHOWN).map((a) => (
          <Group key={a.id} gap="sm" wrap="nowrap">
            <SeverityBadge severity={a.severity} />
            <Text size="sm" className="mono">
              {formatTime(a.eventTime)}
            </Text>
            <Text size="sm" className="cell-message">
              {a.title}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
