// Hash banks: the organisation's banks, one bank's entries (status, search, paging), one entry with its
// history, adding (hashes or a check's), editing and withdrawing entries, deleting a bank (its entries
// withdrawn), and what other organisations and instances share with us.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  API, type DeletedMediaBank, type MediaBank, type MediaBankEntry, type MediaBankEntryList, type MediaBankList, type MediaEntryHistory, type NewMediaBank,
  type NewMediaBankEntry, type SharedMediaEntryList, type UpdateMediaBank, type UpdateMediaBankEntry,
} from '@bulwark/contracts';
import { api } from './client.ts';

export const MEDIA_BANKS_KEY = ['media', 'banks'] as const;
export const MEDIA_ENTRIES_KEY = ['media', 'entries'] as const;
export const MEDIA_SHARED_KEY = ['media', 'shared'] as const;

export type EntryStatusFilter = 'active' | 'withdrawn' | 'all';

export interface EntryQuery {
  readonly status: EntryStatusFilter;
  readonly q: string;
  readonly limit: number;
  readonly offset: number;
}

export function useMediaBanks() {
  return useQuery({
    queryKey: MEDIA_BANKS_KEY,
    queryFn: ({ signal }) => api.get<MediaBankList>(API.mediaBanks, { signal }),
  });
}

export function useMediaBank(id: string | undefined) {
  return useQuery({
    queryKey: [...MEDIA_BANKS_KEY, id],
    enabled: id !== undefined,
    queryFn: ({ signal }) => api.get<MediaBank>(API.mediaBank(id ?? ''), { signal }),
  });
}

export function useCreateBank() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewMediaBank) => api.post<MediaBank>(API.mediaBanks, body),
    onSuccess: () => client.invalidateQueries({ queryKey: MEDIA_BANKS_KEY }),
  });
}

export function useUpdateBank() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateMediaBank }) => api.patch<MediaBank>(API.mediaBank(id), body),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: MEDIA_BANKS_KEY }), client.invalidateQueries({ queryKey: MEDIA_ENTRIES_KEY })]),
  });
}

export function useBankEntries(bankId: string | undefined, query: EntryQuery) {
  return useQuery({
    queryKey: [...MEDIA_ENTRIES_KEY, 'bank', bankId, query],
    enabled: bankId !== undefined,
    queryFn: ({ signal }) =>
      api.get<MediaBankEntryList>(API.mediaBankEntries(bankId ?? ''), {
        query: { status: query.status, q: query.q.trim() || undefined, limit: query.limit, offset: query.offset },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useMediaEntry(id: string | undefined) {
  return useQuery({
    queryKey: [...MEDIA_ENTRIES_KEY, 'entry', id],
    enabled: id !== undefined,
    queryFn: ({ signal }) => api.get<MediaBankEntry>(API.mediaEntry(id ?? ''), { signal }),
  });
}

export function useEntryHistory(id: string | undefined) {
  return useQuery({
    queryKey: [...MEDIA_ENTRIES_KEY, 'history', id],
    enabled: id !== undefined,
    queryFn: ({ signal }) => api.get<MediaEntryHistory>(API.mediaEntryHistory(id ?? ''), { signal }),
  });
}

function invalidateEntries(client: ReturnType<typeof useQueryClient>) {
  return Promise.all([
    client.invalidateQueries({ queryKey: MEDIA_ENTRIES_KEY }),
    client.invalidateQueries({ queryKey: MEDIA_BANKS_KEY }),
    client.invalidateQueries({ queryKey: MEDIA_SHARED_KEY }),
  ]);
}

export function useAddEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ bankId, body }: { bankId: string; body: NewMediaBankEntry }) => api.post<MediaBankEntry>(API.mediaBankEntries(bankId), body),
    onSuccess: () => invalidateEntries(client),
  });
}

export function useUpdateEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateMediaBankEntry }) => api.patch<MediaBankEntry>(API.mediaEntry(id), body),
    onSuccess: () => invalidateEntries(client),
  });
}

export function useWithdrawEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api.post<MediaBankEntry>(API.mediaEntryWithdraw(id), { reason }),
    onSuccess: () => invalidateEntries(client),
  });
}

export function useDeleteBank() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api.del<DeletedMediaBank>(API.mediaBank(id), { body: reason.trim() ? { reason: reason.trim() } : {} }),
    onSuccess: () => invalidateEntries(client),
  });
}

export function useSharedEntries() {
  return useQuery({
    queryKey: MEDIA_SHARED_KEY,
    queryFn: ({ signal }) => api.get<SharedMediaEntryList>(API.mediaShared, { signal }),
  });
}
