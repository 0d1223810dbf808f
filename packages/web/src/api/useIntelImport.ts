// Imports a file of threat intelligence as it was chosen: a MISP event to the MISP endpoint, anything
// else as a STIX bundle (lenient or strict); the sent text is the file's own, unchanged.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { API, type IntelImportReport, type MispImportReport } from '@bulwark/contracts';
import type { IntelFileKind } from '../format/intel-file.ts';
import { api } from './client.ts';
import { INTEL_KEY } from './useIntelObjects.ts';

export interface IntelImportRequest {
  readonly kind: IntelFileKind;
  readonly text: string;
  readonly tlp: string;
  readonly distribution: string;
  /** With distribution `group` (STIX bundles): the sharing group's id. */
  readonly group?: string;
  readonly strict: boolean;
}

export type IntelImportOutcome =
  | { readonly kind: 'stix'; readonly report: IntelImportReport }
  | { readonly kind: 'misp'; readonly report: MispImportReport };

async function send(r: IntelImportRequest): Promise<IntelImportOutcome> {
  if (r.kind === 'misp') {
    const report = await api.post<MispImportReport>(API.intelImportMisp, undefined, { rawBody: r.text, query: { tlp: r.tlp, distribution: r.distribution } });
    return { kind: 'misp', report };
  }
  const query = r.distribution === 'group' ? { tlp: r.tlp, group: r.group, strict: r.strict ? 'true' : undefined } : { tlp: r.tlp, distribution: r.distribution, strict: r.strict ? 'true' : undefined };
  const report = await api.post<IntelImportReport>(API.intelImport, undefined, { rawBody: r.text, query });
  return { kind: 'stix', report };
}

export function useIntelImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: INTEL_KEY }),
  });
}
