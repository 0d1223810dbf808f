// Filters of the incident queue: statuses, minimum severity, owner, NIS2 flag and a search by title
// words or INC number.
import { Group, MultiSelect, Select, TextInput } from '@mantine/core';
import type { Severity } from '@bulwark/contracts';
import type { IncidentFilter } from '../../api/useIncidents.ts';
import { INCIDENT_STATUS_LABEL, SETTABLE_STATUSES } from '../../format/incident.ts';
import { SEVERITIES } from '../../format/severity.ts';

interface Props {
  readonly filter: IncidentFilter;
  readonly search: string;
  readonly onSearch: (q: string) => void;
  readonly onChange: (f: IncidentFilter) => void;
}

const STATUS_OPTIONS = [...SETTABLE_STATUSES, 'merged' as const].map((s) => ({ value: s, label: INCIDENT_STATUS_LABEL[s] }));

export function QueueFilters({ filter, search, onSearch, onChange }: Props) {
  const statuses = filter.status ? filter.status.split(',') : [];
  return (
    <Group align="flex-end" wrap="wrap" gap="sm">
      <MultiSelect label="Status" placeholder={statuses.length ? undefined : 'All but merged'} data={STATUS_OPTIONS} value={statuses} clearable w={260}
        onChange={(v) => onChange({ ...filter, status: v.join(',') })} />
      <Select label="Minimum severity" placeholder="Any" data={SEVERITIES.map((s) => ({ value: s, label: s }))} value={filter.severity || null} clearable w={170}
        onChange={(v) => onChange({ ...filter, severity: (v ?? '') as Severity | '' })} />
      <Select label="Owner" placeholder="Anyone" data={[{ value: 'me', label: 'Me' }, { value: 'none', label: 'Nobody' }]} value={filter.owner || null} clearable w={140}
        onChange={(v) => onChange({ ...filter, owner: (v ?? '') as IncidentFilter['owner'] })} />
      <Select label="NIS2" placeholder="Either" data={[{ value: 'true', label: 'Reportable' }, { value: 'false', label: 'Not reportable' }]} value={filter.reportable || null} clearable w={160}
        onChange={(v) => onChange({ ...filter, reportable: (v ?? '') as IncidentFilter['reportable'] })} />
      <TextInput label="Search incidents" placeholder="title words or INC-12" value={search} maxLength={200} w={240}
        onChange={(e) => onSearch(e.currentTarget.value)} />
    </Group>
  );
}
