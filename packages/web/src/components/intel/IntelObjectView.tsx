// One object in detail: name, score, markings and sharing scope in words, facts, sightings (with buttons
// to report one), correlations, versions, relationships (each linking to the related object) and the STIX
// JSON — everything from the object shown inert.
import { Group, Stack, Text, Title } from '@mantine/core';
import { useIntelObject } from '../../api/useIntelObjects.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { JsonBlock } from '../JsonBlock.tsx';
import { IntelCorrelations } from './IntelCorrelations.tsx';
import { IntelFacts } from './IntelFacts.tsx';
import { IntelRelationships } from './IntelRelationships.tsx';
import { IntelScope } from './IntelScope.tsx';
import { IntelSightings } from './IntelSightings.tsx';
import { IntelVersions } from './IntelVersions.tsx';
import { ScoreBadge } from './ScoreBadge.tsx';

/** Object types that can be sighted (STIX: sighting_of_ref names a domain object). */
const NOT_SIGHTABLE = /^(relationship|sighting|marking-definition|language-content|extension-definition|artifact|autonomous-system|directory|domain-name|email-addr|email-message|file|ipv4-addr|ipv6-addr|mac-addr|mutex|network-traffic|process|software|url|user-account|windows-registry-key|x509-certificate)$/;

export function IntelObjectView({ id, canWrite = false }: { id: string; canWrite?: boolean }) {
  const detail = useIntelObject(id);
  const d = detail.data;
  return (
    <Stack gap="md" data-intel-detail={id}>
      <ErrorNotice error={detail.error} title="Could not load the object" />
      {detail.isPending && <Text c="dimmed">Loading the object…</Text>}
      {d && (
        <>
          <Group gap="sm" align="center">
            <Title order={3} style={{ overflowWrap: 'anywhere' }}>{d.summary.name ?? d.summary.id}</Title>
            <ScoreBadge summary={d.summary} />
          </Group>
          <IntelScope summary={d.summary} object={d.object} />
          <IntelFacts summary={d.summary} object={d.object} />
          {!NOT_SIGHTABLE.test(d.summary.type) && <IntelSightings id={d.summary.id} canWrite={canWrite} />}
          <IntelCorrelations id={d.summary.id} />
          <IntelVersions versions={d.versions} current={d.summary.version} />
          <IntelRelationships self={d.summary.id} relationships={d.relationships} />
          <div>
            <Text size="sm" fw={600}>STIX JSON</Text>
            <JsonBlock value={d.object} label="STIX JSON" />
          </div>
        </>
      )}
    </Stack>
  );
}
