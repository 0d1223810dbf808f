// MITRE ATLAS ids, each linked to its page on atlas.mitre.org when it is a well-formed ATLAS id; any
// other string is shown as plain text (the findings come from the server, but never trust a link).
import { Anchor, Group, Text } from '@mantine/core';
import { atlasUrl } from '../../format/aiguard.ts';

export function AtlasIds({ ids }: { ids: readonly string[] }) {
  if (!ids.length) return null;
  return (
    <Group gap={4} component="span" wrap="wrap" style={{ display: 'inline-flex' }}>
      {ids.map((id) => {
        const href = atlasUrl(id);
        return href
          ? <Anchor key={id} href={href} target="_blank" rel="noopener noreferrer" size="xs" ff="monospace">{id}</Anchor>
          : <Text key={id} span size="xs" ff="monospace">{id}</Text>;
      })}
    </Group>
  );
}
