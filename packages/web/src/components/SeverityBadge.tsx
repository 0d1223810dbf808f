// Severity as a labelled badge: an alert severity name or an OCSF severity_id.
import { Badge } from '@mantine/core';
import type { Severity } from '@bulwark/contracts';
import { SEVERITY_COLOR, ocsfSeverity } from '../format/severity.ts';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge color={SEVERITY_COLOR[severity] ?? 'gray.7'} variant="filled" radius="sm" miw="max-content">
      {severity}
    </Badge>
  );
}

export function OcsfSeverityBadge({ severityId }: { severityId: number }) {
  const { name, color } = ocsfSeverity(severityId);
  return (
    <Badge color={color} variant="filled" radius="sm" miw="max-content">
      {name}
    </Badge>
  );
}
