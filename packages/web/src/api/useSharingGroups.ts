// Sharing groups of the signed-in organisation: list, create, add or remove members, delete.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, type CreateSharingGroup, type SharingGroup, type SharingGroupList, type UpdateSharingGroup } from '@bulwark/contracts';
import { api } from './client.ts';
import { INTEL_KEY } from './useIntelObjects.ts';

export const GROUPS_KEY = ['sharing-groups'] as const;

export function useSharingGroups() {
  return useQuery({
    queryKey: GROUPS_KEY,
    queryFn: ({ signal }) => api.get<SharingGroupList>(API.intelSharingGroups, { signal }),
  });
}

function useGroupMutation<V>(fn: (v: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Membership changes change who receives what: the object list too.
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: GROUPS_KEY }), client.invalidateQueries({ queryKey: INTEL_KEY })]),
  });
}

export const useCreateGroup = () => useGroupMutation((body: CreateSharingGroup) => api.post<SharingGroup>(API.intelSharingGroups, body));
export const useUpdateGroup = () => useGroupMutation(({ id, body }: { id: string; body: UpdateSharingGroup }) => api.patch<SharingGroup>(API.intelSharingGroup(id), body));
export const useDeleteGroup = () => useGroupMutation((id: string) => api.del<void>(API.intelSharingGroup(id)));

/** `org` (this instance: id or slug) or `instance/org`; undefined when malformed. */
export function parseMember(text: string): { instance?: string; org: string } | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const slash = t.indexOf('/');
  if (slash === -1) return { org: t };
  const instance = t.slice(0, slash);
  const org = t.slice(slash + 1);
  return instance && org ? { instance, org } : undefined;
}
