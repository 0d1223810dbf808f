// Sigma packs: the list, one pack with its problems, upload (create or replace) and delete.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, type SigmaPack, type SigmaPackList, type UploadSigmaPack } from '@bulwark/contracts';
import { api } from './client.ts';
import { SIGMA_RULES_KEY } from './useSigmaRules.ts';

export const SIGMA_PACKS_KEY = ['sigma-packs'] as const;

export function useSigmaPacks() {
  return useQuery({
    queryKey: SIGMA_PACKS_KEY,
    queryFn: ({ signal }) => api.get<SigmaPackList>(API.sigmaPacks, { signal }),
  });
}

export function useSigmaPack(name: string | undefined) {
  return useQuery({
    queryKey: [...SIGMA_PACKS_KEY, name],
    enabled: name !== undefined,
    queryFn: ({ signal }) => api.get<SigmaPack>(API.sigmaPack(name ?? ''), { signal }),
  });
}

export function useUploadSigmaPack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ name, upload }: { name: string; upload: UploadSigmaPack }) => api.put<SigmaPack>(API.sigmaPack(name), upload),
    onSuccess: async (pack) => {
      client.setQueryData([...SIGMA_PACKS_KEY, pack.name], pack);
      await Promise.all([
        client.invalidateQueries({ queryKey: SIGMA_PACKS_KEY, exact: true }),
        client.invalidateQueries({ queryKey: SIGMA_RULES_KEY }),
      ]);
    },
  });
}

export function useDeleteSigmaPack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.del<undefined>(API.sigmaPack(name)),
    onSuccess: async (_none, name) => {
      client.removeQueries({ queryKey: [...SIGMA_PACKS_KEY, name] });
      await Promise.all([
        client.invalidateQueries({ queryKey: SIGMA_PACKS_KEY, exact: true }),
        client.invalidateQueries({ queryKey: SIGMA_RULES_KEY }),
      ]);
    },
  });
}
