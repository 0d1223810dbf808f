// The incident's number and title as the view's heading; responders may rename it (PATCH title).
import { useState } from 'react';
import { Button, Group, TextInput, Title } from '@mantine/core';
import type { Incident } from '@bulwark/contracts';
import { usePatchIncident } from '../../api/useIncidents.ts';
import { incidentRef } from '../../format/incident.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

export function IncidentTitle({ incident: i, canWrite }: { incident: Incident; canWrite: boolean }) {
  const patch = usePatchIncident(i.id);
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const submit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    const title = draft?.trim();
    if (!title || title === i.title) return setDraft(undefined);
    patch.mutate({ title }, { onSuccess: () => setDraft(undefined) });
  };
  if (draft !== undefined) {
    return (
      <form aria-label="Rename the incident" onSubmit={submit}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label={`Title of ${incidentRef(i.number)}`} value={draft} maxLength={300} w={520} data-autofocus onChange={(e) => setDraft(e.currentTarget.value)} />
          <Button type="submit" loading={patch.isPending} disabled={!draft.trim()}>Save title</Button>
          <Button variant="default" onClick={() => setDraft(undefined)}>Cancel</Button>
        </Group>
        <ErrorNotice error={patch.error} title="Could not rename the incident" />
      </form>
    );
  }
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Title order={3} style={{ overflowWrap: 'anywhere' }}>
        <span className="mono" style={{ fontSize: 'inherit' }}>{incidentRef(i.number)}</span> {i.title}
      </Title>
      {canWrite && i.status !== 'merged' && <Button size="compact-sm" variant="default" onClick={() => setDraft(i.title)} aria-label={`Rename ${incidentRef(i.number)}`}>Rename</Button>}
    </Group>
  );
}
