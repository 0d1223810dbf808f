// Federation (administrators): this instance's identity for peers to verify, and each peer with its
// sync state and lag, with a sync now.
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useFederation } from '../api/useFederation.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { InstanceIdentity } from '../components/federation/InstanceIdentity.tsx';
import { PeersTable } from '../components/federation/PeersTable.tsx';

export function FederationPage() {
  const status = useFederation();
  const s = status.data;
  return (
    <Stack gap="xl">
      <Group justify="space-between">
        <Title order={2}>Federation</Title>
        <Button variant="default" size="xs" onClick={() => void status.refetch()} loading={status.isRefetching}>Refresh</Button>
      </Group>
      <ErrorNotice error={status.error} title="Could not load the federation status" />
      {status.isPending && <Text c="dimmed">Loading the federation status…</Text>}
      {s && (
        <>
          <InstanceIdentity instanceId={s.instanceId} fingerprint={s.fingerprint} publicKey={s.publicKey} retiredKeys={s.retiredKeys} />
          <Stack component="section" aria-labelledby="peers-heading">
            <Title order={3} id="peers-heading">Peers</Title>
            <PeersTable peers={s.peers} />
          </Stack>
        </>
      )}
    </Stack>
  );
}
