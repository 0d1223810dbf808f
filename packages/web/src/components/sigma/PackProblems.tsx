// One pack's problems: rules or documents that cannot run (errors) and those that run with a caveat
// (warnings), each with file:line and the reason — all untrusted, shown as plain text.
import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import type { SigmaPackError } from '@bulwark/contracts';
import { useSigmaPack } from '../../api/useSigmaPacks.ts';
import { plural } from '../../format/plural.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';

const COLUMNS = ['Kind', 'File', 'Rule or filter', 'Reason', 'Code'] as const;

function where(p: SigmaPackError): string {
  return p.line === undefined ? p.file : `${p.file}:${p.line}`;
}

function subject(p: SigmaPackError): string {
  const id = p.ruleId ?? p.filterId;
  if (p.title && id) return `${p.title} (${id})`;
  return p.title ?? id ?? '—';
}

export function PackProblems({ name }: { name: string }) {
  const pack = useSigmaPack(name);
  const problems = pack.data?.problems ?? [];
  const errors = problems.filter((p) => p.kind === 'error').length;
  return (
    <Stack gap="xs" aria-label={`Problems of pack ${name}`} role="region">
      <Title order={4}>Problems of {name}</Title>
      <ErrorNotice error={pack.error} title="Could not load the pack" />
      {pack.isPending && <Text c="dimmed">Loading the pack…</Text>}
      {pack.isSuccess && (
        <Text size="sm" role="status">
          {problems.length === 0
            ? 'Every rule in this pack runs.'
            : `${plural(errors, 'error')} (cannot run), ${plural(problems.length - errors, 'warning')}`}
        </Text>
      )}
      {problems.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped verticalSpacing="xs" fz="sm">
            <Table.Caption>Problems found when compiling {name}</Table.Caption>
            <Table.Thead>
              <Table.Tr>{COLUMNS.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {problems.map((p, i) => (
                <Table.Tr key={i} data-problem={p.kind}>
                  <Table.Td>
                    <Badge color={p.kind === 'error' ? 'red.9' : 'yellow.5'} variant="filled" radius="sm" miw="max-content">{p.kind}</Badge>
                  </Table.Td>
                  <Table.Td className="mono">{where(p)}</Table.Td>
                  <Table.Td className="cell-message">{subject(p)}</Table.Td>
                  <Table.Td className="cell-message">{p.reason}</Table.Td>
                  <Table.Td className="mono">{p.code}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
