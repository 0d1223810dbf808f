// Live events: the newest events pushed by the server, with pause/resume and counters.
import { useState } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { StoredEvent } from '@bulwark/contracts';
import { useLive } from '../live/useLive.ts';
import { EventsTable } from '../components/EventsTable.tsx';
import { StreamStatusBadge } from '../components/StreamStatusBadge.tsx';
import { LiveAlertsList } from '../components/LiveAlertsList.tsx';
import { plural } from '../format/plural.ts';

interface Paused {
  readonly events: readonly StoredEvent[];
  readonly count: number;
}

export function LiveEventsPage() {
  const live = useLive();
  const [paused, setPaused] = useState<Paused | undefined>(undefined);
  const shown = paused ? paused.events : live.events;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Live events</Title>
        <Group gap="sm">
          <StreamStatusBadge status={live.status} />
          <Text size="sm" data-testid="received-count">
            {plural(live.eventCount, 'event')}, {plural(live.alertCount, 'alert')} received
            {paused ? ` · ${live.eventCount - paused.count} new while paused` : ''}
            {live.droppedCount ? ` · ${live.droppedCount} dropped by the server (this view fell behind)` : ''}
          </Text>
          <Button
            variant={paused ? 'filled' : 'default'}
            aria-pressed={paused !== undefined}
            onClick={() => setPaused(paused ? undefined : { events: live.events, count: live.eventCount })}
          >
            {paused ? 'Resume' : 'Pause'}
          </Button>
        </Group>
      </Group>
      <LiveAlertsList alerts={live.alerts} />
      <EventsTable
        events={shown}
        caption={`The newest ${plural(shown.length, 'event')}${paused ? ' (paused)' : ''}`}
        empty="Waiting for events… Events sent to this organisation appear here as they are stored."
      />
    </Stack>
  );
}
