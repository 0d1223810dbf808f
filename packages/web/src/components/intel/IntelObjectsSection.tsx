// Intelligence objects: search, type filter and cursor paging over what the organisation may receive,
// with the export of the same type as a STIX bundle.
import { Group, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useIntelObjects } from '../../api/useIntelObjects.ts';
import { usePageState } from '../../state/usePageState.ts';
import { CursorPager } from '../CursorPager.tsx';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { IntelExportButton } from './IntelExportButton.tsx';
import { IntelFilters, NO_INTEL_FILTER, type IntelFilterValues } from './IntelFilters.tsx';
import { IntelObjectsTable } from './IntelObjectsTable.tsx';

const PAGE_SIZE = 50;

export function IntelObjectsSection() {
  const [filter, setFilter] = usePageState<IntelFilterValues>('intel.filter', NO_INTEL_FILTER);
  // The cursors of the pages before the one shown (the first page has none).
  const [cursors, setCursors] = usePageState<readonly string[]>('intel.cursors', []);
  const [q] = useDebouncedValue(filter.q, 300);
  const objects = useIntelObjects({ q: q.trim() || undefined, type: filter.type || undefined, limit: PAGE_SIZE, cursor: cursors.at(-1) });
  const page = objects.data;
  const next = page?.next ?? null;
  return (
    <Stack component="section" aria-labelledby="intel-objects-heading">
      <Group justify="space-between" align="flex-end">
        <Title order={3} id="intel-objects-heading">Objects</Title>
        <IntelExportButton type={filter.type || undefined} />
      </Group>
      <IntelFilters value={filter} onChange={(next) => { setFilter(next); setCursors([]); }} />
      <ErrorNotice error={objects.error} title="Could not load the objects" />
      {objects.isPending && <Text c="dimmed">Loading objects…</Text>}
      {page && (
        <>
          <CursorPager page={cursors.length + 1} shown={page.objects.length} hasNext={next !== null} noun="object"
            onPrevious={() => setCursors((c) => c.slice(0, -1))}
            onNext={() => next !== null && setCursors((c) => [...c, next])} />
          <IntelObjectsTable objects={page.objects} />
        </>
      )}
    </Stack>
  );
}
