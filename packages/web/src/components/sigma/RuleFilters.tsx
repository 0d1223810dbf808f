// Search and filters of the rules table: text, pack, level, enabled, and the sort order.
import { Group, NativeSelect, TextInput } from '@mantine/core';
import type { Severity } from '@bulwark/contracts';
import { SEVERITIES } from '../../format/severity.ts';

export type RuleSort = 'title' | 'hits' | 'cost';
export type EnabledFilter = '' | 'true' | 'false';

export interface RuleFilterValues {
  readonly q: string;
  readonly pack: string;
  readonly level: Severity | '';
  readonly enabled: EnabledFilter;
  readonly sort: RuleSort;
}

export const NO_RULE_FILTER: RuleFilterValues = { q: '', pack: '', level: '', enabled: '', sort: 'title' };

const ANY = { value: '', label: 'Any' };
const SORTS = [
  { value: 'title', label: 'Title' },
  { value: 'hits', label: 'Hits (most first)' },
  { value: 'cost', label: 'Cost (highest first)' },
];

interface Props {
  readonly value: RuleFilterValues;
  readonly packs: readonly string[];
  readonly onChange: (next: RuleFilterValues) => void;
}

export function RuleFilters({ value, packs, onChange }: Props) {
  const set = (change: Partial<RuleFilterValues>) => onChange({ ...value, ...change });
  return (
    <Group align="flex-end" role="search" aria-label="Rule filters">
      <TextInput label="Find rules" description="Title, id or tag" type="search" maxLength={200} value={value.q}
        onChange={(e) => set({ q: e.currentTarget.value })} />
      <NativeSelect label="Pack" data={[ANY, ...packs.map((p) => ({ value: p, label: p }))]} value={value.pack}
        onChange={(e) => set({ pack: e.currentTarget.value })} />
      <NativeSelect label="Level" data={[ANY, ...SEVERITIES.map((s) => ({ value: s, label: s }))]} value={value.level}
        onChange={(e) => set({ level: e.currentTarget.value as Severity | '' })} />
      <NativeSelect label="Enabled" data={[ANY, { value: 'true', label: 'Enabled' }, { value: 'false', label: 'Disabled' }]}
        value={value.enabled} onChange={(e) => set({ enabled: e.currentTarget.value as EnabledFilter })} />
      <NativeSelect label="Sort by" data={SORTS} value={value.sort} onChange={(e) => set({ sort: e.currentTarget.value as RuleSort })} />
    </Group>
  );
}
