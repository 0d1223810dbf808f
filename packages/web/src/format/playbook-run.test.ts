import { describe, expect, it } from 'vitest';
import { coalescedOf, dryRunBody, durationText, playbookIdOf, runErrorOf, runStatusColor, runStatusLabel, stepsOf } from './playbook-run.ts';

describe('playbook run display', () => {
  it('reads steps with approval, output and error, and skips malformed ones', () => {
    const steps = stepsOf({
      steps: [
        { id: 'lookup', uses: 'enrich.intel', status: 'succeeded', attempts: 2, durationMs: 12, output: { known: false } },
        { id: 'block', uses: 'contain.blocklist', status: 'waiting_approval', attempts: 0,
          approval: { approvers: ['role:responder'], requestedAt: 'x', expiresAt: '2026-03-01T16:00:00Z', description: 'put 1.2.3.4 on the block list' } },
        { id: 'mail', uses: 'notify.email', status: 'failed', attempts: 1, error: { message: 'relay refused' } },
        { uses: 'no id' }, 'junk',
      ],
    });
    expect(steps.map((s) => s.id)).toEqual(['lookup', 'block', 'mail']);
    expect(steps[0]).toMatchObject({ attempts: 2, durationMs: 12, hasOutput: true, output: { known: false }, error: null, approval: null });
    expect(steps[1]!.approval).toMatchObject({ approvers: ['role:responder'], expiresAt: '2026-03-01T16:00:00Z', decision: null, expired: false });
    expect(steps[1]!.hasOutput).toBe(false);
    expect(steps[2]!.error).toBe('relay refused');
    expect(stepsOf(null)).toEqual([]);
    expect(stepsOf({ steps: 'x' })).toEqual([]);
    expect(runErrorOf({ error: 'timed out' })).toBe('timed out');
  });

  it('colours and names statuses', () => {
    expect(runStatusColor('succeeded')).toMatch(/^green/);
    expect(runStatusColor('failed')).toMatch(/^red/);
    expect(runStatusColor('constructor')).toBe('gray.7');
    expect(runStatusLabel('waiting_approval')).toBe('waiting for approval');
    expect(runStatusColor('queued')).toMatch(/^grape/);
  });

  it('reads how many incident changes a queued run took in', () => {
    expect(coalescedOf({ trigger: {}, change: 'updated', coalesced: 3 })).toBe(3);
    expect(coalescedOf({ trigger: {} })).toBe(0);
    expect(coalescedOf({ coalesced: 'x' })).toBe(0);
    expect(coalescedOf(null)).toBe(0);
  });

  it('writes durations', () => {
    expect(durationText(null)).toBe('—');
    expect(durationText(850)).toBe('850 ms');
    expect(durationText(4200)).toBe('4.2 s');
    expect(durationText(185_000)).toBe('3 min 5 s');
  });

  it('builds a dry run request from a pasted alert or incident', () => {
    expect(dryRunBody('src', '{"id":"a1","severity":"high"}', 'created')).toEqual({ ok: true, body: { source: 'src', alert: { id: 'a1', severity: 'high' } } });
    expect(dryRunBody('src', '{"number":3,"alertCount":2}', 'updated')).toEqual({ ok: true, body: { source: 'src', incident: { number: 3, alertCount: 2 }, change: 'updated' } });
    expect(dryRunBody('src', '{"incident":{"number":3},"alerts":[]}', 'created')).toMatchObject({ ok: true, body: { incident: { number: 3 } } });
    expect(dryRunBody('src', '[1]', 'created')).toEqual({ ok: false, error: 'Paste one alert or incident as a JSON object.' });
    const bad = dryRunBody('src', '{', 'created');
    expect(bad.ok).toBe(false);
  });
});

describe('playbook id of a document', () => {
  it('reads the top-level id only', () => {
    expect(playbookIdOf('name: x\nid: block-ssh  # slug\nsteps: []')).toBe('block-ssh');
    expect(playbookIdOf("id: 'quoted-1'\n")).toBe('quoted-1');
    expect(playbookIdOf('steps:\n  - id: lookup\n')).toBeNull();
    expect(playbookIdOf('id: Not A Slug\n')).toBeNull();
  });
});
