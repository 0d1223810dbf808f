import { Badge } from '@mantine/core';
import type { AlertStatus } from '@bulwark/contracts';
import { STATUS_COLOR } from '../format/severity.ts';

export function StatusBadge({ status }: { status: AlertStatus }) {
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray.7'} variant="filled" radius="sm" miw="max-content">
      {status}
    </Badge>
  );
}
