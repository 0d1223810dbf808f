// Per-alert actions: acknowledge, close, assign to the signed-in user.
import { Button, Group } from '@mantine/core';
import type { Alert, UpdateAlert } from '@bulwark/contracts';

interface Props {
  readonly alert: Alert;
  readonly userId: string;
  readonly busy: boolean;
  readonly onChange: (change: UpdateAlert) => void;
}

export function AlertActions({ alert, userId, busy, onChange }: Props) {
  const name = `alert “${alert.title.slice(0, 80)}”`;
  return (
    <Group gap={4} wrap="nowrap">
      {alert.status === 'open' && (
        <Button size="compact-xs" variant="default" disabled={busy} aria-label={`Acknowledge ${name}`}
          onClick={() => onChange({ status: 'acknowledged' })}>
          Acknowledge
        </Button>
      )}
      {alert.status !== 'closed' && (
        <Button size="compact-xs" variant="default" disabled={busy} aria-label={`Close ${name}`}
          onClick={() => onChange({ status: 'closed' })}>
          Close
        </Button>
      )}
      {alert.assigneeId !== userId && (
        <Button size="compact-xs" variant="default" disabled={busy} aria-label={`Assign ${name} to me`}
          onClick={() => onChange({ assigneeId: userId })}>
          Assign to me
        </Button>
      )}
    </Group>
  );
}
