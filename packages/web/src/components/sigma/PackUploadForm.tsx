// Uploads (or replaces) one of the organisation's packs: a name, a description, and .yml/.yaml files
// chosen one by one or as a folder. Files are read here and sent with their path inside the folder.
import { useState, type FormEvent } from 'react';
import { Button, Group, Input, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { SigmaPack } from '@bulwark/contracts';
import { useUploadSigmaPack } from '../../api/useSigmaPacks.ts';
import { isRuleFile, packPath, readPackFiles } from '../../format/pack-files.ts';
import { plural } from '../../format/plural.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function outcome(p: SigmaPack): string {
  return `Uploaded ${p.name}: ${plural(p.rules, 'rule')}, ${plural(p.correlations, 'correlation')}, ${plural(p.filters, 'filter')}; ${p.errors} cannot run.`;
}

export function PackUploadForm({ onUploaded }: { onUploaded: (name: string) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [formKey, setFormKey] = useState(0);
  const [readError, setReadError] = useState<unknown>(null);
  const upload = useUploadSigmaPack();
  const chosen = files.filter((f) => isRuleFile(f.name));
  const nameError = name && !NAME.test(name) ? 'Letters, digits, dot, dash and underscore; up to 64, starting with a letter or digit' : undefined;

  function choose(list: FileList | null) {
    setFiles(list ? [...list] : []);
    setReadError(null);
    upload.reset();
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setReadError(null);
    const read = await readPackFiles(chosen).catch((err: unknown) => {
      setReadError(err);
      return undefined;
    });
    if (!read) return;
    upload.mutate(
      { name, upload: { description: description.trim() || undefined, files: read } },
      {
        onSuccess: (p) => {
          setFiles([]);
          setFormKey((k) => k + 1); // clears the file inputs
          onUploaded(p.name);
        },
      },
    );
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={(e) => void submit(e)} aria-label="Upload a rule pack">
      <Stack gap="sm">
        <Title order={4}>Upload a pack of your organisation</Title>
        <Group grow align="flex-start">
          <TextInput label="Pack name" required value={name} error={nameError}
            description="Uploading under an existing name of yours replaces that pack"
            onChange={(e) => setName(e.currentTarget.value)} />
          <Textarea label="Description" autosize minRows={1} maxLength={2000} value={description}
            onChange={(e) => setDescription(e.currentTarget.value)} />
        </Group>
        <Group grow align="flex-start" key={formKey}>
          <Input.Wrapper id="pack-files" label="Rule files" description=".yml or .yaml, several at once">
            <input id="pack-files" type="file" multiple accept=".yml,.yaml" onChange={(e) => choose(e.currentTarget.files)} />
          </Input.Wrapper>
          <Input.Wrapper id="pack-folder" label="Or a folder" description="Its .yml and .yaml files, with their paths">
            <input id="pack-folder" type="file" multiple webkitdirectory="" onChange={(e) => choose(e.currentTarget.files)} />
          </Input.Wrapper>
        </Group>
        {files.length > 0 && (
          <Text size="sm" role="status">
            {plural(chosen.length, 'YAML file')} chosen
            {chosen.length > 0 && `: ${chosen.slice(0, 5).map(packPath).join(', ')}${chosen.length > 5 ? ', …' : ''}`}
          </Text>
        )}
        <ErrorNotice error={readError} title="Could not read the files" />
        <ErrorNotice error={upload.error} title="Could not upload the pack" />
        {upload.isSuccess && <Text size="sm" role="status">{outcome(upload.data)}</Text>}
        <Group>
          <Button type="submit" loading={upload.isPending} disabled={!name || nameError !== undefined || chosen.length === 0}>
            Upload pack
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
