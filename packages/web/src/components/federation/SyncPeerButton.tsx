// Syncs with one peer now (pulls, and pushes when the peer's direction says so) and says what came of it.
import { Button, Stack, Text } from '@mantine/core';
import type { FederationPeer, SyncResult } from '@bulwark/contracts';
import { errorText } from '../../api/problem.ts';
import { useSyncPeer } from '../../api/useFederation.ts';

function outcome(r: SyncResult): string {
  const counts = `pulled ${r.pulled}, stored ${r.stored}, rejected ${r.rejected}, retracted ${r.retracted}`;
  return r.error ? `Failed: ${r.error} (${counts})` : `Done: ${counts}`;
}

export function SyncPeerButton({ peer }: { peer: FederationPeer }) {
  const sync = useSyncPeer();
  return (
    <Stack gap={4} align="flex-start">
      <Button size="compact-xs" variant="default" loading={sync.isPending}
        aria-label={`Sync now with ${peer.instanceId}`} onClick={() => sync.mutate(peer.id)}>
        Sync now
      </Button>
      {sync.data && <Text size="xs" role="status">{outcome(sync.data)}</Text>}
      {sync.error && <Text size="xs" role="alert" c="red.8">{errorText(sync.error)}</Text>}
    </Stack>
  );
}
