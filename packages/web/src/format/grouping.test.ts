import { describe, expect, it } from 'vitest';
import { groupingProblems, keysText, windowText } from './grouping.ts';

describe('grouping settings', () => {
  it('reads windows', () => {
    expect(windowText(240)).toBe('4 h');
    expect(windowText(90)).toBe('1 h 30 min');
    expect(windowText(2880)).toBe('2 d');
    expect(windowText(0)).toBe('0 min');
    expect(keysText(['host', 'user'])).toBe('Host + User');
  });

  it('accepts the default and names each problem with its rule', () => {
    expect(groupingProblems({ rules: [{ by: ['host'], windowMinutes: 240 }, { by: ['user'], windowMinutes: 240 }, { by: ['ip'], windowMinutes: 240 }], fallbackWindowMinutes: 240 })).toEqual([]);
    expect(groupingProblems({
      rules: [{ by: [], windowMinutes: 10 }, { by: ['host', 'host'], windowMinutes: 0 }, { by: ['user', 'host'], windowMinutes: 5 }, { by: ['host', 'user'], windowMinutes: 5 }],
      fallbackWindowMinutes: 50_000,
    })).toEqual([
      'Rule 1: choose at least one key',
      'Rule 2: a key is named twice',
      'Rule 2: the window must be 1 to 43200 minutes',
      'Rule 4: same keys as rule 3, so it never applies',
      'Fallback: the window must be 1 to 43200 minutes',
    ]);
  });
});
