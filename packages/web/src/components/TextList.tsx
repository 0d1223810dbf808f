// A labelled list of untrusted strings, each a plain text line (never a link or markup).
import { Text } from '@mantine/core';

interface Props {
  readonly label: string;
  readonly items: readonly string[];
  /** Shown when there are no items; without it, an empty list renders nothing. */
  readonly empty?: string;
}

export function TextList({ label, items, empty }: Props) {
  if (items.length === 0 && empty === undefined) return null;
  return (
    <div>
      <Text size="sm" fw={600}>{label}</Text>
      {items.length === 0 && <Text size="sm" c="dimmed">{empty}</Text>}
      {items.map((item, i) => <Text key={i} size="sm" style={{ overflowWrap: 'anywhere' }}>{item}</Text>)}
    </div>
  );
}
