import { describe, expect, it } from 'vitest';
import { type ActionContext, type ActionDefinition, ActionError, type ActionRegistry } from './actions.ts';
import type { Clock } from './clock.ts';
import { formatProblem, type Playbook, parsePlaybook } from './document.ts';
import { createEngine, EngineError, type EngineOptions } from './engine.ts';
import { idempotencyKey, type RunState } from './run-state.ts';

// A clock whose time only moves when the test runner finds nothing else to do: every sleep is a
// timer on a virtual timeline, fired in order.
class FakeClock implements Clock {
  t = Date.parse('2026-11-28T10:00:00.000Z');
  private timers: { at: number; seq: number; fire: () => void }[] = [];
  private seq = 0;
  now(): number {
    return this.t;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const timer = { at: this.t + ms, seq: this.seq++, fire: resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal.reason as Error);
      });
    });
  }
  /** Fires the earliest timer; false when none is left. */
  step(): boolean {
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.timers.shift();
    if (!next) return false;
    this.t = Math.max(this.t, next.at);
    next.fire();
    return true;
  }
  pending(): number {
    return this.timers.length;
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

/** Runs a promise to its end, moving virtual time forward whenever everything else is waiting. */
async function drive<T>(clock: FakeClock, p: Promise<T>): Promise<T> {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 10_000; i++) {
    await flush();
    if (settled) return p;
    if (!clock.step()) throw new Error('the run waits for something that never comes');
  }
  throw new Error('too many timers');
}

interface Call {
  step: string;
  params: Readonly<Record<string, unknown>>;
  ctx: ActionContext;
  at: number;
}

// Test doubles for actions: each records its calls and behaves as the test says.
function fakeAction(calls: Call[], clock: FakeClock, behave: (params: Readonly<Record<string, unknown>>, ctx: ActionContext, n: number) => Promise<unknown>, validate: ActionDefinition['validate'] = () => []): ActionDefinition {
  return {
    validate,
    describe: (p) => `would act on ${JSON.stringify(p)}`,
    idempotent: true,
    run: (params, ctx) => {
      calls.push({ step: ctx.stepId, params, ctx, at: clock.now() });
      return behave(params, ctx, calls.filter((c) => c.step === ctx.stepId).length);
    },
  };
}

function load(yaml: string, registry: ActionRegistry): Playbook {
  const r = parsePlaybook(yaml, registry);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.playbook;
}

const alert = { id: 'a1', severity: 'high', title: 'SSH brute force', tags: ['attack.t1110'], fields: { src_ip: '203.0.113.7' } };

function setup(behaviours: Record<string, (params: Readonly<Record<string, unknown>>, ctx: ActionContext, n: number) => Promise<unknown>>, extra: Partial<EngineOptions> = {}) {
  const clock = new FakeClock();
  const calls: Call[] = [];
  const registry = new Map<string, ActionDefinition>();
  for (const [name, b] of Object.entries(behaviours)) {
    registry.set(name, fakeAction(calls, clock, b, (p) => (p.value === 'not-an-ip' ? [{ path: 'value', message: 'must be an IP address' }] : [])));
  }
  const snapshots: RunState[] = [];
  const engine = createEngine({ registry, clock, onProgress: (s) => void snapshots.push(s), ...extra });
  return { clock, calls, registry, engine, snapshots };
}

const TWO_STEPS = `
id: block-brute-force
name: Block brute-force sources
version: 3
on: { alert: }
steps:
  - id: lookup
    uses: enrich.intel
    with: { value: "{{ alert.fields.src_ip }}" }
  - id: block
    uses: contain.blocklist
    if: "steps.lookup.output.known or alert.severity == 'critical'"
    with: { value: "{{ alert.fields.src_ip }}", ttl: 24h, reason: "{{ alert.title }} (score {{ steps.lookup.output.score }})", score: "{{ steps.lookup.output.score }}" }
`;

describe('playbook engine', () => {
  it('runs steps in order, passes outputs on, and records every step', async () => {
    const { clock, calls, registry, engine, snapshots } = setup({
      'enrich.intel': async () => {
        await clock.sleep(1500);
        return { known: true, score: 80 };
      },
      'contain.blocklist': () => Promise.resolve({ blocked: true }),
    });
    const pb = load(TWO_STEPS, registry);
    const state = await drive(clock, engine.run(pb, { alert }, { runId: 'run-1' }));
    expect(state.status).toBe('succeeded');
    expect(calls.map((c) => [c.step, c.params])).toEqual([
      ['lookup', { value: '203.0.113.7' }],
      ['block', { value: '203.0.113.7', ttl: '24h', reason: 'SSH brute force (score 80)', score: 80 }],
    ]);
    const [lookup, block] = state.steps;
    expect(lookup).toMatchObject({ status: 'succeeded', attempts: 1, output: { known: true, score: 80 }, durationMs: 1500, startedAt: '2026-11-28T10:00:00.000Z', finishedAt: '2026-11-28T10:00:01.500Z' });
    expect(block).toMatchObject({ status: 'succeeded', output: { blocked: true }, params: { score: 80 } });
    expect(calls[0]?.ctx.idempotencyKey).toBe(idempotencyKey('run-1', 'lookup'));
    expect(idempotencyKey('run-1', 'lookup')).toMatch(/^[0-9a-f]{64}$/);
    expect(idempotencyKey('run-1', 'block')).not.toBe(idempotencyKey('run-1', 'lookup'));
    expect(calls[1]?.ctx).toMatchObject({ runId: 'run-1', playbookId: 'block-brute-force', playbookVersion: 3, stepId: 'block', attempt: 1 });
    expect(state.activeMs).toBe(1500);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    // Progress is saved before each action runs, so a crash leaves a trace of the step in flight.
    expect(snapshots.some((s) => s.steps[0]?.status === 'running')).toBe(true);
    expect(snapshots.at(-1)).toEqual(state);
  });

  it('skips a step whose condition is false and says why', async () => {
    const { clock, calls, registry, engine } = setup({ 'enrich.intel': () => Promise.resolve({ known: false }), 'contain.blocklist': () => Promise.resolve({}) });
    const state = await drive(clock, engine.run(load(TWO_STEPS, registry), { alert }, { runId: 'r' }));
    expect(state.status).toBe('succeeded');
    expect(state.steps[1]).toMatchObject({ status: 'skipped', reason: "condition is false: steps.lookup.output.known or alert.severity == 'critical'", attempts: 0 });
    expect(calls.map((c) => c.step)).toEqual(['lookup']);
  });

  it('retries with exponential backoff from the base, capped', async () => {
    const { clock, calls, registry, engine } = setup({
      'notify.webhook': (_p, _c, n) => (n < 5 ? Promise.reject(new Error(`503 from upstream (try ${n})`)) : Promise.resolve('sent')),
    });
    const pb = load('id: p\nname: P\nversion: 1\non: { alert: }\nsteps:\n  - { id: hook, uses: notify.webhook, retries: { max: 5, backoff: 2s, max_backoff: 5s } }\n', registry);
    const start = clock.now();
    const state = await drive(clock, engine.run(pb, { alert }, { runId: 'r' }));
    expect(calls.map((c) => c.at - start)).toEqual([0, 2000, 6000, 11_000, 16_000]);
    expect(calls.map((c) => c.ctx.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(calls.map((c) => c.ctx.idempotencyKey)).size).toBe(1);
    expect(state.steps[0]).toMatchObject({ status: 'succeeded', attempts: 5, output: 'sent' });
    expect(state.steps[0]?.error).toBeUndefined();
  });

  it('fails after the last retry, and at once for an error that is not retryable', async () => {
    const { clock, calls, registry, engine } = setup({
      'notify.webhook': () => Promise.reject(new Error('connection refused')),
      'contain.blocklist': () => Promise.reject(new ActionError('target is on the never-block list', { retryable: false, code: 'protected' })),
    });
    const pb = load('id: p\nname: P\nversion: 1\non: { alert: }\nsteps:\n  - { id: hook, uses: notify.webhook, retries: 2, on_failure: continue }\n  - { id: block, uses: contain.blocklist, retries: 5 }\n  - { id: never, uses: notify.webhook }\n', registry);
    const state = await drive(clock, engine.run(pb, { alert }, { runId: 'r' }));
    expect(state.steps.map((s) => [s.id, s.status, s.attempts])).toEqual([
      ['hook', 'failed', 3],
      ['block', 'failed', 1],
      ['never', 'skipped', 0],
    ]);
    expect(state.steps[0]?.error).toEqual({ message: 'connection refused' });
    expect(state.steps[1]?.error).toEqual({ message: 'target is on the never-block list', code: 'protected' });
    expect(state.steps[2]?.reason).toBe("run stopped: step 'block' failed: target is on the never-block list");
    expect(state).toMatchObject({ status: 'failed', error: "step 'block' failed: target is on the never-block list" });
    expect(calls.filter((c) => c.step === 'block')).toHaveLength(1);
  });

  it('lets later steps see a failure that on_failure: continue let through', async () => {
    const { clock, calls, registry, engine } = setup({ 'notify.webhook': () => Promise.reject(new Error('down')), 'notify.email': () => Promise.resolve('mailed') });
    const pb = load(
      'id: p\nname: P\nversion: 1\non: { alert: }\nsteps:\n  - { id: hook, uses: notify.webhook, on_failure: continue }\n  - { id: fallback, uses: notify.email, if: "steps.hook.status == \'failed\'", with: { why: "{{ steps.hook.error }}" } }\n',
      registry,
    );
    const state = await drive(clock, engine.run(pb, { alert }, { runId: 'r' }));
    expect(state.status).toBe('succeeded');
    expect(calls.at(-1)?.params).toEqual({ why: 'down' });
  });

  it('times out an action that ignores its signal and discards its late result', async () => {
    let signal: AbortSignal | undefined;
    const { clock, registry, engine } = setup({
      'enrich.intel': async (_p, ctx) => {
        signal = ctx.signal;
        await clock.sleep(60_000); // ignores ctx.signal on purpose
        return { late: true };
      },
    });
    const pb = load('id: p\nname: P\nversion: 1\non: { alert: }\nsteps:\n  - { id: slow, uses: enrich.intel, timeout: 10s }\n', registry);
    const start = clock.now();
    const state = await drive(clock, engine.run(pb, { alert }, { runId: 'r' }));
    expect(clock.now() - start).toBe(10_000);
    expect(signal?.aborted).toBe(true);
    expect(state.steps[0]).toMatchObject({ status: 'failed', attempts: 1, error: { message: 'timed out after 10s', code: 'timeout' } });
    while (clock.step()) await flush();
    expect(state.steps[0]?.output).toBeUndefined();
    expect(state.status).toBe('failed');
  });

  it('ends a run that exceeds its time budget', async () => {
    const { clock, registry, engine } = setup({ 'enrich.intel': (_p, ctx) => clock.sleep(5 * 60_000, ctx.signal).then(() => 'done') });
    const pb = load('id: p\nname: P\nversion: 1\ntimeout: 1m\non: { alert: }\nsteps:\n  - { id: slow, uses: enrich.intel, timeout: 10m, retries: 3, on_failure: continue }\n  - { id: next, uses: enrich.intel }\n', registry);
    const state = await drive(clock, engine.run(pb, { alert }, { runId: 'r' }));
    expect(state.steps[0]).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'budget', message: 'run time budget of 1m exhausted' } });
    expect(state.steps[1]).toMatchObject({ status: 'skipped' });
    expect(state.status).toBe('failed');
    expect(state.activeMs).toBe(60_000);
  });

  it('stores large outputs truncated with a marker', async () => {
    const { clock, registry, engine } = setup({ 'enrich.intel': () => Promise.resolve({ blob: 'x'.repeat(100_000) }) }, {});
    const pb = load('id: p\nname: P\nversion: 1\non: { alert: }\nsteps:\n  - { id: big, uses: enrich.intel }\n', registry);
    const state = await drive(clock, engine.run(pb, { alert }, { runId: 'r' }));
    expect(state.steps[0]?.outputTruncated).toBe(true);
    expect(state.steps[0]?.output).toMatchObject({ $truncated: true, bytes: 100_011 });
    expect(JSON.stringify(state.steps[0]?.output).length).toBeLessThan(2000);
  });

  it('checks rendered parameters before calling the action', async () => {
    const { clock, calls, registry, engine } = setup({ 'contain.blocklist': () => Promise.resolve('blocked') });
    const pb = load('id: p\nname: P\nversion: 1\non: { alert: }\nsteps:\n  - { id: block, uses: contain.blocklist, with: { value: "{{ alert.fields.src_ip }}" } }\n', registry);
    const state = await drive(clock, engine.run(pb, { alert: { ...alert, fields: { src_ip: 'not-an-ip' } } }, { runId: 'r' }));
    expect(state.steps[0]).toMatchObject({ status: 'failed', error: { message: 'with.value: must be an IP address', code: 'params' } });
    expect(calls).toHaveLength(0);
  });

  describe('approvals', () => {
    const GATED = (extra: string) => `
id: p
name: P
version: 1
on: { alert: }
steps:
  - id: block
    uses: contain.blocklist
    with: { value: "{{ alert.fields.src_ip }}" }
    approval: { approvers: [role:responder], timeout: 4h${extra} }
  - id: tell
    uses: notify.email
`;
    const actions = () => ({ 'contain.blocklist': () => Promise.resolve('blocked'), 'notify.email': () => Promise.resolve('mailed') });

    it('stops at the gate with a serialisable state, and runs the step once approved', async () => {
      const { clock, calls, registry, engine } = setup(actions());
      const pb = load(GATED(''), registry);
      const waiting = await drive(clock, engine.run(pb, { alert }, { runId: 'r' }));
      expect(waiting.status).toBe('waiting_approval');
      expect(waiting.waiting).toEqual({ stepId: 'block', approvers: ['role:responder'], expiresAt: '2026-11-28T14:00:00.000Z' });
      expect(waiting.steps[0]).toMatchObject({ status: 'waiting_approval', params: { value: '203.0.113.7' }, approval: { description: 'would act on {"value":"203.0.113.7"}' } });
      expect(calls).toHaveLength(0);
      const stored = JSON.parse(JSON.stringify(waiting)) as RunState;
      clock.t += 3_600_000; // an hour later, waiting time does not count as run time
      const done = await drive(clock, engine.resume(pb, stored, { approved: true, by: 'user:42', at: new Date(clock.t).toISOString(), comment: 'go' }));
      expect(done.status).toBe('succeeded');
      expect(calls.map((c) => c.step)).toEqual(['block', 'tell']);
      expect(done.steps[0]).toMatchObject({ status: 'succeeded', approval: { decision: { approved: true, by: 'user:42', comment: 'go' } } });
      expect(done.activeMs).toBe(0);
      expect(waiting.status).toBe('waiting_approval'); // inputs are not changed
      await expect(engine.resume(pb, done, { approved: true, by: 'user:42', at: new Date(clock.t).toISOString() })).rejects.toThrow(EngineError);
    });

    it('skips a rejected step by default, and stops the run when the step says so', async () => {
      const a = setup(actions());
      const pb = load(GATED(''), a.registry);
      const waiting = await drive(a.clock, a.engine.run(pb, { alert }, { runId: 'r' }));
      const done = await drive(a.clock, a.engine.resume(pb, waiting, { approved: false, by: 'user:7', at: new Date(a.clock.t).toISOString(), comment: 'false positive' }));
      expect(done.status).toBe('succeeded');
      expect(done.steps[0]).toMatchObject({ status: 'skipped', reason: 'rejected by user:7: false positive' });
      expect(a.calls.map((c) => c.step)).toEqual(['tell']);

      const b = setup(actions());
      const pb2 = load(GATED(', on_reject: stop'), b.registry);
      const w2 = await drive(b.clock, b.engine.run(pb2, { alert }, { runId: 'r' }));
      const stopped = await drive(b.clock, b.engine.resume(pb2, w2, { approved: false, by: 'user:7', at: new Date(b.clock.t).toISOString() }));
      expect(stopped).toMatchObject({ status: 'stopped', error: "step 'block': rejected by user:7" });
      expect(stopped.steps[1]).toMatchObject({ status: 'skipped', reason: "run stopped: step 'block': rejected by user:7" });
      expect(b.calls).toHaveLength(0);
    });

    it('applies on_timeout when the approval expires', async () => {
      for (const [policy, status, called] of [
        ['skip', 'succeeded', ['tell']],
        ['stop', 'stopped', []],
        ['approve', 'succeeded', ['block', 'tell']],
      ] as const) {
        const { clock, calls, registry, engine } = setup(actions());
        const pb = load(GATED(`, on_timeout: ${policy}`), registry);
        const waiting = await drive(clock, engine.run(pb, { alert }, { runId: 'r' }));
        const expires = Date.parse(waiting.waiting?.expiresAt ?? '');
        expect(await engine.expireApprovals(pb, waiting, expires - 1)).toBe(waiting);
        await expect(engine.resume(pb, waiting, { approved: true, by: 'user:1', at: new Date(expires).toISOString() })).rejects.toMatchObject({ code: 'approval_expired' });
        const done = await drive(clock, engine.expireApprovals(pb, waiting, expires));
        expect(done.status, policy).toBe(status);
        expect(calls.map((c) => c.step), policy).toEqual(called);
        expect(done.steps[0]?.approval).toMatchObject({ expired: true, decision: { by: 'system:timeout', approved: policy === 'approve' } });
        if (policy === 'skip') expect(done.steps[0]?.reason).toBe('approval timed out');
      }
    });

    it('refuses a state from another playbook version', async () => {
      const { clock, registry, engine } = setup(actions());
      const pb = load(GATED(''), registry);
      const waiting = await drive(clock, engine.run(pb, { alert }, { runId: 'r' }));
      await expect(engine.resume({ ...pb, version: 2 }, waiting, { approved: true, by: 'user:1', at: new Date(clock.t).toISOString() })).rejects.toMatchObject({ code: 'playbook_mismatch' });
    });
  });

  it('after a crash, continues without repeating finished steps and with the same idempotency key', async () => {
    const first = setup({ 'enrich.intel': () => Promise.resolve({ known: true }), 'contain.blocklist': () => new Promise(() => {}) });
    const pb = load(TWO_STEPS, first.registry);
    void first.engine.run(pb, { alert }, { runId: 'crash-1' });
    for (let i = 0; i < 5; i++) await flush();
    // The process dies here: the last state it saved has `block` in flight.
    const saved = first.snapshots.at(-1) as RunState;
    expect(saved.steps.map((s) => s.status)).toEqual(['succeeded', 'running']);

    const second = setup({ 'enrich.intel': () => Promise.resolve({ known: true }), 'contain.blocklist': () => Promise.resolve('blocked') });
    const done = await drive(second.clock, second.engine.continueRun(pb, saved));
    expect(done.status).toBe('succeeded');
    expect(second.calls.map((c) => [c.step, c.ctx.attempt, c.ctx.idempotencyKey])).toEqual([['block', 2, first.calls[1]?.ctx.idempotencyKey]]);
    expect(await second.engine.continueRun(pb, done)).toBe(done);
    expect(second.calls).toHaveLength(1);
  });

  it('can be interrupted and finished later', async () => {
    const { clock, calls, registry, engine } = setup({ 'enrich.intel': (_p, ctx) => clock.sleep(5000, ctx.signal).then(() => ({ known: true })), 'contain.blocklist': () => Promise.resolve('ok') });
    const pb = load(TWO_STEPS, registry);
    const stop = new AbortController();
    const running = engine.run(pb, { alert }, { runId: 'r', signal: stop.signal });
    await flush();
    stop.abort();
    const interrupted = await drive(clock, running);
    expect(interrupted.status).toBe('running');
    expect(interrupted.steps[0]?.status).toBe('running');
    expect(calls[0]?.ctx.signal.aborted).toBe(true);
    const done = await drive(clock, engine.continueRun(pb, interrupted));
    expect(done.status).toBe('succeeded');
    expect(calls.map((c) => [c.step, c.ctx.attempt])).toEqual([
      ['lookup', 1],
      ['lookup', 2],
      ['block', 1],
    ]);
  });

  it('dry-runs: describes instead of running, and says which outcomes it cannot know', async () => {
    const { clock, calls, registry, engine } = setup({ 'enrich.intel': () => Promise.resolve({}), 'contain.blocklist': () => Promise.resolve({}), 'notify.email': () => Promise.resolve({}) });
    const pb = load(
      `${TWO_STEPS}    approval: { approvers: [role:responder], timeout: 4h }
  - id: page
    uses: notify.email
    if: "alert.severity == 'critical'"
`,
      registry,
    );
    const state = await drive(clock, engine.run(pb, { alert }, { runId: 'dry', dryRun: true }));
    expect(calls).toHaveLength(0);
    expect(state.status).toBe('succeeded');
    expect(state.dryRun).toBe(true);
    expect(state.steps.map((s) => s.status)).toEqual(['simulated', 'simulated', 'skipped']);
    expect(state.steps[0]).toMatchObject({ description: 'would act on {"value":"203.0.113.7"}' });
    expect(state.steps[0]?.notes).toBeUndefined();
    expect(state.steps[1]?.notes).toEqual([
      'condition depends on steps.lookup, which produce no output in a dry run: outcome unknown, assumed true',
      'parameters depend on steps.lookup, which produce no output in a dry run: rendered with null and not validated',
      'would wait for approval by role:responder (timeout 4h, on timeout: skip, on reject: skip)',
    ]);
    expect(state.steps[1]?.description).toContain('"reason":"SSH brute force (score )"');
  });
});
