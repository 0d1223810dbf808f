// Where media goes in to be checked: a file dropped on the zone or chosen with the button (uploaded as
// its raw bytes with upload progress and a cancel button), or a URL the server fetches through its
// egress guard. Each finished check opens as #/media/check/<id>.
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { Button, Group, Paper, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import type { MediaCheck } from '@bulwark/contracts';
import { useCheckFile, useCheckUrl } from '../../api/useMediaChecks.ts';
import { formatBytes, safeHttpUrl, uploadPercent } from '../../format/media.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

export function CheckDropZone({ onChecked }: { onChecked: (check: MediaCheck) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [fileName, setFileName] = useState<{ name: string; size: number } | undefined>();
  const [url, setUrl] = useState('');
  const file = useCheckFile();
  const byUrl = useCheckUrl();
  const busy = file.isPending || byUrl.isPending;
  const pct = file.progress ? uploadPercent(file.progress.loaded, file.progress.total) : undefined;
  const uploaded = pct === 100;

  function check(f: File | undefined) {
    if (!f || busy) return;
    byUrl.reset();
    setFileName({ name: f.name, size: f.size });
    file.mutate(f, { onSuccess: onChecked });
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    check(e.dataTransfer.files[0]);
  }

  function submitUrl(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const href = safeHttpUrl(url);
    if (!href || busy) return;
    file.reset();
    byUrl.mutate(href, { onSuccess: onChecked });
  }

  const urlError = url.trim() && !safeHttpUrl(url) ? 'Give an http:// or https:// URL' : undefined;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="check-heading">
      <Stack gap="sm">
        <Title order={3} id="check-heading">Check media</Title>
        <div
          className="drop-zone"
          data-dragging={dragging || undefined}
          onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; setDragging(true); }}
          onDragEnter={(e) => { e.preventDefault(); setDragging(true); }}
          onDragLeave={(e) => { if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false); }}
          onDrop={onDrop}
          aria-label="Drop a file to check it"
          role="group"
        >
          <Stack align="center" gap="xs">
            <Text fw={500}>Drop an image, video or audio file here</Text>
            <Text size="sm" c="dimmed">It is hashed and its content credentials are read; only the hashes are kept unless retention is on.</Text>
            <input
              ref={input} id="media-file" type="file" className="visually-hidden" aria-label="Media file to check"
              onChange={(e) => { check(e.currentTarget.files?.[0]); e.currentTarget.value = ''; }}
            />
            <Button variant="default" onClick={() => input.current?.click()} disabled={busy}>Choose a file</Button>
          </Stack>
        </div>
        {file.isPending && fileName && (
          <Stack gap={4} role="status" aria-live="polite">
            <Group justify="space-between">
              <Text size="sm">
                {uploaded ? 'Uploaded; hashing and matching' : 'Uploading'} <Text span ff="monospace" size="sm">{fileName.name}</Text> ({formatBytes(fileName.size)})
                {!uploaded && pct !== undefined ? ` — ${pct}%` : '…'}
              </Text>
              {!uploaded && <Button size="compact-sm" variant="subtle" color="red" onClick={file.cancel}>Cancel</Button>}
            </Group>
            <Progress value={pct ?? 0} animated={uploaded} striped={uploaded} aria-label="Upload progress" />
          </Stack>
        )}
        {file.isError && !isAbort(file.error) && <ErrorNotice error={file.error} title={`Could not check ${fileName?.name ?? 'the file'}`} />}
        {file.isError && isAbort(file.error) && <Text size="sm" c="dimmed" role="status">The upload was cancelled.</Text>}
        <form onSubmit={submitUrl} aria-label="Check a URL">
          <Group align="flex-start">
            <TextInput label="Or a URL" placeholder="https://…" value={url} onChange={(e) => setUrl(e.currentTarget.value)}
              error={urlError} style={{ flex: 1 }} maxLength={2048} />
            <Button type="submit" mt={25} disabled={!safeHttpUrl(url) || busy} loading={byUrl.isPending}>Check URL</Button>
          </Group>
        </form>
        <ErrorNotice error={byUrl.error} title="Could not check the URL" />
      </Stack>
    </Paper>
  );
}
