// How alerts are grouped into incidents: read (incidents:read), replace (playbooks:write).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, type GroupingSettings } from '@bulwark/contracts';
import { api } from './client.ts';

export const GROUPING_KEY = ['incidents-grouping'] as const;

export function useGrouping() {
  return useQuery({
    queryKey: GROUPING_KEY,
    queryFn: ({ signal }) => api.get<GroupingSettings>(API.incidentGrouping, { signal }),
  });
}

export function useSaveGrouping() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: GroupingSettings) => api.put<GroupingSettings>(API.incidentGrouping, body),
    onSuccess: (saved) => client.setQueryData(GROUPING_KEY, saved),
  });
}
