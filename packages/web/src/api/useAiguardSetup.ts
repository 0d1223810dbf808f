// The AI gateway's set-up: gateway keys (issued per user and purpose; the token comes back once) and
// the upstream AI services behind it (instance administrators).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  API, type AiguardKey, type AiguardKeyList, type AiguardUpstream, type AiguardUpstreamList, type IssuedAiguardKey, type NewAiguardKey, type NewAiguardUpstream,
  type UpdateAiguardUpstream,
} from '@bulwark/contracts';
import { api } from './client.ts';
import { AIGUARD_KEY } from './useAiguardTraffic.ts';

const KEYS_KEY = [...AIGUARD_KEY, 'keys'] as const;
const UPSTREAMS_KEY = [...AIGUARD_KEY, 'upstreams'] as const;

export function useAiguardKeys() {
  return useQuery({ queryKey: KEYS_KEY, queryFn: ({ signal }) => api.get<AiguardKeyList>(API.aiguardKeys, { signal }) });
}

export function useIssueKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewAiguardKey) => api.post<IssuedAiguardKey>(API.aiguardKeys, body),
    onSettled: () => client.invalidateQueries({ queryKey: KEYS_KEY }),
  });
}

export function useRevokeKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del<AiguardKey>(API.aiguardKey(id)),
    onSettled: () => client.invalidateQueries({ queryKey: KEYS_KEY }),
  });
}

export function useAiguardUpstreams() {
  return useQuery({ queryKey: UPSTREAMS_KEY, queryFn: ({ signal }) => api.get<AiguardUpstreamList>(API.aiguardUpstreams, { signal }) });
}

export function useAddUpstream() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewAiguardUpstream) => api.post<AiguardUpstream>(API.aiguardUpstreams, body),
    onSettled: () => client.invalidateQueries({ queryKey: UPSTREAMS_KEY }),
  });
}

export function useUpdateUpstream() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateAiguardUpstream }) => api.patch<AiguardUpstream>(API.aiguardUpstream(id), body),
    onSettled: () => client.invalidateQueries({ queryKey: UPSTREAMS_KEY }),
  });
}

export function useDeleteUpstream() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del<void>(API.aiguardUpstream(id)),
    onSettled: () => client.invalidateQueries({ queryKey: UPSTREAMS_KEY }),
  });
}
