// Rule loading: documents, actions, correlation model, validation errors with lines, limits.
import { describe, expect, it } from 'vitest';
import { compileRule } from './compile.ts';
import { DEFAULT_LIMITS, parseRuleText } from './load.ts';
import { fieldResolver } from './resolver.ts';

const rule = `title: Whoami
id: 0a1b2c3d-0000-4000-8000-000000000001
status: test
level: high
tags:
    - attack.discovery
    - attack.t1033
references:
    - https://example.org
falsepositives:
    - Admins
fields:
    - CommandLine
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\whoami.exe'
    condition: selection
`;

describe('parseRuleText', () => {
  it('reads the fields that matter', () => {
    const r = parseRuleText(rule, 'x.yml');
    expect(r.errors).toEqual([]);
    const [x] = r.rules;
    expect(x).toMatchObject({
      title: 'Whoami', id: '0a1b2c3d-0000-4000-8000-000000000001', status: 'test', level: 'high', file: 'x.yml',
      tags: ['attack.discovery', 'attack.t1033'], references: ['https://example.org'], falsepositives: ['Admins'], fields: ['CommandLine'],
      logsource: { category: 'process_creation', product: 'windows' }, condition: ['selection'],
    });
    expect(x?.locate(['detection', 'selection'])).toBe(18);
  });

  it.each([
    ['missing title', rule.replace('title: Whoami\n', ''), '"title" is required', 1],
    ['bad level', rule.replace('level: high', 'level: severe'), '"level" must be one of', 4],
    ['bad status', rule.replace('status: test', 'status: wip'), '"status" must be one of', 3],
    ['bad id', rule.replace('id: 0a1b2c3d-0000-4000-8000-000000000001', 'id: 42'), '"id" must be a UUID', 2],
    ['tags not a list', rule.replace(/tags:\n(\s+- .*\n)+/, 'tags: {a: 1}\n'), '"tags" must be a list of strings', undefined],
    ['missing logsource', rule.replace(/logsource:\n(\s+.*\n){2}/, ''), '"logsource" is required', undefined],
    ['missing condition', rule.replace('    condition: selection\n', ''), '"detection.condition" is required', undefined],
  ])('error: %s', (_n, text, reason, line) => {
    const r = parseRuleText(text);
    expect(r.rules).toEqual([]);
    expect(r.errors[0]?.reason).toContain(reason);
    if (line !== undefined) expect(r.errors[0]?.line).toBe(line);
  });

  it('reports YAML syntax errors with a line, never throws', () => {
    const r = parseRuleText('title: x\ndetection:\n  sel: [a, b\n');
    expect(r.rules).toEqual([]);
    expect(r.errors[0]?.code).toBe('yaml');
    expect(r.errors[0]?.line).toBeGreaterThan(0);
  });

  it('rejects duplicate keys', () => {
    expect(parseRuleText('title: a\ntitle: b\n').errors[0]?.code).toBe('yaml');
  });

  it('enforces the file size limit', () => {
    const r = parseRuleText('x'.repeat(100), undefined, { ...DEFAULT_LIMITS, maxFileBytes: 10 });
    expect(r.errors[0]).toMatchObject({ code: 'limit' });
  });

  it('enforces the alias limit (billion laughs)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const r = parseRuleText(lines.join('\n'));
    expect(r.errors[0]?.code).toMatch(/limit|yaml/);
  });

  it('enforces the depth limit', () => {
    const r = parseRuleText(`title: x\nd: ${'['.repeat(100)}${']'.repeat(100)}\n`, undefined, { ...DEFAULT_LIMITS, maxDepth: 20 });
    expect(r.errors[0]?.reason).toContain('nesting deeper');
  });

  it('enforces the detection item limit', () => {
    const r = parseRuleText(rule, undefined, { ...DEFAULT_LIMITS, maxDetectionItems: 1 });
    expect(r.errors[0]?.reason).toContain('detection values');
  });

  it('keeps detection numbers as written and others as numbers', () => {
    const r = parseRuleText(rule.replace("Image|endswith: '\\whoami.exe'", 'Options: 0x10\n        EventID: 4688'));
    expect(r.rules[0]?.detection.selection).toEqual({ Options: '0x10', EventID: '4688' });
  });

  it('action global / repeat / reset', () => {
    const text = `action: global
title: Base
logsource:
    product: windows
detection:
    condition: sel
---
logsource:
    service: security
detection:
    sel:
        EventID: 1
---
action: repeat
title: Repeated
detection:
    sel:
        EventID: 2
---
action: reset
---
title: Alone
logsource:
    product: linux
detection:
    sel:
        a: b
    condition: sel
`;
    const r = parseRuleText(text);
    expect(r.errors).toEqual([]);
    expect(r.rules.map((x) => [x.title, x.logsource, x.detection.sel])).toEqual([
      ['Base', { product: 'windows', service: 'security' }, { EventID: '1' }],
      ['Repeated', { product: 'windows', service: 'security' }, { EventID: '2' }],
      ['Alone', { product: 'linux' }, { a: 'b' }],
    ]);
  });

  it('unknown action is an error', () => {
    expect(parseRuleText('action: merge\ntitle: x\n').errors[0]?.reason).toContain('unknown action');
  });

  it('parses correlation documents into a model', () => {
    const text = `title: base
name: failed_logon
logsource:
    product: windows
    service: security
detection:
    sel:
        EventID: 4625
    condition: sel
---
title: Many failed logons
id: 0a1b2c3d-0000-4000-8000-000000000002
level: high
correlation:
    type: event_count
    rules:
        - failed_logon
    group-by:
        - TargetUserName
    timespan: 5m
    condition:
        gte: 10
---
title: distinct
correlation:
    type: value_count
    rules: failed_logon
    group-by: [IpAddress]
    timespan: 1h
    condition:
        field: TargetUserName
        gt: 3
    aliases:
        ip:
            failed_logon: IpAddress
`;
    const r = parseRuleText(text);
    expect(r.errors).toEqual([]);
    expect(r.rules).toHaveLength(1);
    expect(r.correlations.map((c) => [c.type, c.rules, c.groupBy, c.timespanMs, c.condition, c.field])).toEqual([
      ['event_count', ['failed_logon'], ['TargetUserName'], 300_000, { gte: 10 }, undefined],
      ['value_count', ['failed_logon'], ['IpAddress'], 3_600_000, { gt: 3 }, 'TargetUserName'],
    ]);
    expect(r.correlations[1]?.aliases).toEqual({ ip: { failed_logon: 'IpAddress' } });
  });

  it.each([
    ['bad type', 'type: sum', 'correlation.type'],
    ['bad timespan', 'timespan: 5 minutes', 'correlation.timespan'],
    ['value_count without field', 'type: value_count', 'needs a field'],
  ])('correlation error: %s', (_n, change, reason) => {
    const base = { type: 'type: event_count', timespan: 'timespan: 5m' };
    const lines = `title: c\ncorrelation:\n    ${change.startsWith('type') ? change : base.type}\n    rules: [a]\n    group-by: [x]\n    ${change.startsWith('timespan') ? change : base.timespan}\n    condition:\n        gte: 2\n`;
    expect(parseRuleText(lines).errors.map((e) => e.reason).join('\n')).toContain(reason);
  });

  it('compile errors carry the YAML path and line', () => {
    const r = parseRuleText(rule.replace("Image|endswith: '\\whoami.exe'", "Image|bogus: 'x'"));
    const c = compileRule(r.rules[0]!);
    expect(c.ok).toBe(false);
    expect(c.errors[0]).toMatchObject({ code: 'modifier', path: 'detection.selection.Image|bogus', line: 19 });
  });

  it('compiled rule runs on evtx_dump JSON', () => {
    const c = compileRule(parseRuleText(rule).rules[0]!);
    const ev = { Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational' }, EventData: { Image: 'C:\\Windows\\System32\\whoami.exe' } } };
    expect(c.ok && c.matcher(fieldResolver(ev))).toBe(true);
  });
});
