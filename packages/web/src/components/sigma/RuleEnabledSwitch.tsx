// Turns a rule on or off for the organisation (read-only for roles without rules:write).
import { Switch } from '@mantine/core';

interface Props {
  readonly title: string;
  readonly enabled: boolean;
  readonly canWrite: boolean;
  readonly busy: boolean;
  readonly onChange: (enabled: boolean) => void;
}

export function RuleEnabledSwitch({ title, enabled, canWrite, busy, onChange }: Props) {
  return (
    <Switch
      checked={enabled}
      disabled={!canWrite || busy}
      aria-label={`Enabled: ${title.slice(0, 120)}`}
      title={canWrite ? undefined : 'Your role may not change rules'}
      onChange={(e) => onChange(e.currentTarget.checked)}
    />
  );
}
