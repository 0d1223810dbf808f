// Sigma rules: a filtered, sorted page of rules, one rule in detail, and the organisation's settings
// for a rule (enabled, level override).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, type SigmaRuleDetail, type SigmaRulePage, type SigmaRuleQuery, type UpdateSigmaRule } from '@bulwark/contracts';
import { api } from './client.ts';

export const SIGMA_RULES_KEY = ['sigma-rules'] as const;
const SIGMA_RULE_KEY = ['sigma-rule'] as const;

export function useSigmaRules(query: SigmaRuleQuery) {
  return useQuery({
    queryKey: [...SIGMA_RULES_KEY, query],
    queryFn: ({ signal }) =>
      api.get<SigmaRulePage>(API.sigmaRules, {
        query: {
          pack: query.pack,
          q: query.q,
          enabled: query.enabled === undefined ? undefined : String(query.enabled),
          level: query.level,
          sort: query.sort,
          limit: query.limit,
          offset: query.offset,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useSigmaRule(key: string | undefined) {
  return useQuery({
    queryKey: [...SIGMA_RULE_KEY, key],
    enabled: key !== undefined,
    queryFn: ({ signal }) => api.get<SigmaRuleDetail>(API.sigmaRule(key ?? ''), { signal }),
  });
}

export function useUpdateSigmaRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, change }: { key: string; change: UpdateSigmaRule }) => api.patch<SigmaRuleDetail>(API.sigmaRule(key), change),
    onSuccess: async (rule) => {
      client.setQueryData([...SIGMA_RULE_KEY, rule.key], rule);
      await client.invalidateQueries({ queryKey: SIGMA_RULES_KEY });
    },
  });
}
