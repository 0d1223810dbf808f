// The organisation's users (for naming owners and choosing one), only for roles that may list them.
import { useQuery } from '@tanstack/react-query';
import { API, type User } from '@bulwark/contracts';
import { api } from './client.ts';

export function useOrgUsers(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'org'],
    queryFn: ({ signal }) => api.get<User[]>(API.users, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}
