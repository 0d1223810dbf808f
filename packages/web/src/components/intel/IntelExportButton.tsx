// Downloads what the organisation may receive (of the filtered type, if any) as a STIX 2.1 bundle.
import { Button, Stack } from '@mantine/core';
import { useIntelExport } from '../../api/useIntelExport.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

export function IntelExportButton({ type }: { type: string | undefined }) {
  const exp = useIntelExport();
  return (
    <Stack gap={4} align="flex-end">
      <Button size="xs" variant="default" loading={exp.isPending} onClick={() => exp.mutate(type)}>
        {type ? `Export ${type} objects` : 'Export STIX bundle'}
      </Button>
      <ErrorNotice error={exp.error} title="Could not export" />
    </Stack>
  );
}
