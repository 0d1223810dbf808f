// DISARM technique ids as small badges, each with its name (from the imported framework) as its title
// and beside it when asked.
import { Badge, Group, Text, Tooltip } from '@mantine/core';

export function DisarmIds({ ids, names, withNames = false }: { ids: readonly string[]; names?: ReadonlyMap<string, string>; withNames?: boolean }) {
  if (ids.length === 0) return <Text size="sm" c="dimmed" span>—</Text>;
  return (
    <Group gap={4}>
      {ids.map((id) => {
        const name = names?.get(id);
        const badge = <Badge key={id} variant="light" color="indigo" radius="sm" ff="monospace" tt="none">{id}{withNames && name ? ` ${name}` : ''}</Badge>;
        return name && !withNames ? <Tooltip key={id} label={name}>{badge}</Tooltip> : badge;
      })}
    </Group>
  );
}
