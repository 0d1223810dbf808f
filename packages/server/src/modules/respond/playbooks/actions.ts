// The port between the playbook engine and the concrete actions (block-list, enrichment, notify, …).
// Actions are registered by name; the engine knows nothing of what they do.
import type { ParamProblem } from './template.ts';

export type { ParamProblem } from './template.ts';

/** What a run is about: the alert and/or incident that triggered it, as plain JSON objects. */
export interface TriggerContext {
  alert?: Record<string, unknown>;
  incident?: Record<string, unknown>;
}

export interface ActionContext {
  runId: string;
  playbookId: string;
  playbookVersion: number;
  stepId: string;
  /** 1 for the first try, 2 for the first retry, … (also counts tries before a crash). */
  attempt: number;
  /**
   * The same for every attempt of this step in this run, and after a crash and restart: an action that
   * changes something outside records it and does nothing the second time it sees the key.
   */
  idempotencyKey: string;
  /** Aborted when the step's timeout or the run's budget is reached, or the run is interrupted. */
  signal: AbortSignal;
  trigger: Readonly<TriggerContext>;
}

/**
 * `document` when a playbook is saved: a string containing `{{` stands for a value only known at run
 * time and must be accepted wherever a value is expected (see `hasTemplate`). `run` after rendering,
 * with the values the action will receive.
 */
export type ValidationStage = 'document' | 'run';

export interface ActionDefinition {
  /** Problems in `with`; `path` is relative to `with` (e.g. `url`, `targets[2]`). Empty when valid. */
  validate(params: Readonly<Record<string, unknown>>, stage: ValidationStage): ParamProblem[];
  /** Does the work; resolves to a JSON-serialisable output, available to later steps as steps.<id>.output. */
  run(params: Readonly<Record<string, unknown>>, ctx: ActionContext): Promise<unknown>;
  /** One line saying what `run` would do with these parameters, for dry runs and approval requests. */
  describe(params: Readonly<Record<string, unknown>>): string;
  /** Actions must deduplicate by `ctx.idempotencyKey`; the field makes implementers say so. */
  idempotent: true;
}

export type ActionRegistry = ReadonlyMap<string, ActionDefinition>;

/** Action names: dotted lower-case words, e.g. `contain.blocklist`, `enrich.intel`, `notify.email`. */
export const ACTION_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * An error an action throws to control retries: `retryable: false` for failures that another try
 * cannot fix (bad input, permission refused). Any other thrown error is retried.
 */
export class ActionError extends Error {
  readonly retryable: boolean;
  readonly code: string | undefined;
  constructor(message: string, options: { retryable?: boolean; code?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ActionError';
    this.retryable = options.retryable ?? true;
    this.code = options.code;
  }
}
