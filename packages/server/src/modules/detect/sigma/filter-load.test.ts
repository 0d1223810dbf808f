// Loading meta filter documents: the model, schema errors with lines, several documents and actions.
import { describe, expect, it } from 'vitest';
import { parseRuleText } from './load.ts';

const ID = '6f3e2987-db24-4c78-a860-b4f4095a7095';
const FILTER = `title: Filter Administrator account
id: 0a1b2c3d-0000-4000-8000-00000000f001
description: The valid administrator account start with adm_
date: 2025-08-02
modified: 2025-08-03
taxonomy: sigma
logsource:
    category: process_creation
    product: windows
filter:
    rules:
        - ${ID}
        - rar_compression
    selection:
        User|startswith: 'adm_'
        EventID: 0x17
    condition: selection
`;

describe('parseRuleText with meta filters', () => {
  it('reads a filter document into the filters list', () => {
    const r = parseRuleText(FILTER, 'mf_admins.yml');
    expect(r.errors).toEqual([]);
    expect(r.rules).toEqual([]);
    expect(r.filters).toHaveLength(1);
    const [f] = r.filters;
    expect(f).toMatchObject({
      kind: 'filter', file: 'mf_admins.yml', title: 'Filter Administrator account', id: '0a1b2c3d-0000-4000-8000-00000000f001',
      description: 'The valid administrator account start with adm_', date: '2025-08-02', modified: '2025-08-03', taxonomy: 'sigma',
      logsource: { category: 'process_creation', product: 'windows' }, rules: [ID, 'rar_compression'],
      detection: { selection: { 'User|startswith': 'adm_', EventID: '0x17' } }, condition: ['selection'],
    });
    expect(f!.locate(['filter', 'selection'])).toBe(14);
    expect(f!.locate(['filter', 'rules', 1])).toBe(13);
  });

  it.each([
    ['missing title', FILTER.replace(/^title: .*\n/, ''), '"title" is required', 1],
    ['bad id', FILTER.replace(/^id: .*$/m, 'id: 7'), '"id" must be a UUID', 2],
    ['missing logsource', FILTER.replace(/logsource:\n(\s+.*\n){2}/, ''), '"logsource" is required', 1],
    ['filter not a map', FILTER.replace(/filter:\n[\s\S]*$/, 'filter: [a, b]\n'), '"filter" must be a map', 10],
    ['missing rules', FILTER.replace(/ {4}rules:\n(\s+- .*\n){2}/, ''), '"filter.rules" is required', 10],
    ['rules empty', FILTER.replace(/ {4}rules:\n(\s+- .*\n){2}/, '    rules: []\n'), '"filter.rules" must be a non-empty list', 11],
    ['rules a map', FILTER.replace(/ {4}rules:\n(\s+- .*\n){2}/, '    rules: {a: b}\n'), '"filter.rules" must be a non-empty list', 11],
    ['rules not strings', FILTER.replace('        - rar_compression', '        - {name: x}'), '"filter.rules" must be a list of rule ids', 13],
    ['rules twice', FILTER.replace('        - rar_compression', `        - ${ID}`), `lists "${ID}" twice`, 13],
    ['missing condition', FILTER.replace('    condition: selection\n', ''), '"filter.condition" is required', 10],
    ['condition a map', FILTER.replace('    condition: selection', '    condition: {a: 1}'), '"filter.condition" is required', 17],
    ['no search identifier', FILTER.replace(/ {4}selection:\n(\s{8}.*\n){2}/, ''), '"filter" defines no search identifier', 10],
    ['logsource field not a string', FILTER.replace('product: windows', 'product: [windows]'), '"logsource.product" must be a string', 9],
  ])('error: %s', (_name, text, reason, line) => {
    const r = parseRuleText(text);
    expect(r.filters).toEqual([]);
    expect(r.errors[0]?.code).toBe('schema');
    expect(r.errors[0]?.reason).toContain(reason);
    expect(r.errors[0]?.line).toBe(line);
  });

  it('accepts one rule id as a string', () => {
    const r = parseRuleText(FILTER.replace(/ {4}rules:\n(\s+- .*\n){2}/, `    rules: ${ID}\n`));
    expect(r.errors).toEqual([]);
    expect(r.filters[0]?.rules).toEqual([ID]);
  });

  it('several documents: rules and filters side by side, action: global shared by filters', () => {
    const text = `action: global
logsource:
    product: windows
    category: process_creation
---
title: Rar
id: ${ID}
detection:
    sel:
        Image|endswith: '\\rar.exe'
    condition: sel
---
title: Admins
filter:
    rules: [${ID}]
    selection:
        User|startswith: adm_
    condition: selection
---
title: Backups
filter:
    rules: [${ID}]
    selection:
        ParentImage|endswith: '\\backup.exe'
    condition: selection
---
action: repeat
title: Backups, too
logsource:
    category: file_event
`;
    const r = parseRuleText(text);
    expect(r.errors).toEqual([]);
    expect(r.rules.map((x) => x.title)).toEqual(['Rar']);
    expect(r.filters.map((f) => [f.title, f.logsource.category, f.logsource.product])).toEqual([
      ['Admins', 'process_creation', 'windows'],
      ['Backups', 'process_creation', 'windows'],
      ['Backups, too', 'file_event', 'windows'],
    ]);
    expect(r.filters[2]?.detection).toEqual({ selection: { 'ParentImage|endswith': '\\backup.exe' } });
  });
});
