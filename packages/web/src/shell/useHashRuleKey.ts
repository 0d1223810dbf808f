// The rule shown in detail, from #/rules/<key>: links (from the rules table or an alert) open it,
// closing returns to #/rules, and a reload keeps it open.
import { useCallback, useEffect, useState } from 'react';
import { hrefFor, ruleKeyFromHash } from './routes.ts';

export function useHashRuleKey(): [string | undefined, () => void] {
  const [key, setKey] = useState(() => ruleKeyFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setKey(ruleKeyFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const close = useCallback(() => {
    window.location.hash = hrefFor('rules');
  }, []);
  return [key, close];
}
