import { Badge } from '@mantine/core';
import type { StreamStatus } from '../live/live-store.ts';

const LABEL: Record<StreamStatus, [string, string]> = {
  open: ['Live', 'teal.9'],
  connecting: ['Connecting…', 'gray.7'],
  closed: ['Disconnected', 'red.9'],
};

export function StreamStatusBadge({ status }: { status: StreamStatus }) {
  const [label, color] = LABEL[status];
  return (
    <Badge color={color} variant="filled" radius="sm" miw="max-content" data-testid="stream-status" data-status={status}>
      {label}
    </Badge>
  );
}
