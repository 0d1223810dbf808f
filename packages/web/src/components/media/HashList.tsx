// The hashes of a check or an entry, in monospace, each with a copy button; vPDQ frames and audio
// fingerprints are summarised (their full values can be copied).
import { Button, CopyButton, Group, Table, Text } from '@mantine/core';
import type { MediaHashes } from '@bulwark/contracts';
import { plural } from '../../format/plural.ts';

function Copy({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button variant="subtle" size="compact-xs" onClick={copy} aria-label={`Copy ${label}`} style={{ flexShrink: 0 }}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      )}
    </CopyButton>
  );
}

interface Row {
  readonly label: string;
  readonly shown: string;
  readonly copy: string;
}

function rowsOf(h: MediaHashes): Row[] {
  const rows: Row[] = [];
  if (h.sha256) rows.push({ label: 'SHA-256', shown: h.sha256, copy: h.sha256 });
  if (h.md5) rows.push({ label: 'MD5', shown: h.md5, copy: h.md5 });
  if (h.pdq) rows.push({ label: `PDQ${h.pdqQuality === undefined ? '' : ` (quality ${h.pdqQuality})`}`, shown: h.pdq, copy: h.pdq });
  if (h.vpdq?.length) {
    const text = h.vpdq.map((f) => `${f.frame},${f.quality},${f.pdq},${f.seconds}`).join('\n');
    rows.push({ label: 'vPDQ', shown: `${plural(h.vpdq.length, 'frame hash')}`, copy: text });
  }
  if (h.chromaprint) rows.push({ label: 'Audio fingerprint', shown: `${h.chromaprint.slice(0, 32)}… (${h.chromaprint.length} characters)`, copy: h.chromaprint });
  if (h.duration !== undefined) rows.push({ label: 'Duration', shown: `${h.duration.toFixed(1)} s`, copy: String(h.duration) });
  return rows;
}

export function HashList({ hashes, label = 'Hashes' }: { hashes: MediaHashes; label?: string }) {
  const rows = rowsOf(hashes);
  if (rows.length === 0) return <Text size="sm" c="dimmed">No hashes.</Text>;
  return (
    <Table verticalSpacing={2} fz="sm" aria-label={label} withRowBorders={false}>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.label}>
            <Table.Th w={150} fw={500}>{r.label}</Table.Th>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Text ff="monospace" size="xs" style={{ overflowWrap: 'anywhere' }} data-hash={r.label}>{r.shown}</Text>
                <Copy value={r.copy} label={r.label} />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
