// Exports what the organisation may receive (optionally one type) as a STIX bundle and saves it as a
// file through a temporary object URL.
import { useMutation } from '@tanstack/react-query';
import { API } from '@bulwark/contracts';
import { requestBlob } from './client.ts';

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportFileName(type: string | undefined, now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  return `bulwark-intel-${type ? `${type}-` : ''}${day}.json`;
}

export function useIntelExport() {
  return useMutation({
    mutationFn: async (type: string | undefined) => {
      const blob = await requestBlob(API.intelExport, { type });
      save(blob, exportFileName(type));
      return blob.size;
    },
  });
}
