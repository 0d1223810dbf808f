// What a page the session may not open shows instead (reached by a link or a typed address).
import { Stack, Text, Title } from '@mantine/core';

export function NotAllowed() {
  return (
    <Stack gap={4}>
      <Title order={2}>Not available</Title>
      <Text size="sm" role="status">Your role in this organisation may not open this page.</Text>
    </Stack>
  );
}
