// Overrides the level a rule raises alerts at for the organisation, or returns to the rule's own.
import { NativeSelect } from '@mantine/core';
import type { Severity, SigmaRuleSummary } from '@bulwark/contracts';
import { isLevelOverridden, ownLevel } from '../../format/rule-level.ts';
import { SEVERITIES } from '../../format/severity.ts';

interface Props {
  readonly rule: Pick<SigmaRuleSummary, 'level' | 'effectiveLevel' | 'levelOverride'>;
  readonly canWrite: boolean;
  readonly busy: boolean;
  readonly onChange: (level: Severity | null) => void;
}

export function RuleLevelSelect({ rule, canWrite, busy, onChange }: Props) {
  const data = [{ value: '', label: `The rule's own (${ownLevel(rule)})` }, ...SEVERITIES.map((s) => ({ value: s, label: s }))];
  return (
    <NativeSelect
      label="Level override"
      description={canWrite ? 'The severity of the alerts this rule raises in your organisation' : 'Your role may not change rules'}
      data={data}
      value={isLevelOverridden(rule) ? rule.effectiveLevel : ''}
      disabled={!canWrite || busy}
      onChange={(e) => onChange((e.currentTarget.value || null) as Severity | null)}
    />
  );
}
