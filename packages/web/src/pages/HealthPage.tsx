// Server health, refreshed every 5 s.
import type { ReactNode } from 'react';
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useHealth } from '../api/useHealth.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatUptime } from '../format/time.ts';

function OkBadge({ ok, label }: { ok: boolean; label?: string }) {
  return (
    <Badge color={ok ? 'teal.9' : 'red.9'} variant="filled" radius="sm" miw="max-content">
      {label ?? (ok ? 'ok' : 'failing')}
    </Badge>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Group gap="xs" mt={4}>
        {children}
      </Group>
    </Paper>
  );
}

export function HealthPage() {
  const health = useHealth();
  const h = health.data;
  return (
    <Stack>
      <Title order={2}>Health</Title>
      <ErrorNotice error={health.error} title="Health check failed" />
      {!h && health.isPending && <Text c="dimmed">Checking…</Text>}
      {h && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="health">
          <Item label="Status">
            <OkBadge ok={h.status === 'ok'} label={h.status} />
          </Item>
          <Item label="Version">
            <Text>{h.version}</Text>
          </Item>
          <Item label="Uptime">
            <Text>{formatUptime(h.uptimeSeconds)}</Text>
          </Item>
          <Item label="Roles">
            <Text>{h.roles.join(', ') || '—'}</Text>
          </Item>
          <Item label="Database">
            <Text>{h.database.kind}</Text>
            <OkBadge ok={h.database.ok} />
          </Item>
          <Item label="Bus">
            <Text>{h.bus.kind}</Text>
            <OkBadge ok={h.bus.ok} />
          </Item>
          <Item label="Ingest">
            <Text>
              {h.ingest.accepted} accepted · {h.ingest.rejected} rejected · {h.ingest.inflight} in flight
            </Text>
          </Item>
        </SimpleGrid>
      )}
      <Text size="xs" c="dimmed">
        Refreshed every 5 seconds{health.dataUpdatedAt ? `; last at ${new Date(health.dataUpdatedAt).toLocaleTimeString()}` : ''}.
      </Text>
    </Stack>
  );
}
