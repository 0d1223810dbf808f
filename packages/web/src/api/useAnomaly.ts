// Anomaly analytics: entities with findings (risk), one entity's timeline and findings, and marking a
// finding as a false positive.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, type AnomalyEntity, type AnomalyEntityKind, type AnomalyEntityList, type AnomalySuppression } from '@bulwark/contracts';
import { api } from './client.ts';
import { ALERTS_KEY } from './useAlerts.ts';

export const ANOMALY_KEY = ['anomaly-entities'] as const;

export function useAnomalyEntities() {
  return useQuery({
    queryKey: ANOMALY_KEY,
    queryFn: ({ signal }) => api.get<AnomalyEntityList>(API.anomalyEntities, { signal }),
  });
}

export function useAnomalyEntity(kind: AnomalyEntityKind, entity: string) {
  return useQuery({
    queryKey: [...ANOMALY_KEY, kind, entity],
    queryFn: ({ signal }) => api.get<AnomalyEntity>(API.anomalyEntity(kind, entity), { signal }),
  });
}

export function useMarkFalsePositive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (alertId: string) => api.post<AnomalySuppression>(API.anomalyFalsePositives, { alertId }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ANOMALY_KEY }), client.invalidateQueries({ queryKey: ALERTS_KEY })]),
  });
}

/** `user/alice` ↔ kind and entity, for #/entities/<kind>/<entity>. */
export function parseEntityKey(key: string): { kind: AnomalyEntityKind; entity: string } | undefined {
  const i = key.indexOf('/');
  if (i < 0) return undefined;
  const kind = key.slice(0, i);
  const entity = key.slice(i + 1);
  if ((kind !== 'user' && kind !== 'host' && kind !== 'source') || !entity) return undefined;
  return { kind, entity };
}
