// What a rule's author wrote about it, and the filters that tune it: untrusted, plain text only
// (references are not links).
import { Stack, Text } from '@mantine/core';
import type { SigmaRuleDetail } from '@bulwark/contracts';
import { TextList } from '../TextList.tsx';

export function RuleNotes({ rule }: { rule: SigmaRuleDetail }) {
  return (
    <Stack gap="xs">
      {rule.description && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{rule.description}</Text>}
      {rule.tags.length > 0 && <TextList label="Tags" items={[rule.tags.join(' ')]} />}
      <TextList label="References" items={rule.references} />
      <TextList label="False positives" items={rule.falsepositives} />
      <TextList label="Filters that tune this rule" items={rule.filters.map((f) => `${f.title} (pack ${f.pack})`)} empty="None" />
    </Stack>
  );
}
