// One object in detail: name, markings and sharing scope in words, facts, versions, relationships
// (each linking to the related object) and the STIX JSON — everything from the object shown inert.
import { Stack, Text, Title } from '@mantine/core';
import { useIntelObject } from '../../api/useIntelObjects.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { JsonBlock } from '../JsonBlock.tsx';
import { IntelFacts } from './IntelFacts.tsx';
import { IntelRelationships } from './IntelRelationships.tsx';
import { IntelScope } from './IntelScope.tsx';
import { IntelVersions } from './IntelVersions.tsx';

export function IntelObjectView({ id }: { id: string }) {
  const detail = useIntelObject(id);
  const d = detail.data;
  return (
    <Stack gap="md" data-intel-detail={id}>
      <ErrorNotice error={detail.error} title="Could not load the object" />
      {detail.isPending && <Text c="dimmed">Loading the object…</Text>}
      {d && (
        <>
          <Title order={3} style={{ overflowWrap: 'anywhere' }}>{d.summary.name ?? d.summary.id}</Title>
          <IntelScope summary={d.summary} object={d.object} />
          <IntelFacts summary={d.summary} object={d.object} />
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
