// Imports a .json file: a MISP event (top-level "Event") through the MISP import, otherwise a STIX
// bundle; the TLP for objects without a marking, the distribution (for bundles also one of the sharing
// groups the organisation owns or belongs to), and strict mode (bundles only).
import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Input, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useIntelImport } from '../../api/useIntelImport.ts';
import { useSharingGroups } from '../../api/useSharingGroups.ts';
import { DISTRIBUTION_LABEL, IMPORT_DISTRIBUTIONS, TLP_LEVELS, tlpLabel } from '../../format/intel-scope.ts';
import { readIntelFile, type IntelFile } from '../../format/intel-file.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { IntelImportResult } from './IntelImportResult.tsx';

const TLPS = TLP_LEVELS.map((l) => ({ value: l, label: tlpLabel(l) }));
const DISTRIBUTIONS = [...IMPORT_DISTRIBUTIONS, 'group'].map((d) => ({ value: d, label: DISTRIBUTION_LABEL[d] ?? d }));

export function IntelImportForm() {
  const [file, setFile] = useState<IntelFile | undefined>();
  const [fileName, setFileName] = useState('');
  const [readError, setReadError] = useState<unknown>(null);
  const [tlp, setTlp] = useState('AMBER');
  const [distribution, setDistribution] = useState('organisation');
  const [strict, setStrict] = useState(false);
  const [group, setGroup] = useState('');
  const imp = useIntelImport();
  const groups = useSharingGroups();
  const toGroup = distribution === 'group';
  // A MISP event keeps its own sharing group and distribution: a group is chosen for STIX bundles only.
  const groupBlocked = toGroup && (file?.kind === 'misp' || !group);

  async function choose(list: FileList | null) {
    const chosen = list?.[0];
    imp.reset();
    setReadError(null);
    setFile(undefined);
    setFileName(chosen?.name ?? '');
    if (!chosen) return;
    try {
      setFile(await readIntelFile(chosen));
    } catch (err) {
      setReadError(err);
    }
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (file && !groupBlocked) imp.mutate({ kind: file.kind, text: file.text, tlp, distribution, ...(toGroup ? { group } : {}), strict: file.kind === 'stix' && strict });
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="Import intelligence">
      <Stack gap="sm">
        <Title order={4}>Import intelligence</Title>
        <Input.Wrapper id="intel-file" label="STIX bundle or MISP event" description="A .json file; a MISP event (with a top-level Event) goes to the MISP import">
          <input id="intel-file" type="file" accept=".json,application/json" onChange={(e) => void choose(e.currentTarget.files)} />
        </Input.Wrapper>
        {file && <Text size="sm" role="status">{fileName}: {file.kind === 'misp' ? 'a MISP event' : 'a STIX bundle'}</Text>}
        <Group align="flex-end">
          <NativeSelect label="TLP" description="For objects without a TLP marking" data={TLPS} value={tlp}
            onChange={(e) => setTlp(e.currentTarget.value)} />
          <NativeSelect label="Distribution" description="Who in the federation may receive them" data={DISTRIBUTIONS} value={distribution}
            onChange={(e) => setDistribution(e.currentTarget.value)} />
          {toGroup && (
            <NativeSelect label="Sharing group" description={file?.kind === 'misp' ? 'A MISP event keeps its own sharing group: STIX bundles only' : 'Owned by or including your organisation'}
              data={[{ value: '', label: groups.isLoading ? 'Loading…' : (groups.data?.groups.length ? 'Choose a group' : 'No sharing groups') }, ...(groups.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))]}
              value={group} onChange={(e) => setGroup(e.currentTarget.value)} />
          )}
          <Checkbox label="Strict: store nothing if any object has an error" checked={strict} disabled={file?.kind === 'misp'}
            description={file?.kind === 'misp' ? 'STIX bundles only' : undefined} onChange={(e) => setStrict(e.currentTarget.checked)} />
        </Group>
        <ErrorNotice error={readError} title="Could not read the file" />
        <ErrorNotice error={toGroup ? groups.error : null} title="Could not load the sharing groups" />
        <ErrorNotice error={imp.error} title="Could not import" />
        {imp.data && <IntelImportResult outcome={imp.data} />}
        <Group>
          <Button type="submit" loading={imp.isPending} disabled={!file || groupBlocked}>Import</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
