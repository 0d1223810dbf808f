// The level a rule raises alerts at, marked when the organisation overrides the rule's own level.
import { Group, Text } from '@mantine/core';
import type { SigmaRuleSummary } from '@bulwark/contracts';
import { isLevelOverridden, ownLevel } from '../../format/rule-level.ts';
import { SeverityBadge } from '../SeverityBadge.tsx';

export function RuleLevel({ rule }: { rule: Pick<SigmaRuleSummary, 'level' | 'effectiveLevel' | 'levelOverride'> }) {
  const overridden = isLevelOverridden(rule);
  return (
    <Group gap={4} wrap="nowrap" data-overridden={overridden || undefined}>
      <SeverityBadge severity={rule.effectiveLevel} />
      {overridden && (
        <Text size="xs" c="dimmed" title={`Overridden by your organisation; the rule says ${ownLevel(rule)}`}>
          (overridden, rule: {ownLevel(rule)})
        </Text>
      )}
    </Group>
  );
}
