// Conformance: plain values, wildcards and escapes, case rules, string modifiers, null/empty/exists.
import { describe } from 'vitest';
import { runCases, sel } from './conformance.ts';

describe('plain values and case', () => {
  runCases([
    ['exact match', sel("Image: 'C:\\Windows\\cmd.exe'"), { Image: 'C:\\Windows\\cmd.exe' }, true],
    ['case-insensitive by default', sel("Image: 'c:\\windows\\CMD.EXE'"), { Image: 'C:\\Windows\\cmd.exe' }, true],
    ['exact is not contains', sel("Image: 'cmd.exe'"), { Image: 'C:\\Windows\\cmd.exe' }, false],
    ['number value matches number field', sel('EventID: 4688'), { EventID: 4688 }, true],
    ['number value matches string field', sel('EventID: 4688'), { EventID: '4688' }, true],
    ['string value matches number field', sel("EventID: '4688'"), { EventID: 4688 }, true],
    ['number does not match other number', sel('EventID: 4689'), { EventID: 4688 }, false],
    ['hex literal kept as written', sel('TicketOptions: 0x40810000'), { TicketOptions: '0x40810000' }, true],
    ['quoted hex', sel("TicketEncryption: '0x17'"), { TicketEncryption: '0x17' }, true],
    ['list is OR (first)', sel("Image:\n        - 'a.exe'\n        - 'b.exe'"), { Image: 'a.exe' }, true],
    ['list is OR (second)', sel("Image:\n        - 'a.exe'\n        - 'b.exe'"), { Image: 'B.EXE' }, true],
    ['list is OR (none)', sel("Image:\n        - 'a.exe'\n        - 'b.exe'"), { Image: 'c.exe' }, false],
    ['map is AND (both)', 'sel:\n    A: x\n    B: y\ncondition: sel', { A: 'x', B: 'y' }, true],
    ['map is AND (one)', 'sel:\n    A: x\n    B: y\ncondition: sel', { A: 'x', B: 'z' }, false],
    ['list of maps is OR', 'sel:\n    - A: x\n    - B: y\ncondition: sel', { B: 'y' }, true],
    ['list of maps none', 'sel:\n    - A: x\n    - B: y\ncondition: sel', { A: 'y', B: 'x' }, false],
    ['absent field never matches a value', sel('Image: x'), {}, false],
    ['boolean event value as text', sel("Flag: 'true'"), { Flag: true }, true],
    ['array event value: any element', sel('Tag: b'), { Tag: ['a', 'b'] }, true],
    ['unicode case folding', sel("User: 'ÄDMIN'"), { User: 'ädmin' }, true],
    ['cased: exact case matches', sel("Image|cased: 'CMD.exe'"), { Image: 'CMD.exe' }, true],
    ['cased: other case fails', sel("Image|cased: 'CMD.exe'"), { Image: 'cmd.exe' }, false],
    ['cased contains', sel("CommandLine|cased|contains: 'Invoke'"), { CommandLine: 'x invoke y' }, false],
    ['cased contains hit', sel("CommandLine|contains|cased: 'Invoke'"), { CommandLine: 'x Invoke y' }, true],
  ]);
});

describe('wildcards and escapes', () => {
  runCases([
    ['* matches any run', sel("Image: '*\\cmd.exe'"), { Image: 'C:\\Windows\\cmd.exe' }, true],
    ['* matches empty', sel("Image: 'cmd*.exe'"), { Image: 'cmd.exe' }, true],
    ['? matches one char', sel("Image: 'prog?.exe'"), { Image: 'progA.exe' }, true],
    ['? needs exactly one', sel("Image: 'prog?.exe'"), { Image: 'prog.exe' }, false],
    ['? does not match two', sel("Image: 'prog?.exe'"), { Image: 'progAB.exe' }, false],
    ['inner *', sel("Image: 'antivirus_V*.exe'"), { Image: 'antivirus_V21.2.1.exe' }, true],
    ['several *', sel("C: '*a*b*c*'"), { C: 'xxaxxbxxcxx' }, true],
    ['several * order matters', sel("C: '*a*b*c*'"), { C: 'cba' }, false],
    ['\\* is a literal star', sel("C: 'a\\*b'"), { C: 'a*b' }, true],
    ['\\* does not act as wildcard', sel("C: 'a\\*b'"), { C: 'axxb' }, false],
    ['\\? is a literal question mark', sel("C: 'what\\?'"), { C: 'what?' }, true],
    ['\\? not wildcard', sel("C: 'what\\?'"), { C: 'whatx' }, false],
    ['single backslash kept', sel("C: 'C:\\Windows'"), { C: 'C:\\Windows' }, true],
    ['double backslash is one', sel("C: 'C:\\\\Windows'"), { C: 'C:\\Windows' }, true],
    ['\\\\* is backslash then wildcard', sel("C: 'dir\\\\*'"), { C: 'dir\\anything' }, true],
    ['\\\\* requires the backslash', sel("C: 'dir\\\\*'"), { C: 'dirx' }, false],
    ['\\\\\\* is backslash and star', sel("C: 'a\\\\\\*'"), { C: 'a\\*' }, true],
    ['\\\\\\* not wildcard', sel("C: 'a\\\\\\*'"), { C: 'a\\xyz' }, false],
    ['\\\\\\\\ is two backslashes', sel("C: '\\\\\\\\server'"), { C: '\\\\server' }, true],
    ['contains with literal star', sel("C|contains: '\\*'"), { C: 'a*b' }, true],
    ['contains with literal star miss', sel("C|contains: '\\*'"), { C: 'ab' }, false],
    ['wildcard inside contains', sel("C|contains: 'a?c'"), { C: 'xxabcxx' }, true],
    ['star only matches anything present', sel("C: '*'"), { C: '' }, true],
    ['star does not match absent', sel("C: '*'"), {}, false],
  ]);
});

describe('contains / startswith / endswith / all', () => {
  runCases([
    ['contains', sel("C|contains: 'mimikatz'"), { C: 'run MimiKatz.exe' }, true],
    ['contains miss', sel("C|contains: 'mimikatz'"), { C: 'run mimi.exe' }, false],
    ['startswith', sel("C|startswith: 'c:\\windows\\'"), { C: 'C:\\Windows\\x.exe' }, true],
    ['startswith miss', sel("C|startswith: 'windows'"), { C: 'C:\\Windows\\x.exe' }, false],
    ['endswith', sel("C|endswith: '\\cmd.exe'"), { C: 'C:\\Windows\\cmd.exe' }, true],
    ['endswith miss', sel("C|endswith: '\\cmd.exe'"), { C: 'C:\\Windows\\cmd.exe.bak' }, false],
    ['contains list OR', sel("C|contains:\n        - 'aaa'\n        - 'bbb'"), { C: 'xbbbx' }, true],
    ['contains|all both', sel("C|contains|all:\n        - ' -enc '\n        - 'hidden'"), { C: 'ps -enc x -w hidden' }, true],
    ['contains|all one missing', sel("C|contains|all:\n        - ' -enc '\n        - 'hidden'"), { C: 'ps -enc x' }, false],
    ['all without contains means every exact value', sel('C|all:\n        - a\n        - a'), { C: 'a' }, true],
    ['endswith on number field', sel("P|endswith: '445'"), { P: 1445 }, true],
    ['contains on empty value', sel("C|contains: ''"), { C: 'abc' }, true],
    ['startswith with wildcard', sel("C|startswith: 'a*c'"), { C: 'abbbcdef' }, true],
    ['endswith with ?', sel("C|endswith: '.ex?'"), { C: 'a.exe' }, true],
  ]);
});

describe('null, empty, exists', () => {
  runCases([
    ['null matches absent field', sel('F: null'), {}, true],
    ['null matches null field', sel('F: null'), { F: null }, true],
    ['null does not match empty string', sel('F: null'), { F: '' }, false],
    ['null does not match a value', sel('F: null'), { F: 'x' }, false],
    ["empty '' matches empty string", sel("F: ''"), { F: '' }, true],
    ["empty '' does not match absent", sel("F: ''"), {}, false],
    ["empty '' does not match value", sel("F: ''"), { F: 'x' }, false],
    ['exists true present', sel('F|exists: true'), { F: 'x' }, true],
    ['exists true present but empty', sel('F|exists: true'), { F: '' }, true],
    ['exists true present but null', sel('F|exists: true'), { F: null }, true],
    ['exists true absent', sel('F|exists: true'), {}, false],
    ['exists false absent', sel('F|exists: false'), {}, true],
    ['exists false present', sel('F|exists: false'), { F: 'x' }, false],
    ['not null via negation: present', 'sel:\n    A: x\nfilter:\n    F: null\ncondition: sel and not filter', { A: 'x', F: 'v' }, true],
    ['not null via negation: absent', 'sel:\n    A: x\nfilter:\n    F: null\ncondition: sel and not filter', { A: 'x' }, false],
    ['1 of empty-or-null: empty', 'sel_main:\n    A: x\nsel_e1:\n    B: ""\nsel_e2:\n    B: null\ncondition: sel_main and 1 of sel_e*', { A: 'x', B: '' }, true],
    ['1 of empty-or-null: null', 'sel_main:\n    A: x\nsel_e1:\n    B: ""\nsel_e2:\n    B: null\ncondition: sel_main and 1 of sel_e*', { A: 'x' }, true],
    ['1 of empty-or-null: value', 'sel_main:\n    A: x\nsel_e1:\n    B: ""\nsel_e2:\n    B: null\ncondition: sel_main and 1 of sel_e*', { A: 'x', B: 'v' }, false],
  ]);
});

describe('neq (absent field is not "different")', () => {
  runCases([
    ['neq different', sel('F|neq: a'), { F: 'b' }, true],
    ['neq equal', sel('F|neq: a'), { F: 'A' }, false],
    ['neq absent', sel('F|neq: a'), {}, false],
    ['neq list: different from all', sel('F|neq:\n        - a\n        - b'), { F: 'c' }, true],
    ['neq list: equals one', sel('F|neq:\n        - a\n        - b'), { F: 'b' }, false],
    ['neq number', sel('EventID|neq: 4688'), { EventID: 4689 }, true],
    ['neq number equal', sel('EventID|neq: 4688'), { EventID: '4688' }, false],
    ['neq contains', sel('F|neq|contains: bad'), { F: 'good' }, true],
    ['neq contains hit', sel('F|contains|neq: bad'), { F: 'very bad' }, false],
  ]);
});

describe('keywords', () => {
  runCases([
    ['keyword anywhere in a value', 'keywords:\n    - evilservice\ncondition: keywords', { Message: 'Service EvilService installed' }, true],
    ['keyword in any field', 'keywords:\n    - evilservice\ncondition: keywords', { A: 'x', B: 'my evilservice' }, true],
    ['keyword list OR', "keywords:\n    - 'event::clear'\n    - 'event::drop'\ncondition: keywords", { Msg: 'mimikatz event::drop' }, true],
    ['keyword miss', "keywords:\n    - 'event::clear'\ncondition: keywords", { Msg: 'nothing' }, false],
    ['keyword |all AND', "keywords:\n    '|all':\n        - 'OabVirtualDirectory'\n        - ' -ExternalUrl '\ncondition: keywords", { Msg: 'Set-OabVirtualDirectory -ExternalUrl http://x' }, true],
    ['keyword |all one missing', "keywords:\n    '|all':\n        - 'OabVirtualDirectory'\n        - ' -ExternalUrl '\ncondition: keywords", { Msg: 'Set-OabVirtualDirectory' }, false],
    ['keyword |all across fields', "keywords:\n    '|all':\n        - 'aaa'\n        - 'bbb'\ncondition: keywords", { A: 'aaa', B: 'bbb' }, true],
    ['keyword number in number field', 'keywords:\n    - 4444\ncondition: keywords', { Port: 4444 }, true],
    ['keyword nested value', 'keywords:\n    - needle\ncondition: keywords', { a: { b: ['x', 'the needle'] } }, true],
    ['keyword case-insensitive', 'keywords:\n    - NEEDLE\ncondition: keywords', { a: 'needle' }, true],
    ['keyword with wildcard', "keywords:\n    - 'a*z'\ncondition: keywords", { a: 'xx abcz yy' }, true],
    ['keyword re', "keywords:\n    '|re': 'user[0-9]+'\ncondition: keywords", { a: 'login user42' }, true],
    ['keyword and field selection', 'sel:\n    A: x\nkw:\n    - needle\ncondition: sel and kw', { A: 'x', B: 'needle' }, true],
    ['keyword and field selection miss', 'sel:\n    A: x\nkw:\n    - needle\ncondition: sel and kw', { A: 'x', B: 'pin' }, false],
  ]);
});
