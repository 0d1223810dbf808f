// What an import did: the counts, then each defect (object index, path, code, message, severity)
// and, for a MISP event, the conversion problems — all untrusted, shown as plain text.
import { Stack, Text } from '@mantine/core';
import type { IntelImportOutcome } from '../../api/useIntelImport.ts';
import { plural } from '../../format/plural.ts';
import { IntelDefectsTable } from './IntelDefectsTable.tsx';
import { MispProblemsTable } from './MispProblemsTable.tsx';

function counts(o: IntelImportOutcome): string {
  const r = o.report;
  const base = `Received ${r.received}, stored ${r.stored}, unchanged ${r.unchanged}, rejected ${r.rejected}`;
  return o.kind === 'misp' ? `${base}, unmapped ${o.report.unmapped}.` : `${base}.`;
}

export function IntelImportResult({ outcome }: { outcome: IntelImportOutcome }) {
  const defects = outcome.report.defects;
  return (
    <Stack gap="xs" role="region" aria-label="Import report">
      <Text size="sm" role="status" data-testid="import-counts">{counts(outcome)}</Text>
      <Text size="sm">{defects.length === 0 ? 'No defects.' : plural(defects.length, 'defect')}</Text>
      {defects.length > 0 && <IntelDefectsTable defects={defects} />}
      {outcome.kind === 'misp' && outcome.report.problems.length > 0 && <MispProblemsTable problems={outcome.report.problems} />}
    </Stack>
  );
}
