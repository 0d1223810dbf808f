// One playbook run: its status, what started it, and every step with status, attempts, duration,
// output (collapsed), error, and for a step waiting on approval its approvers, expiry and the
// Approve / Reject decision (playbooks:approve). Everything in a run is untrusted text.
import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import type { PlaybookRun } from '@bulwark/contracts';
import { useApproveRun } from '../../api/usePlaybooks.ts';
import { coalescedOf, durationText, runErrorOf, runStatusColor, runStatusLabel, stepsOf, type StepView } from '../../format/playbook-run.ts';
import { formatTime } from '../../format/time.ts';
import { incidentHref } from '../../shell/incident-routes.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { JsonBlock } from '../JsonBlock.tsx';

export function RunStatusBadge({ status }: { status: string }) {
  return <Badge color={runStatusColor(status)} variant="filled" radius="sm" miw="max-content" data-status={status}>{runStatusLabel(status)}</Badge>;
}

function ApprovalBox({ run, step, canApprove }: { run: PlaybookRun; step: StepView; canApprove: boolean }) {
  const a = step.approval!;
  const [comment, setComment] = useState('');
  const decide = useApproveRun(run.id);
  const open = run.status === 'waiting_approval' && step.status === 'waiting_approval' && !a.decision;
  const send = (approved: boolean) => decide.mutate({ approved, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  return (
    <Stack gap={4} data-testid="approval">
      <Text size="sm">Approval by <span className="mono">{a.approvers.join(', ') || '—'}</span>{a.expiresAt && <>, expires <span className="mono">{formatTime(a.expiresAt)}</span></>}{a.expired && ' (expired)'}</Text>
      {a.description && <Text size="sm" c="dimmed">Would {a.description}</Text>}
      {a.decision && (
        <Text size="sm" data-testid="decision">{a.decision.approved ? 'Approved' : 'Rejected'} by {a.decision.by} at <span className="mono">{formatTime(a.decision.at)}</span>{a.decision.comment ? `: ${a.decision.comment}` : ''}</Text>
      )}
      {open && canApprove && (
        <Stack gap={4}>
          <Textarea label={`Comment on step ${step.id}`} value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={2000} autosize minRows={1} maxRows={4} />
          <Group gap="xs">
            <Button size="compact-sm" color="green.9" loading={decide.isPending && decide.variables?.approved} disabled={decide.isPending} onClick={() => send(true)}>Approve</Button>
            <Button size="compact-sm" color="red.9" variant="outline" loading={decide.isPending && !decide.variables?.approved} disabled={decide.isPending} onClick={() => send(false)}>Reject</Button>
          </Group>
        </Stack>
      )}
      {open && !canApprove && <Text size="sm" c="dimmed">Your role may not approve playbook steps.</Text>}
      <ErrorNotice error={decide.error} title="The decision was not taken" />
    </Stack>
  );
}

export function RunSteps({ steps, run, canApprove = false }: { steps: readonly StepView[]; run?: PlaybookRun; canApprove?: boolean }) {
  if (steps.length === 0) return <Text size="sm" c="dimmed">No steps recorded.</Text>;
  return (
    <ol aria-label="Steps" style={{ margin: 0, paddingLeft: '1.4rem' }}>
      {steps.map((s) => (
        <li key={s.id} data-step={s.id} data-step-status={s.status} style={{ marginBottom: 8 }}>
          <Stack gap={2}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600} className="mono">{s.id}</Text>
              <Text size="sm" c="dimmed" className="mono">{s.uses}</Text>
              <RunStatusBadge status={s.status} />
              <Text size="sm" c="dimmed">{s.attempts} attempt{s.attempts === 1 ? '' : 's'} · {durationText(s.durationMs)}</Text>
            </Group>
            {s.description && <Text size="sm" data-testid="step-description">{s.description}</Text>}
            {s.notes.map((n, i) => <Text key={i} size="xs" c="dimmed">{n}</Text>)}
            {s.reason && <Text size="sm" c="dimmed">{s.reason}</Text>}
            {s.error && <Text size="sm" c="red.8" data-testid="step-error">{s.error}</Text>}
            {s.hasOutput && (
              <details>
                <summary><Text span size="sm">Output</Text></summary>
                <JsonBlock value={s.output} label={`Output of step ${s.id}`} />
              </details>
            )}
            {s.approval && run && <ApprovalBox run={run} step={s} canApprove={canApprove} />}
            {s.approval && !run && <Text size="sm" c="dimmed">Needs approval by {s.approval.approvers.join(', ')}</Text>}
          </Stack>
        </li>
      ))}
    </ol>
  );
}

export function PlaybookRunCard({ run, canApprove, showIncident }: { run: PlaybookRun; canApprove: boolean; showIncident: boolean }) {
  const error = runErrorOf(run.state);
  return (
    <Paper withBorder p="sm" component="article" aria-label={`Run of ${run.playbookId}`} data-run={run.id} data-run-status={run.status}>
      <Stack gap="xs">
        <Group gap="sm" wrap="wrap">
          <Text fw={600} className="mono">{run.playbookId} v{run.playbookVersion}</Text>
          <RunStatusBadge status={run.status} />
          {run.dryRun && <Badge color="cyan.9" radius="sm">dry run</Badge>}
          <Text size="sm" c="dimmed">started <span className="mono">{formatTime(run.createdAt)}</span>, updated <span className="mono">{formatTime(run.updatedAt)}</span></Text>
          {showIncident && run.incidentId && <Anchor size="sm" href={incidentHref.incident(run.incidentId)}>open the incident</Anchor>}
          {run.alertId && <Text size="sm" c="dimmed">alert <span className="mono">{run.alertId}</span></Text>}
        </Group>
        {error && <Text size="sm" c="red.8">{error}</Text>}
        {run.status === 'queued'
          ? <Text size="sm" c="dimmed" data-testid="queued">Waits for an earlier run of this playbook (its concurrency) to end; it starts on its own then.{coalescedOf(run.state) > 0 && ` It took in ${coalescedOf(run.state)} later incident change${coalescedOf(run.state) === 1 ? '' : 's'}.`}</Text>
          : <RunSteps steps={stepsOf(run.state)} run={run} canApprove={canApprove} />}
      </Stack>
    </Paper>
  );
}
