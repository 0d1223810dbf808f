// Rules: search, filters, sort and paging over the rules the organisation runs; switches turn a rule
// on or off at once.
import { Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { SigmaRuleQuery } from '@bulwark/contracts';
import { useSigmaPacks } from '../../api/useSigmaPacks.ts';
import { useSigmaRules, useUpdateSigmaRule } from '../../api/useSigmaRules.ts';
import { usePageState } from '../../state/usePageState.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { Pager } from '../Pager.tsx';
import { NO_RULE_FILTER, RuleFilters, type RuleFilterValues } from './RuleFilters.tsx';
import { RulesTable } from './RulesTable.tsx';

const PAGE_SIZE = 50;

function toQuery(f: RuleFilterValues, q: string, offset: number): SigmaRuleQuery {
  return {
    q: q.trim() || undefined,
    pack: f.pack || undefined,
    level: f.level || undefined,
    enabled: f.enabled === '' ? undefined : f.enabled === 'true',
    sort: f.sort,
    limit: PAGE_SIZE,
    offset,
  };
}

export function RulesSection({ canWrite }: { canWrite: boolean }) {
  const [filter, setFilter] = usePageState<RuleFilterValues>('rules.filter', NO_RULE_FILTER);
  const [offset, setOffset] = usePageState('rules.offset', 0);
  const [q] = useDebouncedValue(filter.q, 300);
  const rules = useSigmaRules(toQuery(filter, q, offset));
  const packs = useSigmaPacks();
  const update = useUpdateSigmaRule();
  const page = rules.data;
  return (
    <Stack component="section" aria-labelledby="rules-heading">
      <Title order={3} id="rules-heading">Rules</Title>
      <RuleFilters value={filter} packs={packs.data?.packs.map((p) => p.name) ?? []}
        onChange={(next) => { setFilter(next); setOffset(0); }} />
      <ErrorNotice error={rules.error} title="Could not load the rules" />
      <ErrorNotice error={update.error} title="Could not change the rule" />
      {rules.isPending && <Text c="dimmed">Loading rules…</Text>}
      {page && (
        <>
          <Pager offset={offset} limit={PAGE_SIZE} shown={page.rules.length} total={page.total} noun="rules" onChange={setOffset} />
          <RulesTable rules={page.rules} canWrite={canWrite} busyKey={update.isPending ? update.variables.key : undefined}
            onChange={(key, change) => update.mutate({ key, change })} />
        </>
      )}
    </Stack>
  );
}
