// Offset paging: "51–100 of 230" with previous and next buttons.
import { Button, Group, Text } from '@mantine/core';

interface Props {
  readonly offset: number;
  readonly limit: number;
  readonly shown: number;
  readonly total: number;
  readonly noun: string;
  readonly onChange: (offset: number) => void;
}

export function Pager({ offset, limit, shown, total, noun, onChange }: Props) {
  const range = shown === 0 ? `0 of ${total}` : `${offset + 1}–${offset + shown} of ${total}`;
  return (
    <Group gap="sm">
      <Text size="sm" role="status">{range} {noun}</Text>
      <Button size="compact-sm" variant="default" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        Previous page
      </Button>
      <Button size="compact-sm" variant="default" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
        Next page
      </Button>
    </Group>
  );
}
