// Federation (administrators): this instance's identity with its peers and their sync state, and a
// pull from one peer now.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, type FederationStatus, type RotatedKey, type SyncResult } from '@bulwark/contracts';
import { api } from './client.ts';
import { INTEL_KEY } from './useIntelObjects.ts';

export const FEDERATION_KEY = ['federation'] as const;

export function useFederation() {
  return useQuery({
    queryKey: FEDERATION_KEY,
    queryFn: ({ signal }) => api.get<FederationStatus>(API.federation, { signal }),
  });
}

export function useSyncPeer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (peerId: string) => api.post<SyncResult>(API.federationSync(peerId)),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: FEDERATION_KEY }),
        client.invalidateQueries({ queryKey: INTEL_KEY }),
      ]),
  });
}

/** A new signing key for this instance; the previous one stays published for the grace period. */
export function useRotateKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RotatedKey>(API.federationRotateKey),
    onSettled: () => client.invalidateQueries({ queryKey: FEDERATION_KEY }),
  });
}
