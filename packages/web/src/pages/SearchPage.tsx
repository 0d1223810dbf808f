// Event search: time range, free text and field filters; results page on with "Load more".
import type { FormEvent } from 'react';
import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEventSearch, type EventSearch } from '../api/useEventSearch.ts';
import { EventsTable } from '../components/EventsTable.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { FieldFilters } from '../components/FieldFilters.tsx';
import { localInputToIso } from '../format/time.ts';
import { plural } from '../format/plural.ts';
import { usePageState } from '../state/usePageState.ts';

const LIMITS = ['50', '100', '200', '500'];

export function SearchPage() {
  const [from, setFrom] = usePageState('search.from', '');
  const [to, setTo] = usePageState('search.to', '');
  const [q, setQ] = usePageState('search.q', '');
  const [fields, setFields] = usePageState<string[]>('search.fields', []);
  const [limit, setLimit] = usePageState('search.limit', '100');
  const [search, setSearch] = usePageState<EventSearch | undefined>('search.search', undefined);
  const result = useEventSearch(search);
  const events = result.data?.pages.flatMap((p) => p.events) ?? [];

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSearch({
      from: localInputToIso(from),
      to: localInputToIso(to),
      q: q.trim() || undefined,
      fields: fields.map((f) => f.trim()).filter((f) => f.includes('=')),
      limit: Number(limit),
      run: Date.now(),
    });
  }

  return (
    <Stack>
      <Title order={2}>Search events</Title>
      <Paper withBorder p="md" component="form" onSubmit={submit} role="search" aria-label="Event search">
        <Stack>
          <Group grow align="flex-start">
            <TextInput label="From" type="datetime-local" step={1} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
            <TextInput label="To" type="datetime-local" step={1} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
            <NativeSelect label="Page size" data={LIMITS} value={limit} onChange={(e) => setLimit(e.currentTarget.value)} />
          </Group>
          <TextInput label="Text" description="Found anywhere in the event" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
          <FieldFilters values={fields} onChange={setFields} />
          <Group>
            <Button type="submit" loading={result.isFetching && !result.isFetchingNextPage}>
              Search
            </Button>
          </Group>
        </Stack>
      </Paper>
      <ErrorNotice error={result.error} title="Search failed" />
      {search && result.isSuccess && (
        <>
          <Text size="sm" role="status">
            {plural(events.length, 'event')} shown{result.hasNextPage ? ', more available' : ''}
          </Text>
          <EventsTable events={events} caption="Search results" expandable empty="No events match." />
          {result.hasNextPage && (
            <Group>
              <Button variant="default" onClick={() => void result.fetchNextPage()} loading={result.isFetchingNextPage}>
                Load more
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
