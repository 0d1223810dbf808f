// The incident queue: filters, the table (paged with the server's cursor), and merging the selected
// incidents into one of them.
import { useMemo, useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Incident } from '@bulwark/contracts';
import { NO_FILTER, useIncidentQueue, type IncidentFilter } from '../../api/useIncidents.ts';
import type { OwnerContext } from '../../format/incident.ts';
import { incidentHref } from '../../shell/incident-routes.ts';
import { usePageState } from '../../state/usePageState.ts';
import { CursorPager } from '../CursorPager.tsx';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { MergeDialog } from './MergeDialog.tsx';
import { QueueFilters } from './QueueFilters.tsx';
import { QueueTable } from './QueueTable.tsx';

export function IncidentQueue({ owners, canWrite }: { owners: OwnerContext; canWrite: boolean }) {
  const [filter, setFilter] = usePageState<IncidentFilter>('incidents.filter', NO_FILTER);
  const [search, setSearch] = usePageState('incidents.q', '');
  const [q] = useDebouncedValue(search, 300);
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [merging, setMerging] = useState(false);
  const effective = useMemo(() => ({ ...filter, q }), [filter, q]);
  const queue = useIncidentQueue(effective, cursors.at(-1));
  const list = queue.data?.incidents ?? [];
  const [known, setKnown] = useState<ReadonlyMap<string, Incident>>(new Map());
  const chosen = [...selected].map((id) => known.get(id)).filter((i): i is Incident => i !== undefined);

  const restart = () => { setCursors([]); setSelected(new Set()); };
  const toggle = (id: string, on: boolean) => {
    const inc = list.find((i) => i.id === id);
    if (inc) setKnown((m) => new Map(m).set(id, inc));
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  return (
    <Stack gap="md">
      <QueueFilters filter={filter} search={search} onSearch={(v) => { setSearch(v); restart(); }} onChange={(f) => { setFilter(f); restart(); }} />
      {canWrite && (
        <Group gap="sm">
          <Button disabled={chosen.length < 2} onClick={() => setMerging(true)}>Merge into…</Button>
          <Text size="sm" c="dimmed" role="status">{chosen.length ? `${chosen.length} selected` : 'Select two or more incidents to merge them.'}</Text>
        </Group>
      )}
      <ErrorNotice error={queue.error} title="Could not load the incidents" />
      {queue.isPending && <Text c="dimmed">Loading the incidents…</Text>}
      {queue.data && (
        <>
          <CursorPager page={cursors.length + 1} shown={list.length} hasNext={queue.data.next !== null} noun="incident"
            onPrevious={() => setCursors((c) => c.slice(0, -1))} onNext={() => queue.data?.next && setCursors((c) => [...c, queue.data!.next!])} />
          {list.length === 0
            ? <Text c="dimmed" data-testid="no-incidents">No incidents match.</Text>
            : <QueueTable incidents={list} owners={owners} selected={selected} onToggle={toggle} />}
        </>
      )}
      {merging && (
        <MergeDialog incidents={chosen} onClose={() => setMerging(false)}
          onMerged={(into) => { setMerging(false); setSelected(new Set()); window.location.hash = incidentHref.incident(into.id); }} />
      )}
    </Stack>
  );
}
