// Where the DISARM technique names come from (the catalogue's attribution and licence, and when it was
// imported), or that it was never imported, so ids are shown without names.
import { Text } from '@mantine/core';
import { useDisarm } from '../../api/useMediaIncidents.ts';
import { formatTime } from '../../format/time.ts';

export function DisarmSource() {
  const disarm = useDisarm();
  const c = disarm.data;
  if (!c) return null;
  if (c.importedAt === null || c.total === 0) {
    return (
      <Text size="xs" c="dimmed" data-testid="disarm-source">
        The DISARM framework is not imported on this instance: techniques are shown by id only (an instance administrator imports it with
        {' '}<Text span ff="monospace" size="xs">bulwark media disarm import</Text>).
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed" data-testid="disarm-source">
      DISARM technique names: {c.attribution} ({c.total} techniques, imported {formatTime(c.importedAt)}).
    </Text>
  );
}
