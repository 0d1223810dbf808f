// What the incident is about: the graph of related entities and the same entities as plain lists.
import { SimpleGrid, Stack } from '@mantine/core';
import type { Alert, Incident } from '@bulwark/contracts';
import { TextList } from '../TextList.tsx';
import { EntityGraph } from './EntityGraph.tsx';

export function EntitiesPanel({ incident, alerts }: { incident: Incident; alerts: readonly Alert[] }) {
  const e = incident.entities;
  const lists = [
    { label: `Hosts (${e.hosts.length})`, items: e.hosts },
    { label: `Users (${e.users.length})`, items: e.users },
    { label: `IP addresses (${e.ips.length})`, items: e.ips },
    { label: `Indicators (${e.indicators.length})`, items: e.indicators },
  ];
  return (
    <Stack gap="md">
      <EntityGraph incident={incident} alerts={alerts} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {lists.map((l) => <TextList key={l.label} label={l.label} items={l.items} empty="none" />)}
      </SimpleGrid>
    </Stack>
  );
}
