// Threat intelligence: a page of the objects the organisation may receive (search, type, cursor) and
// one object in detail with its versions and relationships.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { API, type IntelObjectDetail, type IntelObjectPage, type IntelObjectQuery } from '@bulwark/contracts';
import { api } from './client.ts';

export const INTEL_KEY = ['intel'] as const;

export function useIntelObjects(query: IntelObjectQuery) {
  return useQuery({
    queryKey: [...INTEL_KEY, 'objects', query],
    queryFn: ({ signal }) =>
      api.get<IntelObjectPage>(API.intelObjects, {
        query: { type: query.type, q: query.q, limit: query.limit, cursor: query.cursor },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useIntelObject(id: string | undefined) {
  return useQuery({
    queryKey: [...INTEL_KEY, 'object', id],
    enabled: id !== undefined,
    queryFn: ({ signal }) => api.get<IntelObjectDetail>(API.intelObject(id ?? ''), { signal }),
  });
}
