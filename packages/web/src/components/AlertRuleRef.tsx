// The rule behind an alert; a Sigma rule links to its detail on the rules page (#/rules/<id>).
import { Anchor, Text } from '@mantine/core';
import type { Alert } from '@bulwark/contracts';
import { ruleHref } from '../shell/routes.ts';

export function AlertRuleRef({ alert }: { alert: Pick<Alert, 'detector' | 'ruleId'> }) {
  return (
    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
      <b>Rule</b>{' '}
      {alert.detector === 'sigma' ? <Anchor href={ruleHref(alert.ruleId)} size="sm">{alert.ruleId}</Anchor> : alert.ruleId}
      {' '}({alert.detector})
    </Text>
  );
}
