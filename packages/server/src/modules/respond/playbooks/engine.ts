// Runs a playbook for one trigger: steps in order, conditions, retries with backoff, timeouts,
// approval gates and dry runs. Pure code: actions, time and persistence are injected ports, and the
// whole run lives in a serialisable RunState the caller stores (onProgress) and hands back to resume.
import type { ActionRegistry, TriggerContext } from './actions.ts';
import { attempt } from './attempt.ts';
import { bounded } from './bounded.ts';
import type { Clock } from './clock.ts';
import type { Playbook, Step } from './document.ts';
import { formatDuration } from './duration.ts';
import { type ApprovalDecision, idempotencyKey, RUN_STATE_FORMAT, type RunState, type StepRecord, TERMINAL_STEP } from './run-state.ts';
import { DEFAULT_MAX_RENDERED_LENGTH, paramPaths, render, RenderError } from './template.ts';
import { playbookInfo } from './trigger.ts';

export interface EngineLimits {
  /** JSON bytes of one step's output (and of its rendered parameters) kept in the run state. */
  maxOutputBytes: number;
  /** Characters of one rendered template text. */
  maxRenderedLength: number;
}

export const ENGINE_LIMITS: EngineLimits = { maxOutputBytes: 64 * 1024, maxRenderedLength: DEFAULT_MAX_RENDERED_LENGTH };

export interface EngineOptions {
  registry: ActionRegistry;
  clock: Clock;
  limits?: Partial<EngineLimits>;
  /**
   * Called with a copy of the state whenever it changes (before an action is called, after each
   * step). Store it: after a crash, `continueRun` with the stored state finishes the run without
   * calling the actions of steps already done. If it throws, the run stops and the error propagates.
   */
  onProgress?: (state: RunState) => void | Promise<void>;
}

export interface RunOptions {
  runId: string;
  dryRun?: boolean;
  /** Interrupts the run (shutdown): the state stays `running`, to be finished by `continueRun`. */
  signal?: AbortSignal;
}

export type EngineErrorCode = 'playbook_mismatch' | 'bad_state' | 'not_waiting' | 'approval_expired';

/** Misuse of the engine (a state that does not belong to the playbook, a decision nobody asked for). */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

export interface Engine {
  /** Starts a run and executes it until it ends or waits for an approval. */
  run(playbook: Playbook, trigger: TriggerContext, options: RunOptions): Promise<RunState>;
  /** Applies an approval decision to a waiting run and continues it. */
  resume(playbook: Playbook, state: RunState, decision: ApprovalDecision, options?: { signal?: AbortSignal }): Promise<RunState>;
  /** Applies `approval.on_timeout` when the waiting step's approval has expired at `now`; otherwise returns the state as it is. */
  expireApprovals(playbook: Playbook, state: RunState, now: number, options?: { signal?: AbortSignal }): Promise<RunState>;
  /** Finishes a run left `running` (a crash or an interruption); steps already done are not repeated. */
  continueRun(playbook: Playbook, state: RunState, options?: { signal?: AbortSignal }): Promise<RunState>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

type Scope = Record<string, unknown>;

function scopeOf(playbook: Playbook, state: RunState): Scope {
  const steps: Record<string, unknown> = {};
  for (const rec of state.steps) {
    if (rec.status === 'pending') continue;
    steps[rec.id] = { status: rec.status, output: rec.output ?? null, error: rec.error?.message ?? null, attempts: rec.attempts };
  }
  return {
    alert: state.trigger.alert ?? null,
    incident: state.trigger.incident ?? null,
    steps,
    playbook: playbookInfo(playbook),
    run: { id: state.runId, dry_run: state.dryRun },
  };
}

function checkState(playbook: Playbook, state: RunState): void {
  if (state.format !== RUN_STATE_FORMAT || !Array.isArray(state.steps)) throw new EngineError('bad_state', `run state format ${String(state.format)} is not ${RUN_STATE_FORMAT}`);
  if (state.playbook.id !== playbook.id || state.playbook.version !== playbook.version) {
    throw new EngineError('playbook_mismatch', `run ${state.runId} belongs to playbook ${state.playbook.id} version ${state.playbook.version}, not ${playbook.id} version ${playbook.version}`);
  }
  if (state.steps.length !== playbook.steps.length || state.steps.some((s, i) => s.id !== playbook.steps[i]?.id)) {
    throw new EngineError('bad_state', `run ${state.runId} does not have the steps of playbook ${playbook.id} version ${playbook.version}`);
  }
}

export function createEngine(options: EngineOptions): Engine {
  const { registry, clock } = options;
  const limits = { ...ENGINE_LIMITS, ...options.limits };

  // Active time of the segment being executed, so every saved copy counts it, not only the last one.
  const segments = new WeakMap<RunState, { base: number; start: number }>();

  async function save(state: RunState): Promise<void> {
    const now = clock.now();
    const seg = segments.get(state);
    if (seg) state.activeMs = seg.base + (now - seg.start);
    state.updatedAt = iso(now);
    if (options.onProgress) await options.onProgress(structuredClone(state));
  }

  function skipRest(state: RunState, from: number, reason: string): void {
    for (const rec of state.steps.slice(from)) {
      if (TERMINAL_STEP.has(rec.status)) continue;
      rec.status = 'skipped';
      rec.reason = reason;
    }
  }

  function finish(state: RunState, status: 'succeeded' | 'failed' | 'stopped', error?: string): void {
    state.status = status;
    if (error !== undefined) state.error = error;
    delete state.waiting;
    state.finishedAt = iso(clock.now());
  }

  function fail(rec: StepRecord, message: string, code?: string): void {
    rec.status = 'failed';
    rec.error = code ? { message, code } : { message };
    const now = clock.now();
    rec.finishedAt = iso(now);
    if (rec.startedAt) rec.durationMs = now - Date.parse(rec.startedAt);
  }

  /** Executes the action with retries; returns false when the run was interrupted mid-step. */
  async function execute(playbook: Playbook, step: Step, rec: StepRecord, state: RunState, params: Record<string, unknown>, deadline: number, signal: AbortSignal | undefined): Promise<boolean> {
    const action = registry.get(step.uses);
    rec.status = 'running';
    rec.startedAt ??= iso(clock.now());
    if (!action) {
      fail(rec, `action '${step.uses}' is not registered`, 'unknown_action');
      return true;
    }
    for (;;) {
      const remaining = deadline - clock.now();
      if (remaining <= 0) {
        fail(rec, `run time budget of ${formatDuration(playbook.timeoutMs)} exhausted`, 'budget');
        return true;
      }
      rec.attempts++;
      // Saved before the call: after a crash the attempt in flight is known, and its key reused.
      await save(state);
      const ctx = { runId: state.runId, playbookId: playbook.id, playbookVersion: playbook.version, stepId: step.id, attempt: rec.attempts, idempotencyKey: rec.idempotencyKey, trigger: state.trigger };
      const timeoutMs = Math.min(step.timeoutMs, remaining);
      const result = await attempt(action, params, ctx, timeoutMs, clock, signal);
      if (result.kind === 'interrupted') return false;
      if (result.kind === 'ok') {
        const out = bounded(result.output, limits.maxOutputBytes);
        rec.status = 'succeeded';
        rec.output = out.value;
        if (out.truncated) rec.outputTruncated = true;
        delete rec.error;
        const now = clock.now();
        rec.finishedAt = iso(now);
        rec.durationMs = now - Date.parse(rec.startedAt);
        return true;
      }
      if (result.kind === 'timeout') {
        const byBudget = timeoutMs < step.timeoutMs;
        rec.error = byBudget
          ? { message: `run time budget of ${formatDuration(playbook.timeoutMs)} exhausted`, code: 'budget' }
          : { message: `timed out after ${formatDuration(step.timeoutMs)}`, code: 'timeout' };
        if (byBudget) {
          fail(rec, rec.error.message, 'budget');
          return true;
        }
      } else {
        rec.error = result.code ? { message: result.message, code: result.code } : { message: result.message };
        if (!result.retryable) {
          fail(rec, result.message, result.code);
          return true;
        }
      }
      if (rec.attempts > step.retries.max) {
        fail(rec, rec.error.message, rec.error.code);
        return true;
      }
      const retry = rec.attempts - 1;
      const delay = Math.min(step.retries.backoffMs * 2 ** retry, step.retries.maxBackoffMs);
      if (clock.now() + delay >= deadline) {
        fail(rec, `${rec.error.message}; no time left for retry ${retry + 1} within the run time budget of ${formatDuration(playbook.timeoutMs)}`, rec.error.code);
        return true;
      }
      await save(state);
      try {
        await clock.sleep(delay, signal);
      } catch {
        return false;
      }
      if (signal?.aborted) return false;
    }
  }

  /** Executes every step not yet done, in order, until the end, an approval gate or an interruption. */
  async function advance(playbook: Playbook, state: RunState, signal: AbortSignal | undefined): Promise<RunState> {
    const segmentStart = clock.now();
    const deadline = segmentStart + playbook.timeoutMs - state.activeMs;
    segments.set(state, { base: state.activeMs, start: segmentStart });
    try {
      for (let i = 0; i < playbook.steps.length; i++) {
        const step = playbook.steps[i] as Step;
        const rec = state.steps[i] as StepRecord;
        if (TERMINAL_STEP.has(rec.status)) continue;
        if (signal?.aborted) return state;
        if (clock.now() >= deadline) {
          const message = `run time budget of ${formatDuration(playbook.timeoutMs)} exhausted before step '${step.id}'`;
          skipRest(state, i, message);
          finish(state, 'failed', message);
          return state;
        }
        const scope = scopeOf(playbook, state);
        const notes: string[] = [];
        const unknownRefs = (paths: readonly { root: string; segments: readonly (string | number)[] }[]): string[] =>
          state.dryRun ? [...new Set(paths.filter((p) => p.root === 'steps').map((p) => `steps.${String(p.segments[0])}`))] : [];

        if (step.if) {
          const unknown = unknownRefs(step.if.paths);
          if (unknown.length > 0) notes.push(`condition depends on ${unknown.join(', ')}, which produce no output in a dry run: outcome unknown, assumed true`);
          else if (!step.if.test(scope)) {
            rec.status = 'skipped';
            rec.reason = `condition is false: ${step.if.source}`;
            await save(state);
            continue;
          }
        }

        let params: Record<string, unknown>;
        try {
          params = render(step.compiled, scope, limits.maxRenderedLength) as Record<string, unknown>;
        } catch (err) {
          if (!(err instanceof RenderError)) throw err;
          fail(rec, `with.${err.message}`, 'params');
          if (await afterFailure(state, step, i)) return state;
          continue;
        }
        const stored = bounded(params, limits.maxOutputBytes);
        rec.params = stored.value;
        const unknownParams = unknownRefs(paramPaths(step.compiled));
        if (unknownParams.length > 0) notes.push(`parameters depend on ${unknownParams.join(', ')}, which produce no output in a dry run: rendered with null and not validated`);
        const action = registry.get(step.uses);
        const problems = action && unknownParams.length === 0 ? action.validate(params, 'run') : [];
        if (problems.length > 0) {
          fail(rec, problems.map((p) => `with${p.path ? `.${p.path}` : ''}: ${p.message}`).join('; '), 'params');
          if (state.dryRun) rec.notes = notes;
          if (await afterFailure(state, step, i)) return state;
          continue;
        }
        const describe = (): string => {
          try {
            return action ? action.describe(params) : `action '${step.uses}' is not registered`;
          } catch (err) {
            return `(description failed: ${(err as Error).message})`;
          }
        };

        if (state.dryRun) {
          if (step.approval) notes.push(`would wait for approval by ${step.approval.approvers.join(', ')} (timeout ${formatDuration(step.approval.timeoutMs)}, on timeout: ${step.approval.onTimeout}, on reject: ${step.approval.onReject})`);
          rec.status = 'simulated';
          rec.description = describe();
          if (notes.length > 0) rec.notes = notes;
          await save(state);
          continue;
        }

        if (step.approval && !rec.approval?.decision) {
          const now = clock.now();
          const expiresAt = iso(now + step.approval.timeoutMs);
          rec.status = 'waiting_approval';
          rec.approval = { approvers: step.approval.approvers, requestedAt: iso(now), expiresAt, description: describe() };
          state.status = 'waiting_approval';
          state.waiting = { stepId: step.id, approvers: step.approval.approvers, expiresAt };
          await save(state);
          return state;
        }

        const done = await execute(playbook, step, rec, state, params, deadline, signal);
        if (!done) {
          await save(state);
          return state;
        }
        if (rec.status === 'failed') {
          if (await afterFailure(state, step, i)) return state;
          continue;
        }
        await save(state);
      }
      finish(state, 'succeeded');
      await save(state);
      return state;
    } finally {
      const seg = segments.get(state);
      if (seg) state.activeMs = seg.base + (clock.now() - seg.start);
      segments.delete(state);
    }
  }

  /** Applies `on_failure`; true when the run stopped. */
  async function afterFailure(state: RunState, step: Step, index: number): Promise<boolean> {
    const rec = state.steps[index] as StepRecord;
    if (step.onFailure === 'continue' && rec.error?.code !== 'budget') {
      await save(state);
      return false;
    }
    const message = `step '${step.id}' failed: ${rec.error?.message ?? 'unknown error'}`;
    skipRest(state, index + 1, `run stopped: ${message}`);
    finish(state, 'failed', message);
    await save(state);
    return true;
  }

  function waitingStep(playbook: Playbook, state: RunState): { step: Step; rec: StepRecord; index: number } {
    const index = state.steps.findIndex((s) => s.status === 'waiting_approval');
    const rec = state.steps[index];
    const step = playbook.steps[index];
    if (state.status !== 'waiting_approval' || !rec || !step || !step.approval || !rec.approval) throw new EngineError('not_waiting', `run ${state.runId} is not waiting for an approval (status ${state.status})`);
    return { step, rec, index };
  }

  async function decide(playbook: Playbook, state: RunState, decision: ApprovalDecision, expired: boolean, signal: AbortSignal | undefined): Promise<RunState> {
    const { step, rec, index } = waitingStep(playbook, state);
    const approval = rec.approval as NonNullable<StepRecord['approval']>;
    approval.decision = decision;
    if (expired) approval.expired = true;
    delete state.waiting;
    state.status = 'running';
    if (decision.approved) {
      rec.status = 'pending';
      return advance(playbook, state, signal);
    }
    const who = expired ? 'approval timed out' : `rejected by ${decision.by}${decision.comment ? `: ${decision.comment}` : ''}`;
    rec.status = 'skipped';
    rec.reason = who;
    const policy = expired ? (step.approval as NonNullable<Step['approval']>).onTimeout : (step.approval as NonNullable<Step['approval']>).onReject;
    if (policy === 'stop') {
      const message = `step '${step.id}': ${who}`;
      skipRest(state, index + 1, `run stopped: ${message}`);
      finish(state, 'stopped', message);
      await save(state);
      return state;
    }
    await save(state);
    return advance(playbook, state, signal);
  }

  return {
    async run(playbook, trigger, opts) {
      if (!opts.runId || opts.runId.length > 200) throw new EngineError('bad_state', 'a run id of 1 to 200 characters is required');
      const now = iso(clock.now());
      const state: RunState = {
        format: RUN_STATE_FORMAT,
        runId: opts.runId,
        playbook: { id: playbook.id, name: playbook.name, version: playbook.version },
        dryRun: opts.dryRun ?? false,
        status: 'running',
        trigger: structuredClone(trigger),
        steps: playbook.steps.map((s) => ({ id: s.id, uses: s.uses, status: 'pending', attempts: 0, idempotencyKey: idempotencyKey(opts.runId, s.id) })),
        startedAt: now,
        updatedAt: now,
        activeMs: 0,
      };
      await save(state);
      return advance(playbook, state, opts.signal);
    },

    async resume(playbook, input, decision, opts = {}) {
      const state = structuredClone(input);
      checkState(playbook, state);
      const { rec } = waitingStep(playbook, state);
      const at = Date.parse(decision.at);
      if (Number.isNaN(at)) throw new EngineError('bad_state', `decision time ${JSON.stringify(decision.at)} is not an ISO 8601 time`);
      if (at >= Date.parse((rec.approval as NonNullable<StepRecord['approval']>).expiresAt)) {
        throw new EngineError('approval_expired', `the approval of step '${rec.id}' expired at ${rec.approval?.expiresAt ?? '?'}`);
      }
      return decide(playbook, state, decision, false, opts.signal);
    },

    async expireApprovals(playbook, input, now, opts = {}) {
      if (input.status !== 'waiting_approval') return input;
      const state = structuredClone(input);
      checkState(playbook, state);
      const { step, rec } = waitingStep(playbook, state);
      if (now < Date.parse((rec.approval as NonNullable<StepRecord['approval']>).expiresAt)) return input;
      const approve = step.approval?.onTimeout === 'approve';
      const decision: ApprovalDecision = { approved: approve, by: 'system:timeout', at: iso(now), comment: approve ? 'approval timed out; the playbook approves on timeout' : 'approval timed out' };
      return decide(playbook, state, decision, true, opts.signal);
    },

    async continueRun(playbook, input, opts = {}) {
      if (input.status !== 'running') return input;
      const state = structuredClone(input);
      checkState(playbook, state);
      return advance(playbook, state, opts.signal);
    },
  };
}
