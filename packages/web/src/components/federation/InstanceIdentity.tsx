// This instance as peers know it: its id, its key's fingerprint (compare it out of band), the public key
// (JWK) to give them, copyable, the previous keys still published after a rotation, and the rotation.
import { useState } from 'react';
import { Button, CopyButton, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useRotateKey } from '../../api/useFederation.ts';
import { prettyJson } from '../../format/event.ts';
import { formatTime } from '../../format/time.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

interface Props {
  readonly instanceId: string;
  readonly fingerprint: string;
  readonly publicKey: Record<string, unknown>;
  readonly retiredKeys: ReadonlyArray<{ fingerprint: string; expiresAt: string }>;
}

function RotateKey() {
  const rotate = useRotateKey();
  const [confirming, setConfirming] = useState(false);
  return (
    <Stack gap={4}>
      {!confirming && <Group><Button size="xs" variant="default" onClick={() => setConfirming(true)}>Rotate signing key</Button></Group>}
      {confirming && (
        <Group gap="xs">
          <Text size="xs">A new key signs from now on; the current one stays published for the grace period. Bulwark peers take the new key at their next sync; give it to the others.</Text>
          <Button size="xs" color="orange" loading={rotate.isPending} onClick={() => rotate.mutate(undefined, { onSettled: () => setConfirming(false) })}>Rotate now</Button>
          <Button size="xs" variant="default" onClick={() => setConfirming(false)}>Cancel</Button>
        </Group>
      )}
      <ErrorNotice error={rotate.error} title="Could not rotate the key" />
    </Stack>
  );
}

export function InstanceIdentity({ instanceId, fingerprint, publicKey, retiredKeys }: Props) {
  const jwk = prettyJson(publicKey);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="identity-heading">
      <Stack gap="sm">
        <Title order={3} id="identity-heading">This instance</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" m={0}>
          <div>
            <Text component="dt" size="xs" c="dimmed" fw={600}>Instance id</Text>
            <Text component="dd" size="sm" m={0} data-testid="instance-id">{instanceId}</Text>
          </div>
          <div>
            <Text component="dt" size="xs" c="dimmed" fw={600}>Key fingerprint</Text>
            <Text component="dd" size="sm" m={0} className="mono" style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }} data-testid="fingerprint">
              {fingerprint}
            </Text>
          </div>
        </SimpleGrid>
        <div>
          <Group justify="space-between">
            <Text size="sm" fw={600}>Public key (JWK), for peers</Text>
            <CopyButton value={jwk}>
              {({ copied, copy }) => <Button size="compact-xs" variant="default" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}
            </CopyButton>
          </Group>
          <pre className="inert-pre" aria-label="Public key (JWK)" tabIndex={0}>{jwk}</pre>
        </div>
        {retiredKeys.length > 0 && (
          <div>
            <Text size="sm" fw={600}>Previous keys, still published</Text>
            <List size="sm" aria-label="Previous keys" data-testid="retired-keys">
              {retiredKeys.map((k) => <List.Item key={k.fingerprint}><span className="mono">{k.fingerprint}</span> until {formatTime(k.expiresAt)}</List.Item>)}
            </List>
          </div>
        )}
        <RotateKey />
      </Stack>
    </Paper>
  );
}
