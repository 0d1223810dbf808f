// The block list in force (what firewalls fetch as text or STIX): list, add (the server reads the kind
// from the value and says what is wrong with it) and remove.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, type BlocklistCreate, type BlocklistEntry, type BlocklistList } from '@bulwark/contracts';
import { api } from './client.ts';

export const BLOCKLIST_KEY = ['blocklist'] as const;

export function useBlocklist() {
  return useQuery({
    queryKey: BLOCKLIST_KEY,
    queryFn: ({ signal }) => api.get<BlocklistList>(API.blocklist, { signal }),
  });
}

export function useAddBlocklistEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BlocklistCreate) => api.post<BlocklistEntry>(API.blocklist, body),
    onSuccess: () => client.invalidateQueries({ queryKey: BLOCKLIST_KEY }),
  });
}

export function useRemoveBlocklistEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (value: string) => api.del<undefined>(API.blocklistEntry(value)),
    onSuccess: () => client.invalidateQueries({ queryKey: BLOCKLIST_KEY }),
  });
}
