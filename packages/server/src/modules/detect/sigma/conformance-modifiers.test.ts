// Conformance: windash, re, encodings, cidr, numeric and date-part modifiers, expand, fieldref, chain errors.
import { describe } from 'vitest';
import { runCases, runErrorCases, sel } from './conformance.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64w = (s: string) => Buffer.from(s, 'utf16le').toString('base64');

describe('windash (-, /, en dash, em dash, horizontal bar)', () => {
  const d = sel("CommandLine|windash|contains: ' -enc '");
  runCases([
    ['hyphen', d, { CommandLine: 'powershell -enc AAA' }, true],
    ['slash', d, { CommandLine: 'powershell /enc AAA' }, true],
    ['en dash', d, { CommandLine: 'powershell \u2013enc AAA' }, true],
    ['em dash', d, { CommandLine: 'powershell \u2014enc AAA' }, true],
    ['horizontal bar', d, { CommandLine: 'powershell \u2015enc AAA' }, true],
    ['other char', d, { CommandLine: 'powershell +enc AAA' }, false],
    ['no dash', d, { CommandLine: 'powershell enc AAA' }, false],
    ['two dashes, mixed forms', sel("C|windash|contains: '-a -b'"), { C: 'x /a \u2013b' }, true],
    ['slash in rule also permutes', sel("C|windash|contains: '/quiet'"), { C: 'msiexec -quiet' }, true],
    ['windash exact', sel("C|windash: '-x'"), { C: '/x' }, true],
    ['windash with all', sel("C|windash|contains|all:\n        - '-a'\n        - '-b'"), { C: '/a \u2014b' }, true],
    ['windash with all missing one', sel("C|windash|contains|all:\n        - '-a'\n        - '-b'"), { C: '/a' }, false],
    ['windash endswith', sel("C|windash|endswith: ' -s'"), { C: 'x \u2015s' }, true],
  ]);
});

describe('re (RE2, linear time)', () => {
  runCases([
    ['unanchored search', sel("C|re: 'ab+c'"), { C: 'xxabbbcxx' }, true],
    ['anchored', sel("C|re: '^ab+c$'"), { C: 'xxabbbcxx' }, false],
    ['case-sensitive by default', sel("C|re: 'ABC'"), { C: 'abc' }, false],
    ['|i insensitive', sel("C|re|i: 'ABC'"), { C: 'abc' }, true],
    ['leading (?i)', sel("C|re: '(?i)ABC'"), { C: 'abc' }, true],
    ['|m multiline ^', sel("C|re|m: '^second'"), { C: 'first\nsecond' }, true],
    ['without m, ^ is start of text', sel("C|re: '^second'"), { C: 'first\nsecond' }, false],
    ['|s dot matches newline', sel("C|re|s: 'a.b'"), { C: 'a\nb' }, true],
    ['without s, dot skips newline', sel("C|re: 'a.b'"), { C: 'a\nb' }, false],
    ['character class', sel("C|re: '[0-9]{3}-[a-z]+'"), { C: 'id 123-abc' }, true],
    ['alternation', sel("C|re: '(foo|bar)\\.exe'"), { C: 'c:\\bar.exe' }, true],
    ['backslash escapes are regex escapes', sel("C|re: '\\\\cmd\\.exe$'"), { C: 'C:\\Windows\\cmd.exe' }, true],
    ['wildcards are not Sigma wildcards', sel("C|re: 'a*'"), { C: 'bbb' }, true],
    ['re list OR', sel("C|re:\n        - '^x'\n        - 'y$'"), { C: 'aay' }, true],
    ['re|all', sel("C|re|all:\n        - '^x'\n        - 'y$'"), { C: 'xay' }, true],
    ['re|all miss', sel("C|re|all:\n        - '^x'\n        - 'y$'"), { C: 'xa' }, false],
    ['re on number field', sel("P|re: '^44[0-9]$'"), { P: 445 }, true],
    ['re absent field', sel("C|re: '.*'"), {}, false],
    ['catastrophic pattern stays linear', sel("C|re: '(a+)+$'"), { C: `${'a'.repeat(5000)}!` }, false],
  ]);
});

describe('base64, base64offset, utf16 combinations', () => {
  const e = (s: string) => ({ C: s });
  runCases([
    ['base64 exact', sel("C|base64: 'hello'"), e(b64('hello')), true],
    ['base64 contains', sel("C|base64|contains: 'http://'"), e(`x ${b64('http://')} y`), true],
    ['base64 is case-insensitive by default', sel("C|base64: 'hello'"), e(b64('hello').toLowerCase()), true],
    ['base64 cased', sel("C|base64|cased: 'hello'"), e(b64('hello').toLowerCase()), false],
    ['base64offset offset 0', sel("C|base64offset|contains: '/bin/bash'"), e(b64('/bin/bash -i')), true],
    ['base64offset offset 1', sel("C|base64offset|contains: '/bin/bash'"), e(b64('x/bin/bash -i')), true],
    ['base64offset offset 2', sel("C|base64offset|contains: '/bin/bash'"), e(b64('xx/bin/bash -i')), true],
    ['base64offset offset 3', sel("C|base64offset|contains: '/bin/bash'"), e(b64('xxx/bin/bash -i')), true],
    ['base64offset miss', sel("C|base64offset|contains: '/bin/bash'"), e(b64('/bin/zsh -i')), false],
    ['base64offset known forms', sel("C|base64offset|contains: '/bin/bash'"), e('...9iaW4vYmFza...'), true],
    ['utf16le then base64offset, offset 0', sel("C|utf16le|base64offset|contains: 'Invoke'"), e(b64w('Invoke-Expression')), true],
    ['wide then base64offset, offset 1', sel("C|wide|base64offset|contains: 'Invoke'"), e(b64w('xInvoke-Expression')), true],
    ['wide then base64offset, offset 2', sel("C|wide|base64offset|contains: 'Invoke'"), e(b64w('xxInvoke-Expression')), true],
    ['wide then base64offset, offset 3', sel("C|wide|base64offset|contains: 'Invoke'"), e(b64w('xxxInvoke-Expression')), true],
    ['wide base64 vs ascii base64 differ', sel("C|wide|base64offset|contains: 'Invoke'"), e(b64('Invoke-Expression')), false],
    ['utf16le then base64', sel("C|utf16le|base64: 'cmd'"), e(b64w('cmd')), true],
    ['utf16be then base64', sel("C|utf16be|base64: 'cmd'"), e(Buffer.from([0, 0x63, 0, 0x6d, 0, 0x64]).toString('base64')), true],
    ['utf16 with BOM then base64', sel("C|utf16|base64: 'cmd'"), e(Buffer.from([0xff, 0xfe, 0x63, 0, 0x6d, 0, 0x64, 0]).toString('base64')), true],
    ['utf16le without base64 matches raw bytes', sel("C|utf16le|contains: 'ab'"), e('xa\u0000b\u0000y'), true],
    ['base64 list', sel("C|base64offset|contains:\n        - 'aaa'\n        - 'IEX'"), e(b64('  IEX(New-Object)')), true],
    ['base64 unicode text as UTF-8', sel("C|base64: 'é'"), e(b64('é')), true],
    ['windash then base64offset', sel("C|windash|base64offset|contains: ' -e '"), e(b64('ps /e x')), true],
  ]);
});

describe('cidr', () => {
  runCases([
    ['v4 inside /8', sel('Ip|cidr: 10.0.0.0/8'), { Ip: '10.20.30.40' }, true],
    ['v4 outside /8', sel('Ip|cidr: 10.0.0.0/8'), { Ip: '11.0.0.1' }, false],
    ['v4 /12 edge inside', sel('Ip|cidr: 172.16.0.0/12'), { Ip: '172.31.255.255' }, true],
    ['v4 /12 edge outside', sel('Ip|cidr: 172.16.0.0/12'), { Ip: '172.32.0.0' }, false],
    ['v4 /32', sel('Ip|cidr: 192.168.1.1/32'), { Ip: '192.168.1.1' }, true],
    ['v4 /0 matches all v4', sel('Ip|cidr: 0.0.0.0/0'), { Ip: '8.8.8.8' }, true],
    ['v4 list', sel('Ip|cidr:\n        - 10.0.0.0/8\n        - 192.168.0.0/16'), { Ip: '192.168.5.5' }, true],
    ['v4 network vs v6 address', sel('Ip|cidr: 10.0.0.0/8'), { Ip: '2001:db8::1' }, false],
    ['v4-mapped v6 address in v4 network', sel('Ip|cidr: 10.0.0.0/8'), { Ip: '::ffff:10.1.2.3' }, true],
    ['v6 inside', sel("Ip|cidr: '2001:db8::/32'"), { Ip: '2001:db8:1234::1' }, true],
    ['v6 outside', sel("Ip|cidr: '2001:db8::/32'"), { Ip: '2001:db9::1' }, false],
    ['v6 loopback', sel("Ip|cidr: '::1/128'"), { Ip: '::1' }, true],
    ['v6 link-local', sel("Ip|cidr: 'fe80::/10'"), { Ip: 'FE80::abcd:1' }, true],
    ['v6 ULA', sel("Ip|cidr: 'fc00::/7'"), { Ip: 'fd12:3456::1' }, true],
    ['v6 odd prefix outside', sel("Ip|cidr: 'fe80::/10'"), { Ip: 'fec0::1' }, false],
    ['not an ip', sel('Ip|cidr: 10.0.0.0/8'), { Ip: 'ten' }, false],
    ['absent', sel('Ip|cidr: 10.0.0.0/8'), {}, false],
    ['cidr with neq', sel('Ip|cidr|neq: 10.0.0.0/8'), { Ip: '8.8.8.8' }, true],
  ]);
});

describe('numeric and date-part modifiers', () => {
  runCases([
    ['lt', sel('N|lt: 10'), { N: 9 }, true],
    ['lt equal', sel('N|lt: 10'), { N: 10 }, false],
    ['lte equal', sel('N|lte: 10'), { N: 10 }, true],
    ['gt', sel('N|gt: 10'), { N: '11' }, true],
    ['gt equal', sel('N|gt: 10'), { N: 10 }, false],
    ['gte', sel('N|gte: 10'), { N: 10 }, true],
    ['numeric on text', sel('N|gt: 10'), { N: 'many' }, false],
    ['numeric on absent', sel('N|lt: 10'), {}, false],
    ['negative and decimals', sel('N|gt: -1.5'), { N: '-1' }, true],
    ['gte list OR', sel('N|gte:\n        - 100\n        - 5'), { N: 6 }, true],
    ['hour', sel('T|hour: 3'), { T: '2024-05-06T03:15:00Z' }, true],
    ['hour miss', sel('T|hour: 3'), { T: '2024-05-06T13:15:00Z' }, false],
    ['minute', sel('T|minute: 15'), { T: '2024-05-06 03:15:00' }, true],
    ['day', sel('T|day: 6'), { T: '2024-05-06T03:15:00Z' }, true],
    ['month', sel('T|month: 5'), { T: '2024-05-06T03:15:00Z' }, true],
    ['year', sel('T|year: 2024'), { T: '2024-05-06T03:15:00Z' }, true],
    ['week (ISO)', sel('T|week: 19'), { T: '2024-05-06T03:15:00Z' }, true],
    ['week 1 at year start', sel('T|week: 1'), { T: '2024-01-01' }, true],
    ['hour|gte', sel('T|hour|gte: 22'), { T: '2024-05-06T23:00:00Z' }, true],
    ['hour|lt', sel('T|hour|lt: 6'), { T: '2024-05-06T23:00:00Z' }, false],
    ['no timezone conversion', sel('T|hour: 23'), { T: '2024-05-06T23:00:00+02:00' }, true],
    ['date part of non-date', sel('T|hour: 3'), { T: 'yesterday' }, false],
  ]);
});

describe('expand placeholders', () => {
  const placeholders = { Administrators: ['admin', 'root*'], DomainControllers: ['dc01', 'dc02'], 'My List': ['x'] };
  runCases(
    [
      ['resolved value', sel("User|expand: '%Administrators%'"), { User: 'admin' }, true],
      ['resolved value with wildcard', sel("User|expand: '%Administrators%'"), { User: 'rootkit' }, true],
      ['resolved miss', sel("User|expand: '%Administrators%'"), { User: 'bob' }, false],
      ['placeholder inside text', sel("Host|expand: '%DomainControllers%.corp'"), { Host: 'DC02.corp' }, true],
      ['escaped percent is plain', sel("C|expand: '\\%plain%DomainControllers%'"), { C: '%plaindc01' }, true],
      ['without expand it is literal', sel("User: '%Administrators%'"), { User: '%Administrators%' }, true],
      ['without expand it is not expanded', sel("User: '%Administrators%'"), { User: 'admin' }, false],
      ['case-insensitive placeholder name', sel("User|expand: '%administrators%'"), { User: 'admin' }, true],
      ['expand with contains', sel("Host|expand|contains: '%DomainControllers%'"), { Host: 'x-dc01-y' }, true],
    ],
    { placeholders },
  );
});

describe('fieldref', () => {
  runCases([
    ['equal fields', sel('A|fieldref: B'), { A: 'x', B: 'X' }, true],
    ['different fields', sel('A|fieldref: B'), { A: 'x', B: 'y' }, false],
    ['referenced field absent', sel('A|fieldref: B'), { A: 'x' }, false],
    ['field absent', sel('A|fieldref: B'), { B: 'x' }, false],
    ['numbers and strings', sel('A|fieldref: B'), { A: 4, B: '4' }, true],
    ['fieldref neq', sel('A|fieldref|neq: B'), { A: 'x', B: 'y' }, true],
    ['fieldref neq equal', sel('A|fieldref|neq: B'), { A: 'x', B: 'x' }, false],
    ['fieldref neq absent', sel('A|fieldref|neq: B'), { A: 'x' }, false],
    ['fieldref contains', sel('A|fieldref|contains: B'), { A: 'aXb', B: 'x' }, true],
    ['fieldref startswith', sel('A|fieldref|startswith: B'), { A: 'C:\\dir\\x.exe', B: 'c:\\dir' }, true],
    ['fieldref endswith miss', sel('A|fieldref|endswith: B'), { A: 'C:\\dir\\x.exe', B: 'c:\\dir' }, false],
    ['fieldref cased', sel('A|fieldref|cased: B'), { A: 'x', B: 'X' }, false],
    ['fieldref value is not a wildcard', sel('A|fieldref: B'), { A: 'abc', B: 'a*' }, false],
  ]);
});

describe('rule errors for bad modifiers and values', () => {
  runErrorCases([
    ['unknown modifier', sel('A|foo: x'), 'unknown modifier "foo"'],
    ['re with contains', sel("A|re|contains: 'x'"), 'cannot be combined with "re"'],
    ['contains with startswith', sel('A|contains|startswith: x'), 'cannot be combined'],
    ['i without re', sel('A|i: x'), 'sub-modifier of "re"'],
    ['duplicate modifier', sel('A|contains|contains: x'), 'appears twice'],
    ['exists with contains', sel('A|exists|contains: true'), 'cannot be combined with "exists"'],
    ['exists needs boolean', sel('A|exists: yes'), 'needs true or false'],
    ['cidr invalid network', sel('A|cidr: 10.0.0.0/33'), 'not a valid IPv4 or IPv6 network'],
    ['cidr with contains', sel('A|cidr|contains: 10.0.0.0/8'), 'cannot be combined with "cidr"'],
    ['lt needs number', sel('A|lt: ten'), 'needs a number'],
    ['lt with gt', sel('A|lt|gt: 1'), 'cannot be combined'],
    ['base64 then utf16le', sel('A|base64|utf16le: x'), 'must come before'],
    ['base64 and base64offset', sel('A|base64|base64offset: x'), 'cannot be combined'],
    ['contains before base64offset', sel('A|contains|base64offset: x'), 'must follow the encoding'],
    ['base64 with wildcard', sel("A|base64: 'x*'"), 'has wildcards'],
    ['re RE2 cannot compile (lookahead)', sel("A|re: 'a(?=b)'"), 'not supported by the linear-time engine'],
    ['re RE2 cannot compile (backreference)', sel("A|re: '(a)\\1'"), 'not supported by the linear-time engine'],
    ['unresolved placeholder', sel("A|expand: '%Nope%'"), 'placeholder %Nope% has no configured value list'],
    ['null with modifier', sel('A|contains: null'), 'null cannot be used with modifiers'],
    ['null inside a list', sel("A:\n        - ''\n        - null"), 'null cannot be part of a list'],
    ['nested map value', sel('A:\n        b: c'), 'values must be scalars'],
    ['date part with contains', sel('A|hour|contains: 1'), 'cannot be combined'],
    ['fieldref with re', sel('A|fieldref|re: B'), 'cannot be combined'],
    ['windash after base64', sel("A|base64|windash: '-x'"), 'windash'],
  ]);
});
