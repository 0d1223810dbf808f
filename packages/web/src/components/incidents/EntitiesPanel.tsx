// What the incident is about: the graph of related entities and the same entities as plain lists; for
// roles that may, blocking an address or domain with the incident as its source.
import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { Alert, Incident } from '@bulwark/contracts';
import { TextList } from '../TextList.tsx';
import { BlocklistForm } from './BlocklistForm.tsx';
import { EntityGraph } from './EntityGraph.tsx';

export function EntitiesPanel({ incident, alerts, canBlock }: { incident: Incident; alerts: readonly Alert[]; canBlock: boolean }) {
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
      {canBlock && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>Block from this incident</Text>
          <BlocklistForm incidentId={incident.id} />
        </Stack>
      )}
    </Stack>
  );
}
