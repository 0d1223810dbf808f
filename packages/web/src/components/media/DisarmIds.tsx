// DISARM technique ids as small badges with the technique's name (from the imported framework) as a
// tooltip, or as a list of ids with their names beside them.
import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';

export function DisarmIds({ ids, names, withNames = false }: { ids: readonly string[]; names?: ReadonlyMap<string, string>; withNames?: boolean }) {
  if (ids.length === 0) return <Text size="sm" c="dimmed" span>—</Text>;
  if (withNames) {
    return (
      <Stack gap={2}>
        {ids.map((id) => (
          <Text key={id} size="sm"><Text span ff="monospace" size="sm" fw={600}>{id}</Text>{names?.get(id) ? ` ${names.get(id)}` : ''}</Text>
        ))}
      </Stack>
    );
  }
  return (
    <Group gap={4}>
      {ids.map((id) => {
        const name = names?.get(id);
        const badge = <Badge key={id} variant="light" color="indigo" radius="sm" ff="monospace" tt="none" style={{ overflow: 'visible' }}>{id}</Badge>;
        return name ? <Tooltip key={id} label={name}>{badge}</Tooltip> : badge;
      })}
    </Group>
  );
}
