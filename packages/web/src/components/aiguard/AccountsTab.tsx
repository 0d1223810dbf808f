// Accounts by risk (blocked first, then riskiest): risk bar, blocked until, reason, the counts of the
// current windows; an account's drawer with its recent requests, and unblock (aiguard:manage).
import { useState } from 'react';
import { Badge, Button, Drawer, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import type { AiguardAccount, AiguardRequest } from '@bulwark/contracts';
import { useAiguardAccounts, useAiguardRequests, useUnblockAccount } from '../../api/useAiguardTraffic.ts';
import { blockedText, formatWindow } from '../../format/aiguard.ts';
import { formatTime } from '../../format/time.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { RequestDrawer } from './RequestDrawer.tsx';
import { RequestsTable } from './RequestsTable.tsx';
import { RiskMeter } from './RiskMeter.tsx';

function Unblock({ account }: { account: string }) {
  const unblock = useUnblockAccount();
  return (
    <Stack gap={4}>
      <Group><Button size="xs" color="green" variant="light" loading={unblock.isPending} onClick={() => unblock.mutate(account)}>Unblock</Button></Group>
      <ErrorNotice error={unblock.error} title="Could not unblock the account" />
    </Stack>
  );
}

function AccountView({ a, canManage }: { a: AiguardAccount; canManage: boolean }) {
  const q = useAiguardRequests({ account: a.account, limit: 50 });
  const [opened, setOpened] = useState<AiguardRequest>();
  const blocked = blockedText(a.blockedUntil);
  return (
    <Stack gap="sm">
      <Text ff="monospace" fw={600}>{a.account}</Text>
      <RiskMeter risk={a.risk} label={a.account} />
      <Text size="sm">{blocked ? `Blocked ${blocked}` : 'Not blocked'}{a.blockReason ? ` — ${a.blockReason}` : ''}</Text>
      <Text size="sm" c="dimmed">{formatWindow(a.window) || 'No requests in the current windows'} · updated {formatTime(a.updatedAt)}</Text>
      {canManage && blocked && <Unblock account={a.account} />}
      <ErrorNotice error={q.error} title="Could not load the account's requests" />
      {q.data && q.data.requests.length === 0 && <Text size="sm" c="dimmed">No requests logged.</Text>}
      {q.data && q.data.requests.length > 0 && <RequestsTable requests={q.data.requests} label={`Requests of ${a.account}`} withoutAccount onOpen={setOpened} />}
      <RequestDrawer request={opened && (q.data?.requests.find((r) => r.id === opened.id) ?? opened)} canManage={canManage} onClose={() => setOpened(undefined)} />
    </Stack>
  );
}

export function AccountsTab({ canManage }: { canManage: boolean }) {
  const q = useAiguardAccounts();
  const [openName, setOpenName] = useState<string>();
  const accounts = q.data?.accounts ?? [];
  const open = accounts.find((a) => a.account === openName);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">Accounts are pseudonyms of the users behind the gateway keys. Flagged requests are held for review from risk 60; from 85 the account is blocked.</Text>
      <ErrorNotice error={q.error} title="Could not load the accounts" />
      {q.isPending && <Text c="dimmed">Loading…</Text>}
      {q.data && accounts.length === 0 && <Text c="dimmed">No account has used the gateway yet.</Text>}
      {accounts.length > 0 && (
        <Table striped highlightOnHover aria-label="Accounts by risk">
          <Table.Thead><Table.Tr><Table.Th>Account</Table.Th><Table.Th>Risk</Table.Th><Table.Th>Blocked</Table.Th><Table.Th>Reason</Table.Th><Table.Th>Current windows</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {accounts.map((a) => {
              const blocked = blockedText(a.blockedUntil);
              return (
                <Table.Tr key={a.account} data-account={a.account}>
                  <Table.Td><UnstyledButton ff="monospace" fz="sm" td="underline" onClick={() => setOpenName(a.account)} aria-label={`Open account ${a.account}`}>{a.account}</UnstyledButton></Table.Td>
                  <Table.Td><RiskMeter risk={a.risk} label={a.account} /></Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{blocked ? <Badge color="red" variant="filled" radius="sm" style={{ minWidth: 'max-content' }}>{blocked}</Badge> : <Text size="sm" c="dimmed">—</Text>}</Table.Td>
                  <Table.Td maw={300}><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{a.blockReason ?? '—'}</Text></Table.Td>
                  <Table.Td><Text size="sm">{formatWindow(a.window) || '—'}</Text></Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Drawer opened={open !== undefined} onClose={() => setOpenName(undefined)} position="right" size="80%" title="Account" closeButtonProps={{ 'aria-label': 'Close account' }}>
        {open && <AccountView key={open.account} a={open} canManage={canManage} />}
      </Drawer>
    </Stack>
  );
}
