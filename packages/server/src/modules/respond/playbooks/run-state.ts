// The serialisable record of one playbook run: what the caller stores between steps, shows to
// analysts and hands back to resume a run after an approval or a restart.
import { createHash } from 'node:crypto';
import type { TriggerContext } from './actions.ts';

export const RUN_STATE_FORMAT = 1;

export type RunStatus = 'running' | 'waiting_approval' | 'succeeded' | 'failed' | 'stopped';
/** `simulated`: a dry run would have called the action (its `describe` text is in `description`). */
export type StepStatus = 'pending' | 'running' | 'waiting_approval' | 'succeeded' | 'failed' | 'skipped' | 'simulated';

export interface ApprovalDecision {
  approved: boolean;
  /** Who decided (`user:<id>`, or `system:timeout` when the playbook approves on timeout). */
  by: string;
  /** ISO 8601 time of the decision. */
  at: string;
  comment?: string;
}

export interface StepApproval {
  approvers: string[];
  requestedAt: string;
  expiresAt: string;
  /** What the step will do, from the action's `describe`, so approvers see it before deciding. */
  description: string;
  decision?: ApprovalDecision;
  expired?: boolean;
}

export interface StepRecord {
  id: string;
  uses: string;
  status: StepStatus;
  /** Why a step was skipped or a run stopped before it. */
  reason?: string;
  attempts: number;
  /** sha256(run id, step id): the same for every attempt, and after a restart. */
  idempotencyKey: string;
  /** Parameters after rendering (bounded like outputs). */
  params?: unknown;
  output?: unknown;
  outputTruncated?: boolean;
  error?: { message: string; code?: string };
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  approval?: StepApproval;
  /** Dry runs: what the action would do. */
  description?: string;
  /** Dry runs: what could not be known (conditions or parameters that depend on earlier outputs). */
  notes?: string[];
}

export interface RunState {
  format: typeof RUN_STATE_FORMAT;
  runId: string;
  playbook: { id: string; name: string; version: number };
  dryRun: boolean;
  status: RunStatus;
  trigger: TriggerContext;
  /** One record per step of the playbook, in order. */
  steps: StepRecord[];
  /** Set while the run waits for an approval. */
  waiting?: { stepId: string; approvers: string[]; expiresAt: string };
  /** Why the run failed or stopped. */
  error?: string;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** Time spent executing (waiting for approvals excluded), counted against the playbook's timeout. */
  activeMs: number;
}

export function idempotencyKey(runId: string, stepId: string): string {
  return createHash('sha256').update(runId).update('\u0000').update(stepId).digest('hex');
}

export const TERMINAL_STEP: ReadonlySet<StepStatus> = new Set(['succeeded', 'failed', 'skipped', 'simulated']);
