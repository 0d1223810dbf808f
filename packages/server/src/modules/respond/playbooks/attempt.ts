// One call of an action, bounded in time. The action gets an AbortSignal; one that ignores it still
// loses the race against the timeout, and whatever it returns later is dropped.
import { ActionError, type ActionContext, type ActionDefinition } from './actions.ts';
import type { Clock } from './clock.ts';

export type AttemptResult =
  | { kind: 'ok'; output: unknown }
  | { kind: 'error'; message: string; code?: string; retryable: boolean }
  | { kind: 'timeout' }
  | { kind: 'interrupted' };

export async function attempt(
  action: ActionDefinition,
  params: Readonly<Record<string, unknown>>,
  ctx: Omit<ActionContext, 'signal'>,
  timeoutMs: number,
  clock: Clock,
  interrupt: AbortSignal | undefined,
): Promise<AttemptResult> {
  const forAction = new AbortController();
  const forTimer = new AbortController();
  let call: Promise<unknown>;
  try {
    call = Promise.resolve(action.run(params, { ...ctx, signal: forAction.signal }));
  } catch (err) {
    call = Promise.reject(err as Error);
  }
  const outcome = call.then(
    (output): AttemptResult => ({ kind: 'ok', output }),
    (err: unknown): AttemptResult => {
      if (err instanceof ActionError) return { kind: 'error', message: err.message, retryable: err.retryable, ...(err.code ? { code: err.code } : {}) };
      return { kind: 'error', message: err instanceof Error ? err.message : String(err), retryable: true };
    },
  );
  const timeout = clock.sleep(timeoutMs, forTimer.signal).then(
    (): AttemptResult => ({ kind: 'timeout' }),
    (): AttemptResult => ({ kind: 'timeout' }),
  );
  let onInterrupt: (() => void) | undefined;
  const interrupted = new Promise<AttemptResult>((resolve) => {
    if (!interrupt) return;
    onInterrupt = () => resolve({ kind: 'interrupted' });
    if (interrupt.aborted) onInterrupt();
    else interrupt.addEventListener('abort', onInterrupt, { once: true });
  });
  const result = await Promise.race([outcome, timeout, interrupted]);
  forTimer.abort();
  if (onInterrupt) interrupt?.removeEventListener('abort', onInterrupt);
  if (result.kind === 'timeout') forAction.abort(new Error(`timed out after ${timeoutMs} ms`));
  if (result.kind === 'interrupted') forAction.abort(new Error('run interrupted'));
  return result;
}
