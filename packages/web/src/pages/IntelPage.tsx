// Threat intelligence: the STIX objects the organisation may receive (search, type, paging, export),
// one object in a drawer (#/intel/<id>) with its score, sightings and correlations, and for roles that
// may, the import of a bundle or MISP event and reporting true and false positives.
import { Stack, Text, Title } from '@mantine/core';
import type { SessionInfo } from '@bulwark/contracts';
import { IntelImportForm } from '../components/intel/IntelImportForm.tsx';
import { IntelObjectDrawer } from '../components/intel/IntelObjectDrawer.tsx';
import { IntelObjectsSection } from '../components/intel/IntelObjectsSection.tsx';
import { useHashDetail } from '../shell/useHashDetail.ts';

export function IntelPage({ session }: { session: SessionInfo }) {
  const canWrite = session.permissions.includes('intel:write');
  const [objectId, closeObject] = useHashDetail('intel');
  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={2}>Intelligence</Title>
        {!canWrite && <Text size="sm" c="dimmed">Your role may read intelligence but not import it.</Text>}
      </Stack>
      {canWrite && <IntelImportForm />}
      <IntelObjectsSection />
      <IntelObjectDrawer id={objectId} onClose={closeObject} canWrite={canWrite} />
    </Stack>
  );
}
