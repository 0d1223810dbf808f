// Gateway keys of the organisation: issue one for a user or service and a purpose (the token is
// shown once, with a copy button and a warning), see when each was last used, revoke.
import { useState } from 'react';
import { Alert, Badge, Button, Code, CopyButton, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import type { IssuedAiguardKey, NewAiguardKey } from '@bulwark/contracts';
import { useAiguardKeys, useAiguardUpstreams, useIssueKey, useRevokeKey } from '../../api/useAiguardSetup.ts';
import { formatTime } from '../../format/time.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

function IssuedToken({ issued, onDone }: { issued: IssuedAiguardKey; onDone: () => void }) {
  return (
    <Alert color="yellow" variant="light" title="Copy the key now: it is shown only this once" role="status">
      <Stack gap="xs">
        <Text size="sm">Key for {issued.key.subject}{issued.key.purpose ? ` (${issued.key.purpose})` : ''}. Give it to its holder over a safe channel; Bulwark keeps only a hash of it.</Text>
        <Group gap="xs" wrap="nowrap">
          <Code data-testid="issued-token" style={{ overflowWrap: 'anywhere' }}>{issued.token}</Code>
          <CopyButton value={issued.token}>
            {({ copied, copy }) => <Button size="compact-sm" variant="default" onClick={copy}>{copied ? 'Copied' : 'Copy key'}</Button>}
          </CopyButton>
        </Group>
        <Group><Button size="xs" variant="default" onClick={onDone}>I have copied it</Button></Group>
      </Stack>
    </Alert>
  );
}

function IssueKey() {
  const issue = useIssueKey();
  const upstreams = useAiguardUpstreams();
  const [subject, setSubject] = useState('');
  const [purpose, setPurpose] = useState('');
  const [upstreamId, setUpstreamId] = useState<string | null>(null);
  const [rpm, setRpm] = useState<number | string>('');
  const [daily, setDaily] = useState<number | string>('');
  const [issued, setIssued] = useState<IssuedAiguardKey>();
  function submit(e: { preventDefault(): void }) {
    e.preventDefault();
    if (!subject.trim()) return;
    const body: NewAiguardKey = {
      subject: subject.trim(), ...(purpose.trim() ? { purpose: purpose.trim() } : {}), ...(upstreamId ? { upstreamId } : {}),
      ...(typeof rpm === 'number' ? { rpm } : {}), ...(typeof daily === 'number' ? { dailyTokens: daily } : {}),
    };
    issue.mutate(body, { onSuccess: (k) => { setIssued(k); setSubject(''); setPurpose(''); } });
  }
  return (
    <Stack gap="xs">
      <Stack gap="xs" component="form" aria-label="Issue a key" onSubmit={submit}>
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Subject" description="User e-mail or service name" value={subject} onChange={(e) => setSubject(e.currentTarget.value)} maxLength={320} required w={260} />
          <TextInput label="Purpose" value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} maxLength={200} w={220} />
          <Select label="Upstream" placeholder="the default" clearable value={upstreamId} onChange={setUpstreamId} w={200}
            data={(upstreams.data?.upstreams ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          <NumberInput label="Requests per minute" value={rpm} onChange={setRpm} min={1} max={100_000} allowDecimal={false} w={160} />
          <NumberInput label="Tokens per day" value={daily} onChange={setDaily} min={1} max={10_000_000_000} allowDecimal={false} w={160} />
          <Button type="submit" loading={issue.isPending} disabled={!subject.trim()}>Issue key</Button>
        </Group>
        <ErrorNotice error={issue.error} title="Could not issue the key" />
      </Stack>
      {issued && <IssuedToken issued={issued} onDone={() => setIssued(undefined)} />}
    </Stack>
  );
}

export function KeysTab({ canManage }: { canManage: boolean }) {
  const q = useAiguardKeys();
  const revoke = useRevokeKey();
  const keys = q.data?.keys ?? [];
  return (
    <Stack gap="md">
      {canManage ? <IssueKey /> : <Text size="sm" c="dimmed">Your role may see the keys but not issue or revoke them.</Text>}
      <ErrorNotice error={q.error} title="Could not load the keys" />
      <ErrorNotice error={revoke.error} title="Could not revoke the key" />
      {q.data && keys.length === 0 && <Text c="dimmed">No gateway keys yet.</Text>}
      {keys.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label="Gateway keys">
            <Table.Thead><Table.Tr><Table.Th>Subject</Table.Th><Table.Th>Purpose</Table.Th><Table.Th>Key</Table.Th><Table.Th>Account</Table.Th><Table.Th>Limits</Table.Th><Table.Th>Issued</Table.Th><Table.Th>Last used</Table.Th><Table.Th>State</Table.Th>{canManage && <Table.Th />}</Table.Tr></Table.Thead>
            <Table.Tbody>
              {keys.map((k) => {
                const expired = k.expiresAt !== null && Date.parse(k.expiresAt) <= Date.now();
                return (
                  <Table.Tr key={k.id} data-key={k.id}>
                    <Table.Td><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{k.subject}</Text></Table.Td>
                    <Table.Td><Text size="sm">{k.purpose || '—'}</Text></Table.Td>
                    <Table.Td><Text size="sm" ff="monospace">{k.prefix}…</Text></Table.Td>
                    <Table.Td><Text size="sm" ff="monospace">{k.account}</Text></Table.Td>
                    <Table.Td><Text size="sm">{k.rpm ?? 'default'} rpm · {k.dailyTokens ?? 'default'} tokens/day</Text></Table.Td>
                    <Table.Td><Text size="sm">{formatTime(k.createdAt)}</Text></Table.Td>
                    <Table.Td><Text size="sm">{k.lastUsedAt ? formatTime(k.lastUsedAt) : 'never'}</Text></Table.Td>
                    <Table.Td>
                      {k.revokedAt ? <Badge color="gray" variant="filled" radius="sm" style={{ minWidth: 'max-content' }}>revoked</Badge>
                        : expired ? <Badge color="gray" variant="light" radius="sm" style={{ minWidth: 'max-content' }}>expired</Badge>
                          : <Badge color="green" variant="light" radius="sm" style={{ minWidth: 'max-content' }}>active</Badge>}
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        {!k.revokedAt && <Button size="compact-xs" color="red" variant="light" loading={revoke.isPending && revoke.variables === k.id} onClick={() => revoke.mutate(k.id)} aria-label={`Revoke key ${k.prefix}`}>Revoke</Button>}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
