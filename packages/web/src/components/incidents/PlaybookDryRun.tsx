// Dry run of a playbook document: paste an alert or incident (JSON as the API shows them); the server
// says whether the trigger matches and what each step would do, doing nothing.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useDryRun } from '../../api/usePlaybooks.ts';
import { dryRunBody, stepsOf } from '../../format/playbook-run.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { RunSteps } from './PlaybookRunCard.tsx';

type Change = 'created' | 'updated' | 'severity_changed';

export function PlaybookDryRun({ source }: { source: string }) {
  const [pasted, setPasted] = useState('');
  const [change, setChange] = useState<Change>('created');
  const [problem, setProblem] = useState<string | null>(null);
  const test = useDryRun();
  const run = () => {
    const b = dryRunBody(source, pasted, change);
    if (!b.ok) {
      setProblem(b.error);
      return;
    }
    setProblem(null);
    test.mutate(b.body);
  };
  return (
    <Paper withBorder p="sm" component="section" aria-label="Dry run">
      <Stack gap="xs">
        <Text fw={600}>Dry run</Text>
        <Text size="sm" c="dimmed">Paste an alert or an incident as JSON: the playbook above is tested against it and nothing is done.</Text>
        <Textarea label="Alert or incident JSON" value={pasted} onChange={(e) => setPasted(e.currentTarget.value)} autosize minRows={4} maxRows={16}
          spellCheck={false} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
        <Group align="flex-end">
          <Select label="Incident change" w={220} value={change} allowDeselect={false} onChange={(v) => v && setChange(v as Change)}
            data={[{ value: 'created', label: 'created' }, { value: 'updated', label: 'updated' }, { value: 'severity_changed', label: 'severity changed' }]} />
          <Button variant="default" onClick={run} loading={test.isPending} disabled={!pasted.trim() || !source.trim()}>Dry run</Button>
        </Group>
        {problem && <Alert color="red" variant="outline" role="alert">{problem}</Alert>}
        <ErrorNotice error={test.error} title="The dry run failed" />
        {test.data && (
          <Stack gap="xs" data-testid="dry-run-result">
            <Group gap="xs">
              <Text size="sm">Trigger:</Text>
              {test.data.matches
                ? <Badge color="green.9" radius="sm" data-matches="true">matches</Badge>
                : <Badge color="gray.7" radius="sm" data-matches="false">does not match</Badge>}
            </Group>
            <RunSteps steps={stepsOf(test.data.run)} />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
