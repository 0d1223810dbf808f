// The AI gateway's watch side: the request log (live: refetched every few seconds while on the first
// page), the review queue and its decisions, accounts by risk (unblock), and the block list.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  API, type AiguardAccountList, type AiguardBlock, type AiguardBlockList, type AiguardRequest, type AiguardRequestList, type AiguardReview, type NewAiguardBlock,
} from '@bulwark/contracts';
import { api } from './client.ts';

export const AIGUARD_KEY = ['aiguard'] as const;
const REQUESTS_KEY = [...AIGUARD_KEY, 'requests'] as const;
const ACCOUNTS_KEY = [...AIGUARD_KEY, 'accounts'] as const;
const BLOCKS_KEY = [...AIGUARD_KEY, 'blocks'] as const;

/** How often the live views ask again (ms). */
export const LIVE_MS = 3_000;

export interface RequestFilter {
  readonly account?: string;
  readonly review?: 'pending' | 'confirmed' | 'dismissed';
  readonly action?: AiguardRequest['action'];
  readonly before?: string;
  readonly limit?: number;
}

/** Gateway requests, newest first; live (refetched) unless paging back through `before`. */
export function useAiguardRequests(filter: RequestFilter = {}, opts: { live?: boolean; enabled?: boolean } = {}) {
  const live = (opts.live ?? true) && !filter.before;
  return useQuery({
    queryKey: [...REQUESTS_KEY, filter],
    queryFn: ({ signal }) => api.get<AiguardRequestList>(API.aiguardRequests, {
      signal, query: { account: filter.account, review: filter.review, action: filter.action, before: filter.before, limit: filter.limit },
    }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_MS : false,
    enabled: opts.enabled ?? true,
  });
}

export function useAiguardReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: AiguardReview }) => api.post<AiguardRequest>(API.aiguardReview(id), body),
    onSettled: () => client.invalidateQueries({ queryKey: AIGUARD_KEY }),
  });
}

export function useAiguardAccounts() {
  return useQuery({
    queryKey: ACCOUNTS_KEY,
    queryFn: ({ signal }) => api.get<AiguardAccountList>(API.aiguardAccounts, { signal }),
    refetchInterval: LIVE_MS * 2,
  });
}

export function useUnblockAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (account: string) => api.del<void>(API.aiguardAccount(account)),
    onSettled: () => client.invalidateQueries({ queryKey: AIGUARD_KEY }),
  });
}

export function useAiguardBlocks() {
  return useQuery({
    queryKey: BLOCKS_KEY,
    queryFn: ({ signal }) => api.get<AiguardBlockList>(API.aiguardBlocks, { signal }),
  });
}

export function useAddBlock() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewAiguardBlock) => api.post<AiguardBlock>(API.aiguardBlocks, body),
    onSettled: () => client.invalidateQueries({ queryKey: BLOCKS_KEY }),
  });
}

export function useRemoveBlock() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del<void>(API.aiguardBlock(id)),
    onSettled: () => client.invalidateQueries({ queryKey: BLOCKS_KEY }),
  });
}
