import { describe, expect, it } from 'vitest';
import type { ActionDefinition, ActionRegistry } from './actions.ts';
import { checkNewVersion, formatProblem, parsePlaybook, splitPath } from './document.ts';
import { hasTemplate } from './template.ts';
import { concurrencyKey, matchesTrigger } from './trigger.ts';

// Test doubles for the registry: each validates its own parameters the way real actions will.
function action(validate: ActionDefinition['validate']): ActionDefinition {
  return { validate, run: () => Promise.resolve(null), describe: () => 'test action', idempotent: true };
}
const registry: ActionRegistry = new Map([
  ['enrich.intel', action((p) => (p.value === undefined ? [{ path: 'value', message: 'required' }] : []))],
  [
    'contain.blocklist',
    action((p, stage) => {
      const out = [];
      if (p.value === undefined) out.push({ path: 'value', message: 'required' });
      if (p.ttl !== undefined && !(stage === 'document' && hasTemplate(p.ttl)) && !/^\d+[smhd]$/.test(String(p.ttl))) out.push({ path: 'ttl', message: 'must be a duration' });
      return out;
    }),
  ],
  ['notify.webhook', action((p) => (typeof p.url !== 'string' ? [{ path: 'url', message: 'required' }] : []))],
]);

const GOOD = `
id: block-brute-force
name: Block brute-force sources
version: 3
description: Blocks sources of SSH brute force for a day.
on:
  alert:
    when: "alert.severity >= 'high' and 'attack.t1110' in alert.tags"
concurrency: per-incident
steps:
  - id: lookup
    uses: enrich.intel
    with: { value: "{{ alert.fields.src_ip }}" }
  - id: block
    uses: contain.blocklist
    if: "steps.lookup.output.known or alert.severity == 'critical'"
    with: { value: "{{ alert.fields.src_ip }}", ttl: 24h, reason: "{{ alert.title }}" }
    retries: { max: 3, backoff: 2s }
    timeout: 10s
    approval: { required: true, approvers: [role:responder], timeout: 4h, on_timeout: skip }
    on_failure: continue
`;

function problems(text: string): string[] {
  const r = parsePlaybook(text, registry, { roles: ['admin', 'responder', 'analyst'] });
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(formatProblem);
}

describe('playbook documents', () => {
  it('reads the documented example with its defaults', () => {
    const r = parsePlaybook(GOOD, registry);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const p = r.playbook;
    expect([p.id, p.name, p.version, p.enabled, p.concurrency, p.timeoutMs]).toEqual(['block-brute-force', 'Block brute-force sources', 3, true, 'per-incident', 900_000]);
    expect(p.on.incident).toBeUndefined();
    expect(p.on.alert?.when?.source).toContain("'attack.t1110' in alert.tags");
    const [lookup, block] = p.steps;
    expect(lookup).toMatchObject({ id: 'lookup', name: 'lookup', uses: 'enrich.intel', timeoutMs: 30_000, retries: { max: 0, backoffMs: 1000 }, onFailure: 'stop', approval: undefined });
    expect(block).toMatchObject({
      uses: 'contain.blocklist',
      timeoutMs: 10_000,
      retries: { max: 3, backoffMs: 2000, maxBackoffMs: 300_000 },
      approval: { approvers: ['role:responder'], timeoutMs: 14_400_000, onTimeout: 'skip', onReject: 'skip' },
      onFailure: 'continue',
      params: { value: '{{ alert.fields.src_ip }}', ttl: '24h', reason: '{{ alert.title }}' },
    });
    expect(block?.if?.paths.map((x) => x.root)).toEqual(['steps', 'alert']);
  });

  it('matches triggers and derives concurrency keys', () => {
    const r = parsePlaybook(GOOD, registry);
    if (!r.ok) throw new Error('bad');
    const alert = { id: 'a1', severity: 'critical', tags: ['attack.t1110'] };
    expect(matchesTrigger(r.playbook, { kind: 'alert', alert })).toBe(true);
    expect(matchesTrigger(r.playbook, { kind: 'alert', alert: { ...alert, severity: 'medium' } })).toBe(false);
    expect(matchesTrigger(r.playbook, { kind: 'incident', change: 'created', incident: { id: 'i1' } })).toBe(false);
    expect(matchesTrigger({ ...r.playbook, enabled: false }, { kind: 'alert', alert })).toBe(false);
    expect(concurrencyKey(r.playbook, { alert, incident: { id: 'i9' } })).toBe('playbook:block-brute-force:incident:i9');
    expect(concurrencyKey(r.playbook, { alert })).toBe('playbook:block-brute-force');
    expect(concurrencyKey({ ...r.playbook, concurrency: 'parallel' }, { alert })).toBeNull();
  });

  it('reads incident triggers with their change types', () => {
    const r = parsePlaybook(
      'id: p\nname: P\nversion: 1\non:\n  incident:\n    types: [created, severity_changed]\n    when: "incident.severity == \'critical\'"\nsteps:\n  - { id: a, uses: notify.webhook, with: { url: "https://x" } }\n',
      registry,
    );
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.playbook.on.incident?.types).toEqual(['created', 'severity_changed']);
    const critical = { id: 'i', severity: 'critical' };
    expect(matchesTrigger(r.playbook, { kind: 'incident', change: 'severity_changed', incident: critical })).toBe(true);
    expect(matchesTrigger(r.playbook, { kind: 'incident', change: 'updated', incident: critical })).toBe(false);
    expect(matchesTrigger(r.playbook, { kind: 'alert', alert: {} })).toBe(false);
  });

  it('reports every problem with its path, line and column', () => {
    const text = `id: Bad_Id
name: x
version: 0
on:
  alert:
    when: "alert.severity >= "
concurency: single
steps:
  - id: lookup
    uses: enrich.intl
  - id: block
    uses: contain.blocklist
    if: "steps.later.output.ok"
    with: { ttl: forever, reason: "{{ alert. }}" }
    retries: { max: 99, backoff: 2 }
    timeout: 3h
    approval: { approvers: [role:boss, someone], on_timeout: wait }
    on_failure: ignore
  - id: lookup
    uses: notify.webhook
    with: { url: 5 }
`;
    expect(problems(text)).toEqual([
      'id: must be a lower-case slug starting with a letter (a-z, 0-9 and -) (line 1, column 5)',
      'version: must be between 1 and 1000000000 (line 3, column 10)',
      'on.alert.when: condition: unexpected end of expression at column 19 (line 6, column 11)',
      'concurency: unknown key (allowed: id, name, version, description, enabled, on, concurrency, timeout, steps) (line 7, column 13)',
      "steps[0].uses: unknown action 'enrich.intl' (known: contain.blocklist, enrich.intel, notify.webhook) (line 10, column 11)",
      'steps[1].if: steps.later does not name an earlier step (line 13, column 9)',
      'steps[1].with.value: required (line 14, column 11)',
      'steps[1].with.ttl: must be a duration (line 14, column 18)',
      "steps[1].with.reason: template: expected a field name after '.' but found end of expression at column 11 (line 14, column 35)",
      'steps[1].retries.max: must be between 0 and 10 (line 15, column 21)',
      'steps[1].retries.backoff: must be a duration such as 500ms, 10s, 5m, 4h or 2d (line 15, column 34)',
      'steps[1].timeout: must be between 1ms and 1h (line 16, column 14)',
      'steps[1].approval.approvers[0]: unknown role (known: admin, responder, analyst) (line 17, column 29)',
      'steps[1].approval.approvers[1]: must be role:<role> or user:<id> (line 17, column 40)',
      'steps[1].approval.on_timeout: must be one of: skip, stop, approve (line 17, column 62)',
      'steps[1].on_failure: must be one of: stop, continue (line 18, column 17)',
      "steps[2].id: duplicate step id 'lookup' (line 19, column 9)",
      'steps[2].with.url: required (line 21, column 18)',
    ]);
  });

  it('reports missing required keys and a missing trigger', () => {
    expect(problems('description: nothing else\non: {}\n')).toEqual([
      'id: required (line 1, column 1)',
      'name: required (line 1, column 1)',
      'version: required (line 1, column 1)',
      'steps: required (line 1, column 1)',
      'on: needs a trigger: alert or incident (line 2, column 5)',
    ]);
    expect(problems('- just\n- a list\n')).toEqual(['a playbook is a map with id, name, version, on and steps (line 1, column 1)']);
  });

  it('reports YAML syntax errors with their position', () => {
    const [first] = problems('id: a\nname: [unclosed\nversion: 1\n');
    expect(first).toMatch(/^YAML: .*\(line \d+, column \d+\)$/);
    expect(problems('id: a\nid: b\n')[0]).toContain('Map keys must be unique');
  });

  it('enforces size, step count, depth, string length and alias limits', () => {
    expect(problems(`description: "${'x'.repeat(300 * 1024)}"`)).toEqual([expect.stringMatching(/^document is \d+ bytes; the limit is 262144$/)]);
    const many = Array.from({ length: 101 }, (_, i) => `  - { id: s${i}, uses: notify.webhook, with: { url: "https://x" } }`).join('\n');
    expect(problems(`id: a\nname: A\nversion: 1\non: { alert: }\nsteps:\n${many}\n`)).toEqual(['steps: has 101 steps; the limit is 100 (line 6, column 3)']);
    let deep = 'x';
    for (let i = 0; i < 20; i++) deep = `{ k: ${deep} }`;
    expect(problems(`id: a\nsteps:\n  - with: ${deep}\n`)[0]).toMatch(/^steps\[0\]\.with(\.k)+: nested deeper than 16 levels/);
    expect(problems(`id: a\nname: "${'n'.repeat(17 * 1024)}"\n`)).toEqual(['name: text longer than 16384 characters (line 2, column 7)']);
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    expect(problems(laughs.join('\n'))[0]).toMatch(/^YAML: .*alias/i);
    expect(problems('id: a\nname: "{{"\ntimeout: 2d\n')).toContain('timeout: must be between 1ms and 1d (line 3, column 10)');
  });

  it('treats a short retries number and approval: true as their long forms', () => {
    const r = parsePlaybook('id: p\nname: P\nversion: 2\non: { alert: }\nsteps:\n  - { id: a, uses: notify.webhook, with: { url: u }, retries: 2, approval: true }\n', registry);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.playbook.on.alert).toEqual({ when: undefined });
    expect(r.playbook.steps[0]?.retries.max).toBe(2);
    expect(r.playbook.steps[0]?.approval).toEqual({ approvers: ['role:responder'], timeoutMs: 86_400_000, onTimeout: 'skip', onReject: 'skip' });
  });

  it('splits parameter paths the way actions write them', () => {
    expect(splitPath('headers.x-key')).toEqual(['headers', 'x-key']);
    expect(splitPath('targets[2].host')).toEqual(['targets', 2, 'host']);
    expect(splitPath('["a b"]')).toEqual(['a b']);
    expect(splitPath('')).toEqual([]);
    expect(splitPath('a..b')).toEqual(['a..b']);
  });

  it('requires a higher version and the same id for a new document of a stored playbook', () => {
    expect(checkNewVersion(undefined, { id: 'p', version: 1 })).toBeUndefined();
    expect(checkNewVersion({ id: 'p', version: 3 }, { id: 'p', version: 4 })).toBeUndefined();
    expect(checkNewVersion({ id: 'p', version: 3 }, { id: 'p', version: 3 })).toEqual({ path: 'version', message: 'must be greater than 3, the stored version' });
    expect(checkNewVersion({ id: 'p', version: 3 }, { id: 'q', version: 9 })?.path).toBe('id');
  });
});
