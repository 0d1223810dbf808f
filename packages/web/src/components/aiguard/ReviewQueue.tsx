// The review queue: requests held for review or from accounts blocked by their risk, newest first,
// each with its reason, findings and retained prompt, and (for aiguard:manage) the decision.
import { useState } from 'react';
import { Card, Code, Group, Stack, Text } from '@mantine/core';
import type { AiguardRequest } from '@bulwark/contracts';
import { useAiguardRequests } from '../../api/useAiguardTraffic.ts';
import { plural } from '../../format/plural.ts';
import { formatTime } from '../../format/time.ts';
import { CursorPager } from '../CursorPager.tsx';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { ActionBadge } from './ActionBadge.tsx';
import { FindingCategories } from './FindingCategories.tsx';
import { ReviewActions } from './ReviewActions.tsx';

function QueueItem({ r, canManage }: { r: AiguardRequest; canManage: boolean }) {
  return (
    <Card withBorder component="article" aria-label={`Review request ${r.id}`} data-account={r.account}>
      <Stack gap="xs">
        <Group gap="xs" justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <ActionBadge action={r.action} />
            <Text size="sm" ff="monospace">{r.account}</Text>
            <Text size="sm" c="dimmed">{r.route} · {r.model}</Text>
          </Group>
          <Text size="sm" c="dimmed">{formatTime(r.createdAt)}</Text>
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{r.reason ?? '—'}</Text>
        <FindingCategories findings={r.findings} />
        {r.prompt !== null && <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 160, overflow: 'auto' }}>{r.prompt}</Code>}
        {canManage ? <ReviewActions request={r} /> : <Text size="xs" c="dimmed">Your role may read the queue but not decide.</Text>}
      </Stack>
    </Card>
  );
}

export function ReviewQueue({ canManage }: { canManage: boolean }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const before = cursors.at(-1);
  const q = useAiguardRequests({ review: 'pending', ...(before ? { before } : {}), limit: 25 });
  const requests = q.data?.requests ?? [];
  return (
    <Stack gap="sm">
      <ErrorNotice error={q.error} title="Could not load the review queue" />
      {q.isPending && <Text c="dimmed">Loading…</Text>}
      {q.data && requests.length === 0 && cursors.length === 0 && <Text c="dimmed" data-testid="queue-empty">Nothing waits for review.</Text>}
      {requests.length > 0 && <Text size="sm" role="status">{plural(requests.length, 'request')} waiting{q.data?.next ? ' (more on the next page)' : ''}</Text>}
      {requests.map((r) => <QueueItem key={r.id} r={r} canManage={canManage} />)}
      {(cursors.length > 0 || q.data?.next) && (
        <CursorPager page={cursors.length + 1} shown={requests.length} noun="request" hasNext={!!q.data?.next}
          onPrevious={() => setCursors((c) => c.slice(0, -1))} onNext={() => q.data?.next && setCursors((c) => [...c, q.data.next!])} />
      )}
    </Stack>
  );
}
