// Alert list (filtered, paged with a cursor) and alert updates.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { API, type Alert, type AlertPage, type AlertStatus, type Severity, type UpdateAlert } from '@bulwark/contracts';
import { api } from './client.ts';

export const ALERTS_KEY = ['alerts'] as const;
const PAGE_SIZE = 100;

export interface AlertFilter {
  readonly status?: AlertStatus | undefined;
  readonly severity?: Severity | undefined;
}

export function useAlerts(filter: AlertFilter) {
  return useInfiniteQuery({
    queryKey: [...ALERTS_KEY, filter],
    queryFn: ({ pageParam, signal }) =>
      api.get<AlertPage>(API.alerts, {
        query: { status: filter.status, severity: filter.severity, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function useUpdateAlert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateAlert }) => api.patch<Alert>(API.alert(id), change),
    onSuccess: () => client.invalidateQueries({ queryKey: ALERTS_KEY }),
  });
}
