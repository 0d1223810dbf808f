// Event search: from/to/q/field filters, paged with the server's `next` cursor.
import { useInfiniteQuery } from '@tanstack/react-query';
import { API, type EventPage } from '@bulwark/contracts';
import { api } from './client.ts';

export interface EventSearch {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly q?: string | undefined;
  readonly fields: readonly string[];
  readonly limit: number;
  /** Changes on every submit, so searching again re-runs the query. */
  readonly run: number;
}

export function useEventSearch(search: EventSearch | undefined) {
  return useInfiniteQuery({
    queryKey: ['events', search],
    enabled: search !== undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<EventPage>(API.events, {
        query: {
          from: search?.from,
          to: search?.to,
          q: search?.q,
          field: search?.fields,
          limit: search?.limit,
          cursor: pageParam,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}
