// The rule shown in detail, from #/rules/<key>: links (from the rules table or an alert) open it,
// closing returns to #/rules, and a reload keeps it open.
import { useHashDetail } from './useHashDetail.ts';

export function useHashRuleKey(): [string | undefined, () => void] {
  return useHashDetail('rules');
}
