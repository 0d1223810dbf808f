// The rules the organisation runs, with settings and statistics; titles are untrusted plain text.
import { Anchor, Table, Text } from '@mantine/core';
import type { SigmaRuleSummary, UpdateSigmaRule } from '@bulwark/contracts';
import { formatTime } from '../../format/time.ts';
import { ruleHref } from '../../shell/routes.ts';
import { RuleEnabledSwitch } from './RuleEnabledSwitch.tsx';
import { RuleLevel } from './RuleLevel.tsx';

const COLUMNS = ['Title', 'Level', 'Enabled', 'Hits', 'Evaluations', 'Cost ms', 'Last hit', 'Pack'] as const;

interface Props {
  readonly rules: readonly SigmaRuleSummary[];
  readonly canWrite: boolean;
  readonly busyKey: string | undefined;
  readonly onChange: (key: string, change: UpdateSigmaRule) => void;
}

export function RulesTable({ rules, canWrite, busyKey, onChange }: Props) {
  if (rules.length === 0) return <Text c="dimmed">No rules match.</Text>;
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover verticalSpacing="xs" fz="sm">
        <Table.Caption>Detection rules</Table.Caption>
        <Table.Thead>
          <Table.Tr>{COLUMNS.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((r) => (
            <Table.Tr key={r.key} data-rule-key={r.key} data-enabled={r.enabled}>
              <Table.Td className="cell-message">
                <Anchor href={ruleHref(r.key)} size="sm">{r.title}</Anchor>
                {r.kind === 'correlation' && <Text span size="xs" c="dimmed"> (correlation)</Text>}
              </Table.Td>
              <Table.Td><RuleLevel rule={r} /></Table.Td>
              <Table.Td>
                <RuleEnabledSwitch title={r.title} enabled={r.enabled} canWrite={canWrite} busy={busyKey === r.key}
                  onChange={(enabled) => onChange(r.key, { enabled })} />
              </Table.Td>
              <Table.Td>{r.hits}</Table.Td>
              <Table.Td>{r.evaluations}</Table.Td>
              <Table.Td>{r.costMs.toFixed(3)}</Table.Td>
              <Table.Td className="mono">{r.lastHitAt ? formatTime(r.lastHitAt) : '—'}</Table.Td>
              <Table.Td className="cell-message">{r.pack}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
