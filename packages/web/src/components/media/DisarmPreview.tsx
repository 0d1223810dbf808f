// The DISARM technique ids typed in a field, each with its name from the imported framework (or a note
// that the catalogue lacks it), so a typo shows before the form is sent.
import { List, Text } from '@mantine/core';
import { parseDisarmIds } from '../../format/media.ts';

export function DisarmPreview({ text, names }: { text: string; names?: ReadonlyMap<string, string> }) {
  const { ids } = parseDisarmIds(text);
  if (ids.length === 0 || !names?.size) return null;
  return (
    <List size="sm" aria-label="Techniques chosen">
      {ids.map((id) => (
        <List.Item key={id}>
          <Text span ff="monospace" size="sm">{id}</Text> {names.get(id) ?? <Text span c="orange.8" size="sm">not in the DISARM catalogue</Text>}
        </List.Item>
      ))}
    </List>
  );
}
