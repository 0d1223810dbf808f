// Incidents: the queue (filtered, paged with the server's `next` cursor), one incident with its alerts
// and timeline, and what responders do to them (change, note, merge, split). Every change refreshes
// both the queue and the open incident, since a merge or split touches several.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  API, type Incident, type IncidentDetail, type IncidentList, type IncidentPatch, type IncidentSplit, type Severity, type TimelineEntry,
} from '@bulwark/contracts';
import { api } from './client.ts';

export const INCIDENTS_KEY = ['incidents'] as const;

/** How often the first page of the queue and an open incident ask again (ms): new alerts keep arriving. */
export const REFRESH_MS = 10_000;

export interface IncidentFilter {
  /** Comma-separated statuses; empty: every status but merged. */
  readonly status: string;
  readonly severity: Severity | '';
  readonly owner: '' | 'me' | 'none';
  readonly reportable: '' | 'true' | 'false';
  readonly q: string;
}

export const NO_FILTER: IncidentFilter = { status: '', severity: '', owner: '', reportable: '', q: '' };

export function useIncidentQueue(filter: IncidentFilter, before: string | undefined, limit = 50) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'list', filter, before, limit],
    queryFn: ({ signal }) => api.get<IncidentList>(API.incidents, {
      signal,
      query: {
        status: filter.status || undefined, severity: filter.severity || undefined, owner: filter.owner || undefined,
        reportable: filter.reportable || undefined, q: filter.q.trim() || undefined, before, limit,
      },
    }),
    placeholderData: keepPreviousData,
    refetchInterval: before ? false : REFRESH_MS,
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<IncidentDetail>(API.incident(id), { signal }),
    refetchInterval: REFRESH_MS,
  });
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: INCIDENTS_KEY });
}

export function usePatchIncident(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: IncidentPatch) => api.patch<Incident>(API.incident(id), body),
    onSuccess: refresh,
  });
}

export function useAddNote(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (text: string) => api.post<TimelineEntry>(API.incidentNotes(id), { text }),
    onSuccess: refresh,
  });
}

/** Folds `from` into `into`. */
export function useMergeIncidents() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ into, from }: { into: string; from: readonly string[] }) => api.post<Incident>(API.incidentMerge(into), { from }),
    onSuccess: refresh,
  });
}

export function useSplitIncident(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: IncidentSplit) => api.post<Incident>(API.incidentSplit(id), body),
    onSuccess: refresh,
  });
}
