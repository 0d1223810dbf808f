// Add a value to the block list: the server reads the kind from the value (address, network, domain,
// URL) and says what is wrong with it; an optional time to live makes the entry expire.
import { useState } from 'react';
import { Button, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useAddBlocklistEntry } from '../../api/useBlocklist.ts';
import { TTL_UNITS, ttlMinutes, type TtlUnit } from '../../format/blocklist.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

export function BlocklistForm({ incidentId }: { incidentId?: string }) {
  const add = useAddBlocklistEntry();
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [ttl, setTtl] = useState<string | number>('');
  const [unit, setUnit] = useState<TtlUnit>('days');
  const minutes = ttlMinutes(ttl, unit);
  const ttlError = typeof minutes === 'object' ? minutes.error : undefined;
  const submit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    if (!value.trim() || ttlError) return;
    add.mutate({
      value: value.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}), ...(typeof minutes === 'number' ? { ttlMinutes: minutes } : {}),
      ...(incidentId ? { incidentId } : {}),
    }, { onSuccess: () => { setValue(''); setReason(''); setTtl(''); } });
  };
  return (
    <Stack gap="xs" component="form" aria-label="Add to the block list" onSubmit={submit}>
      <Group align="flex-start" wrap="wrap" gap="sm">
        <TextInput label="Value" description="IP address, network (CIDR), domain or URL" value={value} maxLength={2048} required w={280} onChange={(e) => setValue(e.currentTarget.value)} />
        <TextInput label="Reason" description="Shown to whoever reads the list" value={reason} maxLength={500} w={280} onChange={(e) => setReason(e.currentTarget.value)} />
        <NumberInput label="Time to live" description="Empty: until removed" value={ttl} min={0} allowDecimal={false} w={140} error={ttlError} onChange={setTtl} />
        <Select label="Unit" description=" " data={TTL_UNITS.map((u) => ({ value: u.value, label: u.label }))} value={unit} allowDeselect={false} w={120}
          onChange={(v) => v && setUnit(v as TtlUnit)} />
        <Button type="submit" mt={44} loading={add.isPending} disabled={!value.trim() || Boolean(ttlError)}>Add to block list</Button>
      </Group>
      <ErrorNotice error={add.error} title="Could not add the entry" />
    </Stack>
  );
}
