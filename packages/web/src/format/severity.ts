// Severity and status names with badge colours chosen for AA contrast (filled badges; autoContrast
// puts black text on the light yellow/orange backgrounds and white text on the dark ones).
import type { AlertStatus, Severity } from '@bulwark/contracts';

export const SEVERITIES: readonly Severity[] = ['informational', 'low', 'medium', 'high', 'critical'];
export const STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'closed'];

export const SEVERITY_COLOR: Readonly<Record<Severity, string>> = {
  informational: 'gray.7',
  low: 'blue.8',
  medium: 'yellow.5',
  high: 'orange.5',
  critical: 'red.9',
};

export const STATUS_COLOR: Readonly<Record<AlertStatus, string>> = {
  open: 'blue.8',
  acknowledged: 'grape.8',
  closed: 'gray.7',
};

/** OCSF severity_id → name and the alert severity scale used for its colour. */
const OCSF_SEVERITY: Readonly<Record<number, [string, Severity]>> = {
  0: ['Unknown', 'informational'],
  1: ['Informational', 'informational'],
  2: ['Low', 'low'],
  3: ['Medium', 'medium'],
  4: ['High', 'high'],
  5: ['Critical', 'critical'],
  6: ['Fatal', 'critical'],
  99: ['Other', 'informational'],
};

export function ocsfSeverity(id: number): { name: string; color: string } {
  const [name, scale] = OCSF_SEVERITY[id] ?? [`Severity ${id}`, 'informational'];
  return { name, color: SEVERITY_COLOR[scale] };
}
