// Search and type filter of the intelligence list.
import { Group, NativeSelect, TextInput } from '@mantine/core';
import { STIX_TYPE_GROUPS } from '../../format/stix-types.ts';

export interface IntelFilterValues {
  readonly q: string;
  readonly type: string;
}

export const NO_INTEL_FILTER: IntelFilterValues = { q: '', type: '' };

const TYPES = [{ value: '', label: 'Any' }, ...STIX_TYPE_GROUPS.map((g) => ({ group: g.group, items: [...g.items] }))];

interface Props {
  readonly value: IntelFilterValues;
  readonly onChange: (next: IntelFilterValues) => void;
}

export function IntelFilters({ value, onChange }: Props) {
  return (
    <Group align="flex-end" role="search" aria-label="Intelligence filters">
      <TextInput label="Find objects" description="Text in the name, id, pattern or value" type="search" maxLength={200}
        value={value.q} onChange={(e) => onChange({ ...value, q: e.currentTarget.value })} />
      <NativeSelect label="Type" data={TYPES} value={value.type}
        onChange={(e) => onChange({ ...value, type: e.currentTarget.value })} />
    </Group>
  );
}
