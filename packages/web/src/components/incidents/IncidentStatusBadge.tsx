// An incident's work status as a labelled badge.
import { Badge } from '@mantine/core';
import { INCIDENT_STATUS_COLOR, statusLabel } from '../../format/incident.ts';

export function IncidentStatusBadge({ status }: { status: string }) {
  const color = Object.hasOwn(INCIDENT_STATUS_COLOR, status) ? INCIDENT_STATUS_COLOR[status as keyof typeof INCIDENT_STATUS_COLOR] : 'gray.7';
  return <Badge color={color} variant="filled" radius="sm" miw="max-content" data-status={status}>{statusLabel(status)}</Badge>;
}
