// The objects the organisation may receive that share a value with this one, by value; an
// over-correlated value shows its count only. Values, ids and names are untrusted plain text.
import { Anchor, Badge, Stack, Text } from '@mantine/core';
import { useIntelCorrelations } from '../../api/useIntelSignals.ts';
import { intelHref } from '../../shell/routes.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

export function IntelCorrelations({ id }: { id: string }) {
  const r = useIntelCorrelations(id);
  const d = r.data;
  return (
    <div data-intel-correlations={id}>
      <Text size="sm" fw={600}>Correlations</Text>
      <ErrorNotice error={r.error} title="Could not load the correlations" />
      {d && d.values.length === 0 && <Text size="sm" c="dimmed">No comparable values.</Text>}
      {d && d.values.length > 0 && (
        <Stack gap={6}>
          {d.values.map((v) => (
            <div key={`${v.kind} ${v.value}`} data-correlation={v.value} data-over-correlated={v.overCorrelated || undefined}>
              <Text size="sm">
                <Text span size="xs" c="dimmed">{v.kind}</Text>{' '}
                <Text span ff="monospace" style={{ overflowWrap: 'anywhere' }}>{v.value}</Text>
                {v.overCorrelated && <> <Badge color="gray" variant="outline" radius="sm" title={`Shared by more than ${d.limit} objects: not listed`}>over-correlated: {v.count} objects</Badge></>}
              </Text>
              {!v.overCorrelated && v.objects.length === 0 && <Text size="xs" c="dimmed">No other object.</Text>}
              {!v.overCorrelated && v.objects.map((o) => (
                <div key={o.id}>
                  <Anchor href={intelHref(o.id)} size="sm" style={{ overflowWrap: 'anywhere' }}>{o.name ?? o.id}</Anchor>
                  <Text span size="xs" c="dimmed"> {o.type}</Text>
                </div>
              ))}
            </div>
          ))}
        </Stack>
      )}
    </div>
  );
}
