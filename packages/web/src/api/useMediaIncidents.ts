// Disinformation incidents: the organisation's list (status, search, paging), one incident, creating,
// changing and deleting, the STIX export as a file, and the DISARM catalogue (technique names).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  API, type DisarmCatalogue, type MediaIncident, type MediaIncidentList, type NewMediaIncident, type UpdateMediaIncident,
} from '@bulwark/contracts';
import { incidentExportName, type IncidentStatusValue } from '../format/media-incident.ts';
import { api, requestBlob } from './client.ts';
import { saveBlob } from './save-file.ts';

export const MEDIA_INCIDENTS_KEY = ['media', 'incidents'] as const;
export const DISARM_KEY = ['media', 'disarm'] as const;

export interface IncidentQuery {
  readonly status: IncidentStatusValue | '';
  readonly q: string;
  readonly limit: number;
  readonly offset: number;
}

export function useMediaIncidents(query: IncidentQuery) {
  return useQuery({
    queryKey: [...MEDIA_INCIDENTS_KEY, 'list', query],
    queryFn: ({ signal }) =>
      api.get<MediaIncidentList>(API.mediaIncidents, {
        query: { status: query.status || undefined, q: query.q.trim() || undefined, limit: query.limit, offset: query.offset },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useMediaIncident(id: string | undefined) {
  return useQuery({
    queryKey: [...MEDIA_INCIDENTS_KEY, 'one', id],
    enabled: id !== undefined,
    queryFn: ({ signal }) => api.get<MediaIncident>(API.mediaIncident(id ?? ''), { signal }),
  });
}

export function useCreateIncident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewMediaIncident) => api.post<MediaIncident>(API.mediaIncidents, body),
    onSuccess: () => client.invalidateQueries({ queryKey: MEDIA_INCIDENTS_KEY }),
  });
}

export function useUpdateIncident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateMediaIncident }) => api.patch<MediaIncident>(API.mediaIncident(id), body),
    onSuccess: () => client.invalidateQueries({ queryKey: MEDIA_INCIDENTS_KEY }),
  });
}

export function useDeleteIncident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del<undefined>(API.mediaIncident(id)),
    onSuccess: () => client.invalidateQueries({ queryKey: MEDIA_INCIDENTS_KEY }),
  });
}

export function useIncidentStixExport() {
  return useMutation({
    mutationFn: async (incident: { id: string; title: string }) => {
      const blob = await requestBlob(API.mediaIncidentStix(incident.id));
      saveBlob(blob, incidentExportName(incident));
      return blob.size;
    },
  });
}

/** The DISARM catalogue, and its technique names by id (empty until DISARM is imported). */
export function useDisarm() {
  const q = useQuery({
    queryKey: DISARM_KEY,
    queryFn: ({ signal }) => api.get<DisarmCatalogue>(API.mediaDisarm, { signal }),
    staleTime: 10 * 60_000,
    retry: false,
  });
  return q;
}
