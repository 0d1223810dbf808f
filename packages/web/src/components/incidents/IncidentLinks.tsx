// What the incident links to: intelligence objects, media checks and incidents, AI-gateway requests and
// URLs. Links inside the console open its pages; URLs and titles are untrusted and shown as text.
// The whole list is sent on every change (PATCH links).
import { useState } from 'react';
import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import type { Incident, IncidentLink } from '@bulwark/contracts';
import { usePatchIncident } from '../../api/useIncidents.ts';
import { mediaHref } from '../../shell/media-routes.ts';
import { intelHref } from '../../shell/routes.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

type LinkKind = IncidentLink['kind'];
const KINDS: ReadonlyArray<{ value: LinkKind; label: string; hint: string }> = [
  { value: 'intel', label: 'Intelligence object', hint: 'indicator--…' },
  { value: 'media-check', label: 'Media check', hint: 'check id' },
  { value: 'media-incident', label: 'Disinformation incident', hint: 'incident id' },
  { value: 'aiguard-request', label: 'AI-gateway request', hint: 'request id' },
  { value: 'url', label: 'URL', hint: 'https://…' },
];
const kindLabel = (k: string) => KINDS.find((x) => x.value === k)?.label ?? k;

function consoleHref(l: IncidentLink): string | undefined {
  switch (l.kind) {
    case 'intel': return intelHref(l.ref);
    case 'media-check': return mediaHref.check(l.ref);
    case 'media-incident': return mediaHref.incident(l.ref);
    case 'aiguard-request':
    case 'url':
      return undefined;
  }
}

function AddLink({ onAdd, busy }: { onAdd: (l: IncidentLink) => void; busy: boolean }) {
  const [kind, setKind] = useState<LinkKind>('intel');
  const [ref, setRef] = useState('');
  const [title, setTitle] = useState('');
  const submit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    if (!ref.trim()) return;
    onAdd({ kind, ref: ref.trim(), ...(title.trim() ? { title: title.trim() } : {}) });
    setRef('');
    setTitle('');
  };
  return (
    <Group component="form" aria-label="Add a link" onSubmit={submit} align="flex-end" wrap="wrap" gap="sm">
      <Select label="Link kind" data={KINDS.map((k) => ({ value: k.value, label: k.label }))} value={kind} allowDeselect={false} w={220} onChange={(v) => v && setKind(v as LinkKind)} />
      <TextInput label="Reference" placeholder={KINDS.find((k) => k.value === kind)!.hint} value={ref} maxLength={2048} required w={300} onChange={(e) => setRef(e.currentTarget.value)} />
      <TextInput label="Link title (optional)" value={title} maxLength={300} w={220} onChange={(e) => setTitle(e.currentTarget.value)} />
      <Button type="submit" loading={busy} disabled={!ref.trim()}>Add link</Button>
    </Group>
  );
}

export function IncidentLinks({ incident, canWrite }: { incident: Incident; canWrite: boolean }) {
  const patch = usePatchIncident(incident.id);
  const writable = canWrite && incident.status !== 'merged';
  const links = incident.links;
  const save = (next: IncidentLink[]) => patch.mutate({ links: next });
  return (
    <Stack gap="sm">
      {writable && <AddLink busy={patch.isPending} onAdd={(l) => save([...links.filter((x) => !(x.kind === l.kind && x.ref === l.ref)), l])} />}
      <ErrorNotice error={patch.error} title="Could not change the links" />
      {links.length === 0 ? <Text c="dimmed">No links yet.</Text> : (
        <Table striped fz="sm" aria-label="Incident links">
          <Table.Thead><Table.Tr><Table.Th>Kind</Table.Th><Table.Th>Reference</Table.Th><Table.Th>Title</Table.Th>{writable && <Table.Th><span className="visually-hidden">Remove</span></Table.Th>}</Table.Tr></Table.Thead>
          <Table.Tbody>
            {links.map((l) => {
              const href = consoleHref(l);
              return (
                <Table.Tr key={`${l.kind}:${l.ref}`} data-link={l.kind}>
                  <Table.Td>{kindLabel(l.kind)}</Table.Td>
                  <Table.Td className="cell-message">{href ? <Anchor href={href} size="sm">{l.ref}</Anchor> : <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{l.ref}</Text>}</Table.Td>
                  <Table.Td className="cell-message">{l.title ?? '—'}</Table.Td>
                  {writable && (
                    <Table.Td>
                      <Button size="compact-xs" variant="default" aria-label={`Remove link ${l.ref}`} disabled={patch.isPending}
                        onClick={() => save(links.filter((x) => x !== l))}>Remove</Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
