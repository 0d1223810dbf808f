// The required-literal index never drops a match: the router (with the index) and a plain evaluation of
// every routed rule agree, including `not`, keywords, `all`, `cased`, regexes and field mappings.
import { describe, expect, it } from 'vitest';
import { compileRule, type CompiledRule } from './compile.ts';
import { parseRuleText } from './load.ts';
import { routeMatch, routesFor, RuleRouter } from './logsources.ts';
import { needOf } from './required.ts';
import { fieldResolver } from './resolver.ts';

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const win = (channel: string, eventId: number, data: Record<string, unknown>) =>
  fieldResolver({ Event: { System: { Channel: channel, EventID: eventId }, EventData: data } });

function compiled(title: string, logsource: string, detection: string): CompiledRule {
  const rule = parseRuleText(`title: ${title}\nlogsource: ${logsource}\ndetection:\n${detection}`).rules[0]!;
  const c = compileRule(rule);
  if (!c.ok) throw new Error(c.errors[0]?.reason);
  return { rule, matcher: c.matcher };
}

const PROC = '{product: windows, category: process_creation}';
const rules = [
  compiled('endswith-not', PROC, `    sel:\n        Image|endswith: '\\whoami.exe'\n    filter:\n        User: SYSTEM\n    condition: sel and not filter\n`),
  compiled('only-not', PROC, `    filter:\n        Image|endswith: '\\svchost.exe'\n    condition: not filter\n`),
  compiled('or-of-fields', PROC, `    a:\n        CommandLine|contains: 'sekurlsa'\n    b:\n        OriginalFileName: 'mimi*.exe'\n    condition: 1 of them\n`),
  compiled('all', PROC, `    sel:\n        CommandLine|contains|all: [' -enc ', 'hidden']\n    condition: sel\n`),
  compiled('cased', PROC, `    sel:\n        CommandLine|contains|cased: 'Invoke-Ǆ'\n    condition: sel\n`),
  compiled('regex', PROC, `    sel:\n        CommandLine|re: 'bad[0-9]+'\n    condition: sel\n`),
  compiled('keywords', '{product: windows}', `    keywords:\n        - 'eo.oe.kiwi'\n        - 'dpapi::masterkey'\n    condition: keywords\n`),
  compiled('number', PROC, `    sel:\n        ProcessId: 4242\n    condition: sel\n`),
];

const events = [
  win(SYSMON, 1, { Image: 'C:\\Windows\\WHOAMI.EXE', User: 'alice', CommandLine: 'whoami' }),
  win(SYSMON, 1, { Image: 'C:\\Windows\\whoami.exe', User: 'SYSTEM' }),
  win(SYSMON, 1, { Image: 'C:\\x\\svchost.exe', CommandLine: 'SEKURLSA::logonpasswords', ProcessId: 4242 }),
  win(SYSMON, 1, { OriginalFileName: 'Mimikatz.exe', CommandLine: 'ps -Enc  hidden -enc x' }),
  win(SYSMON, 1, { CommandLine: 'powershell -w HIDDEN -enc AAA', ProcessId: '4242' }),
  win(SYSMON, 1, { CommandLine: 'x Invoke-Ǆ y bad42' }),
  win(SYSMON, 1, { CommandLine: 'x invoke-ǆ y' }),
  win('Security', 4688, { NewProcessName: 'C:\\Windows\\whoami.exe', CommandLine: 'log: EO.OE.KIWI' }),
  win('System', 7045, { ImagePath: 'dpapi::MasterKey' }),
];

describe('required-literal index', () => {
  it('derives requirements, and none for rules that can match without a literal', () => {
    const by = (t: string) => needOf(rules.find((r) => r.rule.title === t)!.matcher);
    expect(by('endswith-not')).toEqual([{ field: 'Image', text: '\\whoami.exe' }]);
    expect(by('only-not')).toBeUndefined();
    expect(by('regex')).toBeUndefined();
    expect(by('all')?.length).toBe(1);
    expect(by('keywords')?.map((l) => l.field)).toEqual(['', '']);
  });

  it('the router with the index finds exactly what plain evaluation finds', () => {
    const router = new RuleRouter(rules);
    for (const get of events) {
      const plain = rules.filter((r) => {
        const acc = routeMatch(routesFor(r.rule.logsource), get);
        return acc !== undefined && r.matcher(acc);
      });
      expect(router.match(get).map((r) => r.rule.title).sort()).toEqual(plain.map((r) => r.rule.title).sort());
    }
    expect(router.match(events[0]!).map((r) => r.rule.title)).toEqual(['endswith-not', 'only-not']);
    expect(router.match(events[8]!).map((r) => r.rule.title)).toEqual(['keywords']);
  });
});
