// NIS2 reporting of one incident: its clocks and reports, drafting a report of a kind, one report
// version with what is missing, saving an edit (a new version), submitting, exporting JSON or PDF
// with the session (a plain link would not carry the session through the API client's error handling),
// and the organisation's entity profile.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  API, type Nis2Profile, type Nis2ReportDocument, type Nis2ReportKind, type Nis2ReportSummary, type Nis2ReportView, type Nis2State,
} from '@bulwark/contracts';
import { reportFileName } from '../format/nis2.ts';
import { api, requestBlob } from './client.ts';
import { INCIDENTS_KEY } from './useIncidents.ts';
import { saveBlob } from './save-file.ts';

export const NIS2_KEY = ['nis2'] as const;
export const NIS2_REFRESH_MS = 30_000;

export function useNis2State(incidentId: string) {
  return useQuery({
    queryKey: [...NIS2_KEY, 'incident', incidentId],
    queryFn: ({ signal }) => api.get<Nis2State>(API.incidentNis2(incidentId), { signal }),
    refetchInterval: NIS2_REFRESH_MS,
  });
}

export function useNis2Report(id: string | undefined) {
  return useQuery({
    queryKey: [...NIS2_KEY, 'report', id],
    queryFn: ({ signal }) => api.get<Nis2ReportView>(API.nis2Report(id!), { signal }),
    enabled: !!id,
  });
}

function useRefresh() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: NIS2_KEY });
    await client.invalidateQueries({ queryKey: INCIDENTS_KEY });
  };
}

export function useDraftReport(incidentId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (kind: Nis2ReportKind) => api.post<Nis2ReportView>(API.incidentNis2Reports(incidentId), { kind }),
    onSuccess: refresh,
  });
}

export function useSaveReport() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, document }: { id: string; document: Nis2ReportDocument }) => api.put<Nis2ReportView>(API.nis2Report(id), { document }),
    onSuccess: refresh,
  });
}

export function useSubmitReport() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.post<Nis2ReportSummary>(API.nis2ReportSubmit(id)),
    onSuccess: refresh,
  });
}

export function useExportReport() {
  return useMutation({
    mutationFn: async ({ report, format }: { report: Nis2ReportSummary; format: 'json' | 'pdf' }) => {
      const blob = await requestBlob(format === 'json' ? API.nis2ReportJson(report.id) : API.nis2ReportPdf(report.id));
      saveBlob(blob, reportFileName(report, format));
    },
  });
}

export function useNis2Profile() {
  return useQuery({
    queryKey: [...NIS2_KEY, 'profile'],
    queryFn: ({ signal }) => api.get<Nis2Profile>(API.nis2Profile, { signal }),
  });
}

export function useSaveNis2Profile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Nis2Profile) => api.put<Nis2Profile>(API.nis2Profile, body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...NIS2_KEY, 'profile'] }),
  });
}
