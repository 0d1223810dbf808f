// One object's sightings and false positives (list, report one) and its correlations.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, type IntelCorrelations, type IntelSightingList, type NewSighting, type RecordedSighting } from '@bulwark/contracts';
import { api } from './client.ts';
import { INTEL_KEY } from './useIntelObjects.ts';

export function useIntelSightings(id: string) {
  return useQuery({
    queryKey: [...INTEL_KEY, 'sightings', id],
    queryFn: ({ signal }) => api.get<IntelSightingList>(API.intelSightings(id), { signal }),
  });
}

export function useIntelCorrelations(id: string) {
  return useQuery({
    queryKey: [...INTEL_KEY, 'correlations', id],
    queryFn: ({ signal }) => api.get<IntelCorrelations>(API.intelCorrelations(id), { signal }),
  });
}

export function useRecordSighting(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSighting) => api.post<RecordedSighting>(API.intelSightings(id), body),
    // The score, the list and the object list change.
    onSuccess: () => client.invalidateQueries({ queryKey: INTEL_KEY }),
  });
}
