// Media checks: a file's bytes (with upload progress) or a URL checked against the hash banks, the
// organisation's recent checks and one check by id.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, type MediaCheck, type MediaCheckList } from '@bulwark/contracts';
import { api, uploadBlob } from './client.ts';

export const MEDIA_CHECKS_KEY = ['media', 'checks'] as const;

export interface UploadProgress {
  readonly loaded: number;
  readonly total: number;
}

export function useMediaChecks() {
  return useQuery({
    queryKey: MEDIA_CHECKS_KEY,
    queryFn: ({ signal }) => api.get<MediaCheckList>(API.mediaChecks, { signal }),
  });
}

export function useMediaCheck(id: string | undefined) {
  return useQuery({
    queryKey: [...MEDIA_CHECKS_KEY, id],
    enabled: id !== undefined,
    queryFn: ({ signal }) => api.get<MediaCheck>(API.mediaCheckResult(id ?? ''), { signal }),
    staleTime: Infinity,
  });
}

/** Checks a chosen or dropped file; `progress` follows the upload, `cancel` aborts it. */
export function useCheckFile() {
  const client = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | undefined>();
  const [controller, setController] = useState<AbortController | undefined>();
  const mutation = useMutation({
    mutationFn: (file: File) => {
      const ctl = new AbortController();
      setController(ctl);
      setProgress({ loaded: 0, total: file.size });
      return uploadBlob<MediaCheck>(API.mediaCheck, file, {
        query: { name: file.name.slice(0, 255) },
        signal: ctl.signal,
        onProgress: (loaded, total) => setProgress({ loaded, total: total || file.size }),
      });
    },
    onSuccess: (check) => {
      client.setQueryData([...MEDIA_CHECKS_KEY, check.id], check);
      return client.invalidateQueries({ queryKey: MEDIA_CHECKS_KEY, exact: true });
    },
    onSettled: () => setController(undefined),
  });
  return { ...mutation, progress, cancel: () => controller?.abort() };
}

export function useCheckUrl() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (url: string) => api.post<MediaCheck>(API.mediaCheckUrl, { url }),
    onSuccess: (check) => {
      client.setQueryData([...MEDIA_CHECKS_KEY, check.id], check);
      return client.invalidateQueries({ queryKey: MEDIA_CHECKS_KEY, exact: true });
    },
  });
}
