// Gateway requests as a table: time, account (pseudonym), route, model, action, reason, finding
// categories with ATLAS ids, input/output scores and the gateway's own time. The time opens the
// request's drawer. Every string from the log (model, reason, account) is untrusted: plain text.
import { Table, Text, UnstyledButton } from '@mantine/core';
import type { AiguardRequest } from '@bulwark/contracts';
import { formatMs, formatScore } from '../../format/aiguard.ts';
import { formatTime } from '../../format/time.ts';
import { ActionBadge } from './ActionBadge.tsx';
import { FindingCategories } from './FindingCategories.tsx';

interface Props {
  readonly requests: readonly AiguardRequest[];
  readonly onOpen: (r: AiguardRequest) => void;
  readonly label: string;
  /** Hide the account column (a single account's requests). */
  readonly withoutAccount?: boolean;
}

export function RequestsTable({ requests, onOpen, label, withoutAccount }: Props) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover aria-label={label} verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            {!withoutAccount && <Table.Th>Account</Table.Th>}
            <Table.Th>Route</Table.Th>
            <Table.Th>Model</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Findings (ATLAS)</Table.Th>
            <Table.Th>In / out</Table.Th>
            <Table.Th>Gateway</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {requests.map((r) => (
            <Table.Tr key={r.id} data-request={r.id} data-action={r.action}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <UnstyledButton onClick={() => onOpen(r)} aria-label={`Open request ${r.id}`} td="underline" fz="sm">{formatTime(r.createdAt)}</UnstyledButton>
              </Table.Td>
              {!withoutAccount && <Table.Td><Text size="sm" ff="monospace">{r.account}</Text></Table.Td>}
              <Table.Td><Text size="sm" ff="monospace">{r.route}</Text></Table.Td>
              <Table.Td miw={120}><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{r.model}</Text></Table.Td>
              <Table.Td miw={80} style={{ whiteSpace: 'nowrap' }}><ActionBadge action={r.action} />{r.review === 'pending' && <Text size="xs" c="orange">review pending</Text>}</Table.Td>
              <Table.Td miw={200} maw={340}><Text size="sm" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>{r.reason ?? '—'}</Text></Table.Td>
              <Table.Td miw={180}><FindingCategories findings={r.findings} /></Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="sm">{formatScore(r.inputScore)} / {formatScore(r.outputScore)}</Text></Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="sm">{formatMs(r.gatewayMs)}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
