// The controls of an open incident: status, severity, owner and the NIS2 flag with the time the
// organisation became aware (the reporting clocks start there). Each change is one PATCH.
import { useState } from 'react';
import { Button, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { Incident, IncidentPatch, Severity } from '@bulwark/contracts';
import { usePatchIncident } from '../../api/useIncidents.ts';
import { INCIDENT_STATUS_LABEL, SETTABLE_STATUSES, ownerLabel, type OwnerContext } from '../../format/incident.ts';
import { SEVERITIES } from '../../format/severity.ts';
import { formatTime, localInputToIso } from '../../format/time.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

interface Props {
  readonly incident: Incident;
  readonly owners: OwnerContext;
  readonly canWrite: boolean;
}

const NOBODY = '__nobody__';

function ownerOptions(incident: Incident, owners: OwnerContext) {
  const opts = new Map<string, string>([[owners.userId, 'Me'], [NOBODY, 'Nobody']]);
  for (const [id, name] of owners.names) if (!opts.has(id)) opts.set(id, name);
  if (incident.ownerId && !opts.has(incident.ownerId)) opts.set(incident.ownerId, ownerLabel(incident.ownerId, owners));
  return [...opts].map(([value, label]) => ({ value, label }));
}

function awarenessText(i: Incident): string {
  if (!i.reportable) return i.awareAt ? `Not marked reportable (awareness time ${formatTime(i.awareAt)} kept).` : 'Not marked reportable: no NIS2 clocks run.';
  return i.awareAt ? `Aware since ${formatTime(i.awareAt)} (NIS2 clocks run from here)` : 'Reportable; awareness time not set.';
}

export function IncidentControls({ incident: i, owners, canWrite }: Props) {
  const patch = usePatchIncident(i.id);
  const [aware, setAware] = useState('');
  const disabled = !canWrite || i.status === 'merged' || patch.isPending;
  const change = (body: IncidentPatch) => patch.mutate(body);
  const awareIso = localInputToIso(aware);
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="wrap" gap="sm">
        <Select label="Status" w={170} allowDeselect={false} disabled={disabled} value={i.status === 'merged' ? null : i.status}
          placeholder={i.status === 'merged' ? 'Merged' : undefined}
          data={SETTABLE_STATUSES.map((s) => ({ value: s, label: INCIDENT_STATUS_LABEL[s] }))}
          onChange={(v) => v && v !== i.status && change({ status: v as IncidentPatch['status'] })} />
        <Select label="Severity" w={160} allowDeselect={false} disabled={disabled} value={i.severity}
          data={SEVERITIES.map((s) => ({ value: s, label: s }))}
          onChange={(v) => v && v !== i.severity && change({ severity: v as Severity })} />
        <Select label="Owner" w={220} allowDeselect={false} disabled={disabled} value={i.ownerId ?? NOBODY} data={ownerOptions(i, owners)} searchable
          onChange={(v) => { const next = v === NOBODY ? null : v; if (v && next !== i.ownerId) change({ ownerId: next }); }} />
        <Switch label="Reportable under NIS2" disabled={disabled} checked={i.reportable} mb={8}
          onChange={(e) => change({ reportable: e.currentTarget.checked })} />
      </Group>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <Text size="sm" data-testid="aware-at">
          {awarenessText(i)}
        </Text>
        {canWrite && i.status !== 'merged' && (
          <>
            <TextInput label="Became aware at" type="datetime-local" size="xs" value={aware} onChange={(e) => setAware(e.currentTarget.value)} w={210} />
            <Button size="xs" variant="default" disabled={!awareIso || patch.isPending} onClick={() => awareIso && patch.mutate({ awareAt: awareIso }, { onSuccess: () => setAware('') })}>Set awareness time</Button>
          </>
        )}
      </Group>
      <ErrorNotice error={patch.error} title="Could not change the incident" />
    </Stack>
  );
}
