// One rule in detail: its settings for the organisation, facts and statistics, notes, the filters
// that tune it and its YAML — the YAML and every other text from the rule shown inert.
import { Group, Stack, Text, Title } from '@mantine/core';
import { useSigmaRule, useUpdateSigmaRule } from '../../api/useSigmaRules.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { RuleEnabledSwitch } from './RuleEnabledSwitch.tsx';
import { RuleFacts } from './RuleFacts.tsx';
import { RuleLevel } from './RuleLevel.tsx';
import { RuleLevelSelect } from './RuleLevelSelect.tsx';
import { RuleNotes } from './RuleNotes.tsx';

export function RuleDetailView({ ruleKey, canWrite }: { ruleKey: string; canWrite: boolean }) {
  const rule = useSigmaRule(ruleKey);
  const update = useUpdateSigmaRule();
  const r = rule.data;
  const busy = update.isPending;
  return (
    <Stack gap="sm" data-rule-detail={ruleKey}>
      <ErrorNotice error={rule.error} title="Could not load the rule" />
      {rule.isPending && <Text c="dimmed">Loading the rule…</Text>}
      {r && (
        <>
          <Title order={3} style={{ overflowWrap: 'anywhere' }}>{r.title}</Title>
          <Group gap="lg" align="flex-end">
            <Stack gap={4}>
              <Text size="sm" fw={500}>Enabled</Text>
              <RuleEnabledSwitch title={r.title} enabled={r.enabled} canWrite={canWrite} busy={busy}
                onChange={(enabled) => update.mutate({ key: r.key, change: { enabled } })} />
            </Stack>
            <RuleLevelSelect rule={r} canWrite={canWrite} busy={busy}
              onChange={(level) => update.mutate({ key: r.key, change: { level } })} />
            <RuleLevel rule={r} />
          </Group>
          <ErrorNotice error={update.error} title="Could not change the rule" />
          <RuleFacts rule={r} />
          <RuleNotes rule={r} />
          <div>
            <Text size="sm" fw={600}>Rule YAML</Text>
            <pre className="inert-pre" aria-label="Rule YAML" tabIndex={0}>{r.text || '(the file is no longer available)'}</pre>
          </div>
        </>
      )}
    </Stack>
  );
}
