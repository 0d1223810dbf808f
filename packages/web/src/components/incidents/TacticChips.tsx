// ATT&CK tactics as small chips, in the order the incident's alerts first showed them.
import { Badge, Group, Text } from '@mantine/core';
import { tacticLabel } from '../../format/incident.ts';

export function TacticChips({ tactics }: { tactics: readonly string[] }) {
  if (tactics.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Group gap={4} wrap="wrap" role="list" aria-label="ATT&CK tactics">
      {tactics.map((t, i) => (
        <Badge key={t} role="listitem" variant="outline" color="indigo.7" radius="xl" size="sm" tt="none" title={`${i + 1}. ${t}`}>
          {tacticLabel(t)}
        </Badge>
      ))}
    </Group>
  );
}
