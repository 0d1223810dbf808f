// Logsource routing: Windows channels and event ids, Security 4688 mapping, declared sources, the index.
import { describe, expect, it } from 'vitest';
import { compileRule, type CompiledRule } from './compile.ts';
import { parseRuleText } from './load.ts';
import { logsourceMatches, routeMatch, routesFor, RuleRouter } from './logsources.ts';
import { fieldResolver } from './resolver.ts';

const win = (channel: string, eventId: number | string, data: Record<string, unknown> = {}) =>
  fieldResolver({ Event: { System: { Channel: channel, EventID: eventId }, EventData: data } });
const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

describe('logsourceMatches', () => {
  it.each([
    ['process_creation ← Sysmon 1', { product: 'windows', category: 'process_creation' }, win(SYSMON, 1), true],
    ['process_creation ← Sysmon 1 as string', { product: 'windows', category: 'process_creation' }, win(SYSMON, '1'), true],
    ['process_creation ← Security 4688', { product: 'windows', category: 'process_creation' }, win('Security', 4688), true],
    ['process_creation ✗ Sysmon 3', { product: 'windows', category: 'process_creation' }, win(SYSMON, 3), false],
    ['channel is case-insensitive', { product: 'windows', category: 'process_creation' }, win('microsoft-windows-sysmon/operational', 1), true],
    ['registry_event ← 12, 13, 14', { product: 'windows', category: 'registry_event' }, win(SYSMON, 14), true],
    ['registry_set ✗ 12', { product: 'windows', category: 'registry_set' }, win(SYSMON, 12), false],
    ['ps_script ← PowerShell 4104', { product: 'windows', category: 'ps_script' }, win('Microsoft-Windows-PowerShell/Operational', 4104), true],
    ['service security ← any Security event', { product: 'windows', service: 'security' }, win('Security', 4624), true],
    ['service security ✗ System', { product: 'windows', service: 'security' }, win('System', 7045), false],
    ['service sysmon', { product: 'windows', service: 'sysmon' }, win(SYSMON, 255), true],
    ['product windows only ← any channel', { product: 'windows' }, win('Whatever', 1), true],
    ['windows rule ✗ non-Windows event', { product: 'windows', category: 'process_creation' }, fieldResolver({ a: 1 }), false],
    ['linux auditd ✗ without declaration', { product: 'linux', service: 'auditd' }, fieldResolver({ type: 'EXECVE' }), false],
  ])('%s', (_n, ls, get, expected) => expect(logsourceMatches(ls, get)).toBe(expected));

  it('declared sources for other products', () => {
    const get = fieldResolver({ type: 'EXECVE' });
    expect(logsourceMatches({ product: 'linux', service: 'auditd' }, get, { product: 'Linux', service: 'auditd' })).toBe(true);
    expect(logsourceMatches({ product: 'linux', service: 'auditd' }, get, { product: 'linux', service: 'syslog' })).toBe(false);
    expect(logsourceMatches({ product: 'linux' }, get, { product: 'linux', service: 'syslog' })).toBe(true);
    expect(logsourceMatches({ category: 'proxy' }, get, { category: 'proxy', product: 'squid' })).toBe(true);
  });

  it('unknown Windows categories need a declared source', () => {
    expect(routesFor({ product: 'windows', category: 'no_such' })).toEqual([{ declared: { product: 'windows', category: 'no_such' } }]);
  });
});

function compiled(yaml: string): CompiledRule {
  const rule = parseRuleText(yaml).rules[0]!;
  const c = compileRule(rule);
  if (!c.ok) throw new Error(c.errors[0]?.reason);
  return { rule, matcher: c.matcher };
}

describe('RuleRouter', () => {
  const proc = compiled(`title: proc\nlogsource: {product: windows, category: process_creation}\ndetection:\n    sel:\n        Image|endswith: '\\whoami.exe'\n        ParentImage|endswith: '\\cmd.exe'\n    condition: sel\n`);
  const sec = compiled(`title: sec\nlogsource: {product: windows, service: security}\ndetection:\n    sel:\n        EventID: 1102\n    condition: sel\n`);
  const any = compiled(`title: any\nlogsource: {product: windows}\ndetection:\n    sel:\n        Computer: evil\n    condition: sel\n`);
  const router = new RuleRouter([proc, sec, any]);
  const titles = (r: CompiledRule[]) => r.map((x) => x.rule.title);

  it('Sysmon 1 runs the process_creation rule', () => {
    expect(titles(router.match(win(SYSMON, 1, { Image: 'C:\\whoami.exe', ParentImage: 'C:\\cmd.exe' })))).toEqual(['proc']);
  });
  it('Security 4688 runs it through the field mapping', () => {
    expect(titles(router.match(win('Security', 4688, { NewProcessName: 'C:\\whoami.exe', ParentProcessName: 'C:\\cmd.exe' })))).toEqual(['proc']);
  });
  it('the same fields on another event id do not match', () => {
    expect(titles(router.match(win(SYSMON, 3, { Image: 'C:\\whoami.exe', ParentImage: 'C:\\cmd.exe' })))).toEqual([]);
  });
  it('service rules and product-wide rules', () => {
    const get = fieldResolver({ Event: { System: { Channel: 'Security', EventID: '1102', Computer: 'evil' }, EventData: {} } });
    expect(titles(router.match(get)).sort()).toEqual(['any', 'sec']);
  });
});

describe('Sysmon for Linux channel and declared sources', () => {
  const LINUX_SYSMON = 'Linux-Sysmon/Operational';
  const proc = compiled(`title: lproc\nlogsource: {product: linux, category: process_creation}\ndetection:\n    sel:\n        Image|endswith: '/whoami'\n    condition: sel\n`);
  const lany = compiled(`title: lany\nlogsource: {product: linux}\ndetection:\n    keywords:\n        - 'whoami'\n    condition: keywords\n`);
  const wany = compiled(`title: wany\nlogsource: {product: windows}\ndetection:\n    keywords:\n        - 'whoami'\n    condition: keywords\n`);
  const wproc = compiled(`title: wproc\nlogsource: {product: windows, category: process_creation}\ndetection:\n    sel:\n        Image|endswith: 'whoami'\n    condition: sel\n`);
  const sshd = compiled(`title: sshd\nlogsource: {product: linux, service: sshd}\ndetection:\n    keywords:\n        - 'Corrupted MAC on input'\n    condition: keywords\n`);
  const auth = compiled(`title: auth\nlogsource: {product: linux, service: auth}\ndetection:\n    keywords:\n        - 'Corrupted MAC on input'\n    condition: keywords\n`);
  const router = new RuleRouter([proc, lany, wany, wproc, sshd, auth]);
  const titles = (r: CompiledRule[]) => r.map((x) => x.rule.title).sort();

  it('routes linux process_creation to Linux-Sysmon event 1, and keeps Windows rules off that channel', () => {
    expect(routesFor({ product: 'linux', category: 'process_creation' })).toEqual([
      { channel: 'linux-sysmon/operational', eventIds: ['1'], fields: undefined },
      { declared: { product: 'linux', category: 'process_creation' } },
    ]);
    expect(titles(router.match(win(LINUX_SYSMON, 1, { Image: '/usr/bin/whoami', CommandLine: 'whoami' })))).toEqual(['lany', 'lproc']);
    expect(titles(router.match(win(LINUX_SYSMON, 3, { Image: '/usr/bin/whoami' })))).toEqual(['lany']);
    expect(titles(router.match(win(SYSMON, 1, { Image: 'C:\\whoami', CommandLine: 'whoami' })))).toEqual(['wany', 'wproc']);
    expect(logsourceMatches({ product: 'windows' }, win(LINUX_SYSMON, 1), undefined)).toBe(false);
  });

  it('a rule without product sees the category on every product’s channel and in declared sources', () => {
    const routes = routesFor({ category: 'process_creation' });
    expect(routes.map((r) => r.channel ?? 'declared')).toEqual(['microsoft-windows-sysmon/operational', 'security', 'linux-sysmon/operational', 'declared']);
  });

  it('a declared source with several services matches the rules of each', () => {
    const get = fieldResolver({ appName: 'sshd', message: 'Corrupted MAC on input. [preauth]' });
    expect(titles(router.match(get, { product: 'linux', service: ['sshd', 'auth'] }))).toEqual(['auth', 'sshd']);
    expect(titles(router.match(get, { product: 'linux', service: ['sudo', 'auth'] }))).toEqual(['auth']);
    expect(titles(router.match(get, { product: 'macos', service: ['sshd'] }))).toEqual([]);
    expect(titles(router.match(get))).toEqual([]);
  });

  it('a declared mapping translates Sigma names for the rules (ECS), with the index and without', () => {
    const get = fieldResolver({ event: { category: ['process'], type: ['start'] }, process: { executable: '/usr/bin/whoami', command_line: 'whoami' } });
    const declared = { product: 'linux', category: ['process_creation'], mapping: 'ecs' };
    expect(titles(router.match(get, declared))).toEqual(['lany', 'lproc']);
    expect(logsourceMatches(proc.rule.logsource, get, declared)).toBe(true);
    expect(proc.matcher(routeMatch(routesFor(proc.rule.logsource), get, declared)!)).toBe(true);
    // Without the mapping, the rule's Image is absent: no match.
    expect(titles(router.match(get, { product: 'linux', category: 'process_creation' }))).toEqual(['lany']);
  });
});
