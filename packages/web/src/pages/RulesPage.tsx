// Detection rules: the Sigma packs with the rules that cannot run and why, uploads of the
// organisation's own packs, and every rule with its settings and statistics.
import { Stack, Text, Title } from '@mantine/core';
import type { SessionInfo } from '@bulwark/contracts';
import { PacksSection } from '../components/sigma/PacksSection.tsx';
import { RuleDrawer } from '../components/sigma/RuleDrawer.tsx';
import { RulesSection } from '../components/sigma/RulesSection.tsx';
import { useHashRuleKey } from '../shell/useHashRuleKey.ts';

export function RulesPage({ session }: { session: SessionInfo }) {
  const canWrite = session.permissions.includes('rules:write');
  const [ruleKey, closeRule] = useHashRuleKey();
  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={2}>Detection rules</Title>
        {!canWrite && <Text size="sm" c="dimmed">Your role may read rules but not change them.</Text>}
      </Stack>
      <PacksSection canWrite={canWrite} />
      <RulesSection canWrite={canWrite} />
      <RuleDrawer ruleKey={ruleKey} canWrite={canWrite} onClose={closeRule} />
    </Stack>
  );
}
