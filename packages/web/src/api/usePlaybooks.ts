// Playbooks and their runs: the list, one playbook with its YAML and versions, saving a new version,
// dry runs against a pasted alert or incident, runs (all, or one incident's) and approval decisions.
// Runs refresh on a timer: steps move on in the background and approvals expire.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  API, type PlaybookApproval, type PlaybookDetail, type PlaybookList, type PlaybookRun, type PlaybookRunList, type PlaybookSummary,
  type PlaybookTest, type PlaybookTestResult,
} from '@bulwark/contracts';
import { api } from './client.ts';

export const PLAYBOOKS_KEY = ['playbooks'] as const;
export const RUNS_KEY = ['playbook-runs'] as const;
export const RUNS_REFRESH_MS = 5_000;

export function usePlaybookList() {
  return useQuery({
    queryKey: [...PLAYBOOKS_KEY, 'list'],
    queryFn: ({ signal }) => api.get<PlaybookList>(API.playbooks, { signal }),
  });
}

export function usePlaybook(id: string | undefined) {
  return useQuery({
    queryKey: [...PLAYBOOKS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<PlaybookDetail>(API.playbook(id!), { signal }),
    enabled: !!id,
  });
}

export function useSavePlaybook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, source }: { id: string; source: string }) => api.put<PlaybookSummary>(API.playbook(id), { source }),
    onSuccess: () => client.invalidateQueries({ queryKey: PLAYBOOKS_KEY }),
  });
}

export function useDryRun() {
  return useMutation({
    mutationFn: (body: PlaybookTest) => api.post<PlaybookTestResult>(API.playbookTest, body),
  });
}

export interface RunFilter {
  readonly incident?: string;
  readonly status?: string;
}

export function usePlaybookRuns(filter: RunFilter) {
  return useQuery({
    queryKey: [...RUNS_KEY, filter],
    queryFn: ({ signal }) => api.get<PlaybookRunList>(API.playbookRuns, { signal, query: { incident: filter.incident, status: filter.status, limit: 100 } }),
    refetchInterval: RUNS_REFRESH_MS,
  });
}

export function useApproveRun(runId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PlaybookApproval) => api.post<PlaybookRun>(API.playbookRunApproval(runId), body),
    onSettled: () => client.invalidateQueries({ queryKey: RUNS_KEY }),
  });
}
