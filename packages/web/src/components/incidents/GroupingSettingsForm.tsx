// How alerts are grouped into incidents: an ordered list of rules (the keys an alert must all have,
// and the window within which it joins the open incident of that key) and the window for alerts no
// rule applies to. Editable with playbooks:write; applies to alerts from then on.
import { useEffect, useState } from 'react';
import { Button, Group, MultiSelect, NumberInput, Paper, Stack, Text } from '@mantine/core';
import type { GroupingKey, GroupingSettings } from '@bulwark/contracts';
import { useGrouping, useSaveGrouping } from '../../api/useGrouping.ts';
import { GROUPING_KEYS, MAX_KEYS, MAX_RULES, MAX_WINDOW_MINUTES, groupingProblems, windowText } from '../../format/grouping.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

type Rule = GroupingSettings['rules'][number];

function RuleRow({ rule, index, count, disabled, onChange, onMove, onRemove }: {
  rule: Rule; index: number; count: number; disabled: boolean;
  onChange: (r: Rule) => void; onMove: (delta: -1 | 1) => void; onRemove: () => void;
}) {
  const n = index + 1;
  return (
    <Paper withBorder p="xs" component="li" data-grouping-rule={n}>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <Text fw={600} size="sm" w={60}>Rule {n}</Text>
        <MultiSelect label={`Keys of rule ${n}`} data={GROUPING_KEYS.map((k) => ({ value: k.value, label: k.label }))} value={rule.by} maxValues={MAX_KEYS} w={380}
          disabled={disabled} onChange={(v) => onChange({ ...rule, by: v as GroupingKey[] })} />
        <NumberInput label={`Window of rule ${n} (minutes)`} value={rule.windowMinutes} min={1} max={MAX_WINDOW_MINUTES} allowDecimal={false} w={250}
          description={windowText(rule.windowMinutes || 0)} disabled={disabled} onChange={(v) => onChange({ ...rule, windowMinutes: Number(v) || 0 })} />
        {!disabled && (
          <Group gap={4}>
            <Button size="compact-sm" variant="default" aria-label={`Move rule ${n} up`} disabled={index === 0} onClick={() => onMove(-1)}>↑</Button>
            <Button size="compact-sm" variant="default" aria-label={`Move rule ${n} down`} disabled={index === count - 1} onClick={() => onMove(1)}>↓</Button>
            <Button size="compact-sm" variant="default" color="red" aria-label={`Remove rule ${n}`} onClick={onRemove}>Remove</Button>
          </Group>
        )}
      </Group>
    </Paper>
  );
}

export function GroupingSettingsForm({ canEdit }: { canEdit: boolean }) {
  const q = useGrouping();
  const save = useSaveGrouping();
  const [draft, setDraft] = useState<GroupingSettings | undefined>(undefined);
  useEffect(() => { if (q.data && !draft) setDraft(q.data); }, [q.data, draft]);
  if (q.isPending) return <Text c="dimmed">Loading…</Text>;
  if (!draft) return <ErrorNotice error={q.error} title="Could not load the grouping settings" />;
  const problems = groupingProblems(draft);
  const setRule = (i: number, r: Rule) => setDraft({ ...draft, rules: draft.rules.map((x, j) => (j === i ? r : x)) });
  const move = (i: number, d: -1 | 1) => {
    const rules = [...draft.rules];
    [rules[i], rules[i + d]] = [rules[i + d]!, rules[i]!];
    setDraft({ ...draft, rules });
  };
  const submit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    if (problems.length === 0) save.mutate(draft, { onSuccess: (s) => setDraft(s) });
  };
  return (
    <Stack gap="md" component="form" aria-label="Grouping settings" onSubmit={submit}>
      <Text size="sm" c="dimmed">
        An alert is grouped by the first rule for which it has every key: it joins the open incident of that key when it comes within the
        rule's window of the incident's last alert, otherwise it opens a new incident. Changes apply to alerts from now on.
      </Text>
      {!canEdit && <Text size="sm" c="dimmed">Your role may read the grouping settings but not change them.</Text>}
      <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Grouping rules, in order">
        {draft.rules.map((r, i) => (
          <RuleRow key={i} rule={r} index={i} count={draft.rules.length} disabled={!canEdit} onChange={(x) => setRule(i, x)} onMove={(d) => move(i, d)}
            onRemove={() => setDraft({ ...draft, rules: draft.rules.filter((_, j) => j !== i) })} />
        ))}
      </Stack>
      {canEdit && (
        <Group>
          <Button variant="default" disabled={draft.rules.length >= MAX_RULES} onClick={() => setDraft({ ...draft, rules: [...draft.rules, { by: ['host'], windowMinutes: 240 }] })}>Add rule</Button>
        </Group>
      )}
      <NumberInput label="Fallback window (minutes)" description={`Alerts no rule applies to group by detector and rule within ${windowText(draft.fallbackWindowMinutes || 0)}`}
        value={draft.fallbackWindowMinutes} min={1} max={MAX_WINDOW_MINUTES} allowDecimal={false} w={320} disabled={!canEdit}
        onChange={(v) => setDraft({ ...draft, fallbackWindowMinutes: Number(v) || 0 })} />
      {problems.length > 0 && <Stack gap={2} role="alert">{problems.map((p) => <Text key={p} size="sm" c="red.8">{p}</Text>)}</Stack>}
      <ErrorNotice error={save.error} title="Could not save the grouping settings" />
      {canEdit && (
        <Group>
          <Button type="submit" loading={save.isPending} disabled={problems.length > 0}>Save grouping</Button>
          <Button variant="default" onClick={() => q.data && setDraft(q.data)}>Discard changes</Button>
          {save.isSuccess && <Text size="sm" role="status">Saved.</Text>}
        </Group>
      )}
    </Stack>
  );
}
