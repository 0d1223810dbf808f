// Cursor paging: "Page 2 · 100 objects" with previous (back along the cursors seen) and next buttons.
import { Button, Group, Text } from '@mantine/core';
import { plural } from '../format/plural.ts';

interface Props {
  /** 1-based. */
  readonly page: number;
  readonly shown: number;
  readonly hasNext: boolean;
  readonly noun: string;
  readonly onPrevious: () => void;
  readonly onNext: () => void;
}

export function CursorPager({ page, shown, hasNext, noun, onPrevious, onNext }: Props) {
  return (
    <Group gap="sm">
      <Text size="sm" role="status">Page {page} · {plural(shown, noun)}</Text>
      <Button size="compact-sm" variant="default" disabled={page <= 1} onClick={onPrevious}>Previous page</Button>
      <Button size="compact-sm" variant="default" disabled={!hasNext} onClick={onNext}>Next page</Button>
    </Group>
  );
}
