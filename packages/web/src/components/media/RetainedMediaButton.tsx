// Downloads the media of a check the server kept (retention on), as a file named after the check's
// SHA-256 and detected type (the given file name is untrusted and not reused).
import { Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { API, type MediaCheck } from '@bulwark/contracts';
import { requestBlob } from '../../api/client.ts';
import { saveBlob } from '../../api/save-file.ts';
import { retainedFileName } from '../../format/media.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

export function RetainedMediaButton({ check }: { check: MediaCheck }) {
  const download = useMutation({
    mutationFn: async () => {
      const blob = await requestBlob(API.mediaCheckMedia(check.id));
      saveBlob(blob, retainedFileName(check));
    },
  });
  return (
    <Stack gap={4}>
      <Button variant="default" loading={download.isPending} onClick={() => download.mutate()}>Download the media</Button>
      <ErrorNotice error={download.error} title="Could not download the media" />
    </Stack>
  );
}
