// The NIS2 deadlines of an incident, one row each: due time, a live countdown, status and whether the
// due time is provisional (it depends on a report not submitted yet).
import { useEffect, useState } from 'react';
import { Badge, Table, Text } from '@mantine/core';
import type { Nis2Deadline } from '@bulwark/contracts';
import { DEADLINE_LABEL, countdownText, deadlineStatusColor, liveDeadlineStatus } from '../../format/nis2.ts';
import { formatTime } from '../../format/time.ts';

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

export function Nis2Clocks({ deadlines }: { deadlines: readonly Nis2Deadline[] }) {
  const now = useNow(1000);
  if (deadlines.length === 0) return <Text size="sm" c="dimmed">No clocks run yet: the incident needs a time of awareness.</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table fz="sm" aria-label="NIS2 deadlines">
        <Table.Thead>
          <Table.Tr>{['Deadline', 'Due', 'Time left', 'Status', 'Basis'].map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deadlines.map((d) => {
            const status = liveDeadlineStatus(d, now);
            return (
              <Table.Tr key={d.kind} data-deadline={d.kind} data-deadline-status={status}>
                <Table.Td>{DEADLINE_LABEL[d.kind] ?? d.kind}{d.provisional && <Badge ml="xs" variant="outline" color="gray.7" radius="sm" title="Depends on a report not submitted yet">provisional</Badge>}</Table.Td>
                <Table.Td className="mono">{d.dueAt ? formatTime(d.dueAt) : '—'}</Table.Td>
                <Table.Td className="mono" data-testid="countdown">{countdownText(d, now)}</Table.Td>
                <Table.Td><Badge color={deadlineStatusColor(status)} variant="filled" radius="sm" miw="max-content">{status}</Badge></Table.Td>
                <Table.Td>{d.basis}{d.submittedAt && <Text span size="sm" c="dimmed"> · submitted <span className="mono">{formatTime(d.submittedAt)}</span></Text>}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
