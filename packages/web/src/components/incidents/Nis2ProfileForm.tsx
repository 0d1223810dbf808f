// The organisation as a NIS2 entity (name, sector and subsector as nis2 machine tags, member state,
// contact), prefilled into every report; editable with playbooks:write.
import { useState } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { Nis2Profile } from '@bulwark/contracts';
import { useNis2Profile, useSaveNis2Profile } from '../../api/useNis2.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

const EMPTY: Nis2Profile = { name: '', sector: null, subsector: null, memberState: null, contact: { name: '', email: '', phone: '' } };

export function Nis2ProfileForm({ canEdit }: { canEdit: boolean }) {
  const q = useNis2Profile();
  if (q.isPending) return <Text c="dimmed">Loading the NIS2 profile…</Text>;
  return (
    <Stack gap="sm">
      <ErrorNotice error={q.error} title="Could not load the NIS2 profile" />
      {/* Filled once from what was loaded: a refetch must not overwrite what is being typed. */}
      <ProfileFields initial={q.data ?? EMPTY} canEdit={canEdit} />
    </Stack>
  );
}

function ProfileFields({ initial, canEdit }: { initial: Nis2Profile; canEdit: boolean }) {
  const save = useSaveNis2Profile();
  const [p, setP] = useState<Nis2Profile>(initial);
  const orNull = (v: string) => (v.trim() ? v.trim() : null);
  return (
    <form aria-label="NIS2 profile" onSubmit={(e) => {
      e.preventDefault();
      save.mutate({ ...p, memberState: p.memberState ? p.memberState.toUpperCase() : null });
    }}>
      <Stack gap="sm" maw={640}>
        <Text size="sm" c="dimmed">Your organisation as a NIS2 entity; every report is prefilled from this.</Text>
        {!canEdit && <Text size="sm" c="dimmed">Your role may read the profile but not change it.</Text>}
        <TextInput label="Entity name" value={p.name} maxLength={300} readOnly={!canEdit} onChange={(e) => setP({ ...p, name: e.currentTarget.value })} />
        <TextInput label="Sector" description='A nis2 machine tag, e.g. nis2:impact-sectors-impacted="energy"' value={p.sector ?? ''} maxLength={300} readOnly={!canEdit}
          onChange={(e) => setP({ ...p, sector: orNull(e.currentTarget.value) })} />
        <TextInput label="Subsector" value={p.subsector ?? ''} maxLength={300} readOnly={!canEdit} onChange={(e) => setP({ ...p, subsector: orNull(e.currentTarget.value) })} />
        <TextInput label="Member state" description="Two-letter country code (ISO 3166-1)" value={p.memberState ?? ''} maxLength={2} w={200} readOnly={!canEdit}
          onChange={(e) => setP({ ...p, memberState: orNull(e.currentTarget.value) })} />
        <Group grow>
          <TextInput label="Contact name" value={p.contact.name} maxLength={300} readOnly={!canEdit} onChange={(e) => setP({ ...p, contact: { ...p.contact, name: e.currentTarget.value } })} />
          <TextInput label="Contact e-mail" type="email" value={p.contact.email} maxLength={300} readOnly={!canEdit} onChange={(e) => setP({ ...p, contact: { ...p.contact, email: e.currentTarget.value } })} />
          <TextInput label="Contact phone" value={p.contact.phone} maxLength={100} readOnly={!canEdit} onChange={(e) => setP({ ...p, contact: { ...p.contact, phone: e.currentTarget.value } })} />
        </Group>
        {canEdit && (
          <Group>
            <Button type="submit" loading={save.isPending}>Save profile</Button>
            {save.isSuccess && <Text size="sm" role="status">Saved.</Text>}
          </Group>
        )}
        <ErrorNotice error={save.error} title="The profile was not saved" />
      </Stack>
    </form>
  );
}
