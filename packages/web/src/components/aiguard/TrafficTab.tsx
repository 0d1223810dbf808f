// Live gateway traffic: the request log, newest first, asked again every few seconds while on the
// first page; older pages through the server's cursor; a filter by action; the request's drawer.
import { useState } from 'react';
import { Group, SegmentedControl, Stack, Text } from '@mantine/core';
import type { AiguardAction, AiguardRequest } from '@bulwark/contracts';
import { LIVE_MS, useAiguardRequests } from '../../api/useAiguardTraffic.ts';
import { ACTIONS } from '../../format/aiguard.ts';
import { CursorPager } from '../CursorPager.tsx';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { RequestDrawer } from './RequestDrawer.tsx';
import { RequestsTable } from './RequestsTable.tsx';

export function TrafficTab({ canManage }: { canManage: boolean }) {
  const [action, setAction] = useState<AiguardAction | 'all'>('all');
  const [cursors, setCursors] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string>();
  const [opened, setOpened] = useState<AiguardRequest>();
  const before = cursors.at(-1);
  const q = useAiguardRequests({ ...(action === 'all' ? {} : { action }), ...(before ? { before } : {}), limit: 50 });
  const requests = q.data?.requests ?? [];
  const current = openId ? (requests.find((r) => r.id === openId) ?? opened) : undefined;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SegmentedControl size="xs" aria-label="Action" value={action}
          data={[{ value: 'all', label: 'All' }, ...ACTIONS.map((a) => ({ value: a, label: a }))]}
          onChange={(v) => { setAction(v as AiguardAction | 'all'); setCursors([]); }} />
        <Text size="xs" c="dimmed" role="status" data-testid="live-state">
          {before ? 'Paused while on an older page' : `Live: refreshed every ${LIVE_MS / 1000} s`}{q.isFetching ? ' · updating…' : ''}
        </Text>
      </Group>
      <ErrorNotice error={q.error} title="Could not load the traffic" />
      {q.isPending && <Text c="dimmed">Loading…</Text>}
      {q.data && requests.length === 0 && <Text c="dimmed" data-testid="no-traffic">No gateway requests{action === 'all' ? '' : ` with action ${action}`} yet.</Text>}
      {requests.length > 0 && <RequestsTable requests={requests} label="Gateway traffic" onOpen={(r) => { setOpenId(r.id); setOpened(r); }} />}
      <CursorPager page={cursors.length + 1} shown={requests.length} noun="request" hasNext={!!q.data?.next}
        onPrevious={() => setCursors((c) => c.slice(0, -1))} onNext={() => q.data?.next && setCursors((c) => [...c, q.data.next!])} />
      <RequestDrawer request={current} canManage={canManage} onClose={() => { setOpenId(undefined); setOpened(undefined); }} />
    </Stack>
  );
}
