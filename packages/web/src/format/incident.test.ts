import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '@bulwark/contracts';
import { actorLabel, compact, incidentRef, ownerLabel, statusLabel, tacticLabel, timelineText } from './incident.ts';

const ME = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const ctx = { userId: ME, names: new Map([[BOB, 'Bob Responder']]) };
const text = (kind: TimelineEntry['kind'], body: Record<string, unknown>) => timelineText({ kind, body }, ctx);

describe('incident words', () => {
  it('names numbers, statuses, tactics and owners', () => {
    expect(incidentRef(42)).toBe('INC-42');
    expect(statusLabel('in_progress')).toBe('In progress');
    expect(statusLabel('toString')).toBe('toString');
    expect(tacticLabel('command_and_control')).toBe('Command and control');
    expect(tacticLabel('privilege_escalation')).toBe('Privilege escalation');
    expect(ownerLabel(ME, ctx)).toBe('me');
    expect(ownerLabel(BOB, ctx)).toBe('Bob Responder');
    expect(ownerLabel('33333333-3333-4333-8333-333333333333', ctx)).toBe('33333333');
    expect(ownerLabel(null, ctx)).toBe('—');
    expect(actorLabel(null, ctx)).toBe('Bulwark');
  });

  it('cuts long values and survives values JSON cannot write', () => {
    expect(compact('x'.repeat(400), 10)).toBe(`${'x'.repeat(9)}…`);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(compact(cyclic)).toBe('[object Object]');
    expect(compact(10n)).toBe('10');
  });
});

describe('timeline entries in words', () => {
  it('renders every kind the server writes', () => {
    expect(text('alert', { alertId: 'a1', title: 'Whoami', severity: 'high', detector: 'sigma', ruleId: 'r1' })).toBe('Alert (high): Whoami — sigma / r1');
    expect(text('note', { text: 'line 1\n<b>x</b>' })).toBe('line 1\n<b>x</b>');
    expect(text('status', { from: 'new', to: 'in_progress' })).toBe('Status New → In progress');
    expect(text('owner', { from: null, to: ME })).toBe('Owner nobody → me');
    expect(text('owner', { from: ME, to: BOB })).toBe('Owner me → Bob Responder');
    expect(text('severity', { from: 'medium', to: 'critical', why: '3 ATT&CK tactics' })).toBe('Severity medium → critical (3 ATT&CK tactics)');
    expect(text('change', { opened: 'by hand', title: 'Phish' })).toBe('Opened by hand: Phish');
    expect(text('change', { title: { from: 'a', to: 'b' } })).toBe('Title changed from “a” to “b”');
    expect(text('change', { reportable: true })).toBe('Marked reportable under NIS2');
    expect(text('change', { reportable: false })).toBe('No longer reportable under NIS2');
    expect(text('change', { awareAt: '2026-01-02T03:04:05.000Z' })).toBe('Awareness time set to 2026-01-02 03:04:05Z');
    expect(text('change', { awareAt: null })).toBe('Awareness time cleared');
    expect(text('merge', { into: 'x', number: 7 })).toBe('Merged into INC-7');
    expect(text('merge', { from: 'x', number: 8, title: 'Other' })).toBe('INC-8 “Other” merged into this incident');
    expect(text('split', { to: 'x', number: 9, alerts: 1 })).toBe('1 alert split off into INC-9');
    expect(text('split', { from: 'x', number: 3, alerts: 2 })).toBe('2 alerts split off from INC-3');
    expect(text('link', { links: [{ kind: 'url', ref: 'https://x.example' }, { kind: 'intel', ref: 'indicator--1', title: 'C2' }] })).toBe('Links set: https://x.example, C2');
    expect(text('link', { links: [] })).toBe('Links removed');
  });

  it('reads the kinds playbooks and reporting write, whatever their bodies hold', () => {
    expect(text('action', { action: 'block_ip', outcome: 'done', value: '203.0.113.9' })).toBe('Action block_ip: done (value: 203.0.113.9)');
    expect(text('playbook', { playbook: 'contain-host', status: 'waiting for approval' })).toBe('Playbook contain-host: waiting for approval');
    expect(text('report', { kind: 'early-warning', status: 'sent' })).toBe('Report early-warning: sent');
    expect(text('reminder', { text: 'Early warning due in 2 h' })).toBe('Reminder: Early warning due in 2 h');
    expect(text('reminder', { due: '2026-01-01' })).toBe('Reminder: due: 2026-01-01');
    expect(text('action', {})).toBe('Action');
    expect(text('merge', { into: 'x' })).toBe('Merged into another incident');
  });
});
