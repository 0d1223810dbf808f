// Repeatable `path=value` filters for event search (e.g. ocsf.src_endpoint.ip=10.0.0.1).
import { Button, CloseButton, Group, Stack, Text, TextInput } from '@mantine/core';

interface Props {
  readonly values: readonly string[];
  readonly onChange: (values: string[]) => void;
}

export function FieldFilters({ values, onChange }: Props) {
  const set = (i: number, v: string) => onChange(values.map((old, j) => (j === i ? v : old)));
  const remove = (i: number) => onChange(values.filter((_, j) => j !== i));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} id="field-filters-label">
        Field filters
      </Text>
      {values.map((v, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <TextInput
            flex={1}
            aria-label={`Field filter ${i + 1} (path=value)`}
            placeholder="ocsf.src_endpoint.ip=10.0.0.1"
            value={v}
            onChange={(e) => set(i, e.currentTarget.value)}
            error={v && !v.includes('=') ? 'Write path=value' : undefined}
          />
          <CloseButton aria-label={`Remove field filter ${i + 1}`} onClick={() => remove(i)} />
        </Group>
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => onChange([...values, ''])} aria-describedby="field-filters-label">
          Add field filter
        </Button>
      </Group>
    </Stack>
  );
}
