// A table of events (live view and search results).
import { Table, Text } from '@mantine/core';
import type { StoredEvent } from '@bulwark/contracts';
import { EVENT_COLUMNS, EventRow } from './EventRow.tsx';

interface Props {
  readonly events: readonly StoredEvent[];
  readonly caption: string;
  readonly expandable?: boolean;
  readonly empty: string;
}

export function EventsTable({ events, caption, expandable = false, empty }: Props) {
  if (events.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover verticalSpacing="xs" fz="sm">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {expandable && (
              <Table.Th>
                <span className="visually-hidden">Details</span>
              </Table.Th>
            )}
            {EVENT_COLUMNS.map((c) => (
              <Table.Th key={c}>{c}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <EventRow key={e.eventId} event={e} expandable={expandable} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
