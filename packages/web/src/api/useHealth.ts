// Server health, polled every 5 seconds while the page is shown.
import { useQuery } from '@tanstack/react-query';
import { API, type Health } from '@bulwark/contracts';
import { api } from './client.ts';

export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => api.get<Health>(API.health, { signal }),
    refetchInterval: 5000,
  });
}
