// One gateway request in a drawer: verdict, reason, scores and timings, every finding (category,
// score, source, where, ATLAS), the prompt while retention keeps it (plain monospace text, never
// markup), and the review state (with the decision for roles that may take it).
import type { ReactNode } from 'react';
import { Badge, Code, Divider, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import type { AiguardRequest } from '@bulwark/contracts';
import { categoryLabel, formatMs, formatScore } from '../../format/aiguard.ts';
import { formatTime } from '../../format/time.ts';
import { ActionBadge } from './ActionBadge.tsx';
import { AtlasIds } from './AtlasIds.tsx';
import { ReviewActions } from './ReviewActions.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" fw={500} w={120} style={{ flexShrink: 0 }}>{label}</Text>
      <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{children}</div>
    </Group>
  );
}

const REVIEW_COLOR = { pending: 'orange', confirmed: 'red', dismissed: 'gray' } as const;

function RequestView({ r, canManage }: { r: AiguardRequest; canManage: boolean }) {
  return (
    <Stack gap="sm">
      <Group gap="xs"><ActionBadge action={r.action} /><Text size="sm">HTTP {r.status}</Text></Group>
      <Fact label="Time"><Text size="sm">{formatTime(r.createdAt)}</Text></Fact>
      <Fact label="Account"><Text size="sm" ff="monospace">{r.account}</Text></Fact>
      <Fact label="Source address"><Text size="sm" ff="monospace">{r.ip ?? '—'}</Text></Fact>
      <Fact label="Route"><Text size="sm" ff="monospace">{r.route}</Text></Fact>
      <Fact label="Model"><Text size="sm">{r.model}</Text></Fact>
      <Fact label="Reason"><Text size="sm" data-testid="reason">{r.reason ?? '—'}</Text></Fact>
      <Fact label="Scores"><Text size="sm">input {formatScore(r.inputScore)} · output {formatScore(r.outputScore)} · account risk {r.risk === null ? '—' : Math.round(r.risk)}</Text></Fact>
      <Fact label="Tokens"><Text size="sm">{r.promptTokens} prompt · {r.completionTokens} completion</Text></Fact>
      <Fact label="Time taken"><Text size="sm">gateway {formatMs(r.gatewayMs)} · upstream {formatMs(r.upstreamMs)}</Text></Fact>
      <Fact label="Review">
        {r.review ? <Badge color={REVIEW_COLOR[r.review]} variant="light" data-testid="review-state">{r.review}</Badge> : <Text size="sm" c="dimmed">not for review</Text>}
      </Fact>
      <Divider label="Findings" labelPosition="left" />
      {r.findings.length === 0
        ? <Text size="sm" c="dimmed">No findings.</Text>
        : (
          <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Findings" verticalSpacing={4}>
            <Table.Thead><Table.Tr><Table.Th>Category</Table.Th><Table.Th>Score</Table.Th><Table.Th>Source</Table.Th><Table.Th>Where</Table.Th><Table.Th>ATLAS</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {r.findings.map((f, i) => (
                <Table.Tr key={i}>
                  <Table.Td><Text size="sm">{categoryLabel(f.category)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{formatScore(f.score)}</Text></Table.Td>
                  <Table.Td><Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{f.source}</Text></Table.Td>
                  <Table.Td><Text size="sm">{f.where}{f.detail ? ` (${f.detail})` : ''}</Text></Table.Td>
                  <Table.Td><AtlasIds ids={f.atlas} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          </Table.ScrollContainer>
        )}
      <Divider label="Prompt" labelPosition="left" />
      {r.prompt === null
        ? <Text size="sm" c="dimmed">Not retained (retention keeps flagged prompts for a limited time, or none).</Text>
        : <Code block data-testid="prompt" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 400, overflow: 'auto' }}>{r.prompt}</Code>}
      {canManage && r.review === 'pending' && (
        <>
          <Divider label="Decision" labelPosition="left" />
          <ReviewActions key={r.id} request={r} />
        </>
      )}
    </Stack>
  );
}

export function RequestDrawer({ request, onClose, canManage }: { request: AiguardRequest | undefined; onClose: () => void; canManage: boolean }) {
  return (
    <Drawer opened={request !== undefined} onClose={onClose} position="right" size="xl" title="Gateway request" closeButtonProps={{ 'aria-label': 'Close request' }}>
      {request && <RequestView r={request} canManage={canManage} />}
    </Drawer>
  );
}
