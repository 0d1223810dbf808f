// Where firewalls and proxies fetch the block list, and what they need to do so.
import { Code, Stack, Text } from '@mantine/core';
import { fetchUrls } from '../../format/blocklist.ts';

export function BlocklistFetchUrls() {
  return (
    <Stack gap={6} component="section" aria-labelledby="blocklist-fetch">
      <Text id="blocklist-fetch" fw={600} size="sm">For firewalls and proxies</Text>
      {fetchUrls(window.location.origin).map((u) => (
        <div key={u.url}>
          <Text size="sm">{u.label}</Text>
          <Code block data-testid="fetch-url">{u.url}</Code>
        </div>
      ))}
      <Text size="sm" c="dimmed">
        Fetchers send an API key as <Code>Authorization: Bearer &lt;key&gt;</Code>. A read-only key (auditor role) is enough. The lists carry an
        ETag, so polling every minute costs little: an unchanged list answers 304.
      </Text>
    </Stack>
  );
}
