// The Aho–Corasick pre-filter: every literal present is reported (a superset is allowed, never fewer).
import { describe, expect, it } from 'vitest';
import { LiteralAutomaton } from './literal-automaton.ts';

const found = (lits: string[], s: string) => {
  const out = new Set<number>();
  new LiteralAutomaton(lits).scan(s, (id) => out.add(id));
  return [...out].sort().map((i) => lits[i]);
};

describe('LiteralAutomaton', () => {
  it('reports overlapping and nested literals', () => {
    expect(found(['he', 'she', 'his', 'hers'], 'ushers')).toEqual(['he', 'she', 'hers']);
  });
  it('folds ASCII case (literals are lower-cased)', () => {
    expect(found(['\\whoami.exe', 'cmd'], 'C:\\Windows\\System32\\WHOAMI.EXE')).toEqual(['\\whoami.exe']);
  });
  it('lower-cases non-ASCII text as toLowerCase does (Kelvin sign → k)', () => {
    expect(found(['kiwi'], '\u212Aiwi')).toEqual(['kiwi']);
    expect(found(['émoi'], 'ÉMOI')).toEqual(['émoi']);
  });
  it('duplicates and long literals (cut, still reported when present)', () => {
    const long = 'a-very-long-literal-indeed';
    expect(found(['dup', 'dup', long], `x ${long.toUpperCase()} dup`)).toEqual(['dup', 'dup', long]);
  });
  it('reports nothing for absent literals', () => {
    expect(found(['mimikatz', 'sekurlsa'], 'notepad.exe')).toEqual([]);
  });
});
