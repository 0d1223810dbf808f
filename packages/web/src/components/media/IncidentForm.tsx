// Creates or changes a disinformation incident: title, summary, status, TLP, campaign, first and last
// seen, narratives, channels (platform, name, URL, kind, FIMI attribution, actor), actors (name,
// confidence, description), DISARM techniques (named from the catalogue), linked bank entries and
// checks, and notes. A change sends the whole incident (lists replace the stored ones).
import { useState, type FormEvent } from 'react';
import { ActionIcon, Button, Card, Group, List, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { MediaIncident } from '@bulwark/contracts';
import { useCreateIncident, useUpdateIncident } from '../../api/useMediaIncidents.ts';
import {
  ATTRIBUTIONS, ATTRIBUTION_LABEL, CHANNEL_KINDS, CHANNEL_KIND_LABEL, EMPTY_ACTOR, EMPTY_CHANNEL, EMPTY_INCIDENT, INCIDENT_STATUSES,
  incidentBody, incidentProblems, incidentValuesOf, type ActorValues, type ChannelValues, type IncidentValues, type IncidentStatusValue,
} from '../../format/media-incident.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { DisarmPreview } from './DisarmPreview.tsx';
import { MONO_INPUT } from './mono.ts';
import { TLP_CHOICES } from './BanksSection.tsx';

interface Props {
  readonly incident?: MediaIncident;
  /** The values a new incident starts from (e.g. gathered from a check). */
  readonly initial?: IncidentValues;
  readonly disarmNames?: ReadonlyMap<string, string>;
  readonly onSaved: (incident: MediaIncident) => void;
  readonly onCancel: () => void;
}

/** Page state holding the values a new incident starts from (set by "Open an incident" on a check). */
export const INCIDENT_DRAFT_KEY = 'media.incident.draft';

function replaceAt<T>(list: readonly T[], i: number, value: T): T[] {
  return list.map((x, j) => (j === i ? value : x));
}

function removeAt<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, j) => j !== i);
}

function Remove({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick}>
      <span aria-hidden="true">✕</span>
    </ActionIcon>
  );
}

function ChannelFields({ value, index, onChange, onRemove }: { value: ChannelValues; index: number; onChange: (v: ChannelValues) => void; onRemove: () => void }) {
  const set = (k: keyof ChannelValues) => (e: { currentTarget: { value: string } }) => onChange({ ...value, [k]: e.currentTarget.value });
  const n = index + 1;
  return (
    <Card withBorder p="xs" aria-label={`Channel ${n}`} role="group">
      <Group align="flex-end" wrap="wrap" gap="xs">
        <TextInput label={`Channel ${n} platform`} placeholder="X, Telegram, web…" value={value.platform} onChange={set('platform')} maxLength={100} w={140} />
        <TextInput label={`Channel ${n} name`} placeholder="name or handle" value={value.name} onChange={set('name')} maxLength={300} w={180} />
        <TextInput label={`Channel ${n} URL`} placeholder="https://…" value={value.url} onChange={set('url')} maxLength={2048} style={{ flex: 1 }} miw={200} />
        <NativeSelect label={`Channel ${n} kind`} data={CHANNEL_KINDS.map((k) => ({ value: k, label: CHANNEL_KIND_LABEL[k] }))} value={value.kind} onChange={set('kind')} />
        <NativeSelect label={`Channel ${n} attribution`} data={[{ value: '', label: '—' }, ...ATTRIBUTIONS.map((a) => ({ value: a, label: ATTRIBUTION_LABEL[a] }))]}
          value={value.attribution} onChange={set('attribution')} />
        <TextInput label={`Channel ${n} actor`} value={value.actor} onChange={set('actor')} maxLength={300} w={160} />
        <Remove label={`Remove channel ${n}`} onClick={onRemove} />
      </Group>
    </Card>
  );
}

function ActorFields({ value, index, onChange, onRemove }: { value: ActorValues; index: number; onChange: (v: ActorValues) => void; onRemove: () => void }) {
  const set = (k: keyof ActorValues) => (e: { currentTarget: { value: string } }) => onChange({ ...value, [k]: e.currentTarget.value });
  const n = index + 1;
  return (
    <Card withBorder p="xs" aria-label={`Actor ${n}`} role="group">
      <Group align="flex-end" wrap="wrap" gap="xs">
        <TextInput label={`Actor ${n} name`} value={value.name} onChange={set('name')} maxLength={300} w={220} />
        <TextInput label={`Actor ${n} confidence`} description="0–100" value={value.confidence} onChange={set('confidence')} inputMode="numeric" w={110} />
        <TextInput label={`Actor ${n} description`} value={value.description} onChange={set('description')} maxLength={4000} style={{ flex: 1 }} miw={200} />
        <Remove label={`Remove actor ${n}`} onClick={onRemove} />
      </Group>
    </Card>
  );
}

export function IncidentForm({ incident, initial, disarmNames, onSaved, onCancel }: Props) {
  const create = useCreateIncident();
  const update = useUpdateIncident();
  const [v, setV] = useState<IncidentValues>(() => (incident ? incidentValuesOf(incident) : initial ?? EMPTY_INCIDENT));
  const [tried, setTried] = useState(false);
  const problems = incidentProblems(v);
  const set = (k: 'title' | 'summary' | 'tlp' | 'campaign' | 'firstSeen' | 'lastSeen' | 'techniques' | 'mediaEntries' | 'mediaChecks' | 'notes') =>
    (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  const pending = create.isPending || update.isPending;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setTried(true);
    if (problems.length) return;
    const body = incidentBody(v);
    if (incident) update.mutate({ id: incident.id, body }, { onSuccess: onSaved });
    else create.mutate(body, { onSuccess: onSaved });
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={incident ? 'Edit incident' : 'New incident'} noValidate>
      <Stack gap="sm">
        <Title order={3}>{incident ? 'Edit incident' : 'New incident'}</Title>
        <TextInput label="Title" value={v.title} onChange={set('title')} required maxLength={300} />
        <Textarea label="Summary" value={v.summary} onChange={set('summary')} maxLength={20_000} autosize minRows={2} maxRows={10} />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }}>
          <NativeSelect label="Status" data={INCIDENT_STATUSES.map((s) => ({ value: s, label: s }))} value={v.status}
            onChange={(e) => setV({ ...v, status: e.currentTarget.value as IncidentStatusValue })} />
          <NativeSelect label="TLP" data={TLP_CHOICES} value={v.tlp} onChange={set('tlp')} />
          <TextInput label="Campaign" value={v.campaign} onChange={set('campaign')} maxLength={300} />
          <TextInput type="datetime-local" label="First seen" value={v.firstSeen} onChange={set('firstSeen')} />
          <TextInput type="datetime-local" label="Last seen" value={v.lastSeen} onChange={set('lastSeen')} />
        </SimpleGrid>

        <Stack gap="xs" role="group" aria-label="Narratives">
          <Text fw={600} size="sm">Narratives</Text>
          {v.narratives.map((n, i) => (
            <Group key={i} align="flex-start" wrap="nowrap">
              <Textarea label={`Narrative ${i + 1}`} value={n} onChange={(e) => setV({ ...v, narratives: replaceAt(v.narratives, i, e.currentTarget.value) })}
                maxLength={4000} autosize minRows={1} style={{ flex: 1 }} />
              <Remove label={`Remove narrative ${i + 1}`} onClick={() => setV({ ...v, narratives: removeAt(v.narratives, i) })} />
            </Group>
          ))}
          <Group><Button size="xs" variant="default" onClick={() => setV({ ...v, narratives: [...v.narratives, ''] })}>Add a narrative</Button></Group>
        </Stack>

        <Stack gap="xs" role="group" aria-label="Channels">
          <Text fw={600} size="sm">Channels</Text>
          {v.channels.map((c, i) => (
            <ChannelFields key={i} index={i} value={c} onChange={(next) => setV({ ...v, channels: replaceAt(v.channels, i, next) })}
              onRemove={() => setV({ ...v, channels: removeAt(v.channels, i) })} />
          ))}
          <Group><Button size="xs" variant="default" onClick={() => setV({ ...v, channels: [...v.channels, EMPTY_CHANNEL] })}>Add a channel</Button></Group>
        </Stack>

        <Stack gap="xs" role="group" aria-label="Actors">
          <Text fw={600} size="sm">Actors</Text>
          {v.actors.map((a, i) => (
            <ActorFields key={i} index={i} value={a} onChange={(next) => setV({ ...v, actors: replaceAt(v.actors, i, next) })}
              onRemove={() => setV({ ...v, actors: removeAt(v.actors, i) })} />
          ))}
          <Group><Button size="xs" variant="default" onClick={() => setV({ ...v, actors: [...v.actors, EMPTY_ACTOR] })}>Add an actor</Button></Group>
        </Stack>

        <TextInput label="DISARM techniques" description="Technique ids separated by commas, e.g. T0086.002, T0023" value={v.techniques} onChange={set('techniques')} styles={MONO_INPUT} />
        <DisarmPreview text={v.techniques} names={disarmNames} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea label="Linked bank entries" description="Entry ids of your banks, one per line" value={v.mediaEntries} onChange={set('mediaEntries')} autosize minRows={1} styles={MONO_INPUT} />
          <Textarea label="Linked checks" description="Check ids, one per line" value={v.mediaChecks} onChange={set('mediaChecks')} autosize minRows={1} styles={MONO_INPUT} />
        </SimpleGrid>
        <Textarea label="Notes" value={v.notes} onChange={set('notes')} maxLength={20_000} autosize minRows={2} maxRows={10} />
        {tried && problems.length > 0 && (
          <List size="sm" c="red" role="alert" aria-label="Problems with the incident">
            {problems.map((p) => <List.Item key={p}>{p}</List.Item>)}
          </List>
        )}
        <ErrorNotice error={create.error ?? update.error} title="Could not save the incident" />
        <Group>
          <Button type="submit" loading={pending}>{incident ? 'Save incident' : 'Create incident'}</Button>
          <Button variant="default" onClick={onCancel}>Cancel</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
