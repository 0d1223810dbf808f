// One event as a table row; when expandable, a toggle reveals its native and OCSF JSON (inert text).
import { useState } from 'react';
import { Button, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { StoredEvent } from '@bulwark/contracts';
import { eventClass, eventHost, eventMessage } from '../format/event.ts';
import { formatTime } from '../format/time.ts';
import { OcsfSeverityBadge } from './SeverityBadge.tsx';
import { JsonBlock } from './JsonBlock.tsx';

export const EVENT_COLUMNS = ['Time', 'Source', 'Class', 'Severity', 'Host', 'Message'] as const;

export function EventRow({ event, expandable }: { event: StoredEvent; expandable: boolean }) {
  const [open, setOpen] = useState(false);
  const detailsId = `event-details-${event.eventId}`;
  return (
    <>
      <Table.Tr data-event-id={event.eventId}>
        {expandable && (
          <Table.Td>
            <Button
              size="compact-xs"
              variant="default"
              aria-expanded={open}
              aria-controls={open ? detailsId : undefined}
              aria-label={open ? 'Hide event details' : 'Show event details'}
              onClick={() => setOpen((o) => !o)}
            >
              {open ? '−' : '+'}
            </Button>
          </Table.Td>
        )}
        <Table.Td className="mono" title={event.time}>
          {formatTime(event.time)}
        </Table.Td>
        <Table.Td>{event.source}</Table.Td>
        <Table.Td>{eventClass(event)}</Table.Td>
        <Table.Td>
          <OcsfSeverityBadge severityId={event.severityId} />
        </Table.Td>
        <Table.Td>{eventHost(event)}</Table.Td>
        <Table.Td className="cell-message">{eventMessage(event)}</Table.Td>
      </Table.Tr>
      {expandable && open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={EVENT_COLUMNS.length + 1}>
            <Stack gap="xs">
              <Text size="xs" c="dimmed">
                event_id {event.eventId} · format {event.format} · received {formatTime(event.receivedAt)}
              </Text>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <div>
                  <Text size="sm" fw={600}>
                    Native
                  </Text>
                  <JsonBlock value={event.native} label="Native event JSON" />
                </div>
                <div>
                  <Text size="sm" fw={600}>
                    OCSF
                  </Text>
                  <JsonBlock value={event.ocsf} label="OCSF event JSON" />
                </div>
              </SimpleGrid>
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
