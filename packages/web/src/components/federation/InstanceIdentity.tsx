// This instance as peers know it: its id, its key's fingerprint (compare it out of band) and the
// public key (JWK) to give them, copyable.
import { Button, CopyButton, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { prettyJson } from '../../format/event.ts';

interface Props {
  readonly instanceId: string;
  readonly fingerprint: string;
  readonly publicKey: Record<string, unknown>;
}

export function InstanceIdentity({ instanceId, fingerprint, publicKey }: Props) {
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
      </Stack>
    </Paper>
  );
}
