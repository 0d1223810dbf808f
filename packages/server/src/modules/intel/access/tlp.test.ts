import { describe, expect, it } from 'vitest';
import { RECIPIENT_CLASSES } from './recipient-class.ts';
import { atLeastAsRestrictive, isTlpLevel, mostRestrictive, TLP_AUDIENCE, TLP_LEVELS, tlpAllows, tlpLabel, type TlpLevel } from './tlp.ts';

describe('TLP levels as sets', () => {
  it('the inclusion order of the audiences is a chain: CLEAR ⊃ GREEN ⊃ AMBER ⊃ AMBER+STRICT ⊃ RED', () => {
    const sorted = [...TLP_LEVELS].sort((a, b) => TLP_AUDIENCE[b].size - TLP_AUDIENCE[a].size);
    expect(sorted).toEqual(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']);
    for (let i = 1; i < sorted.length; i += 1) {
      const wider = sorted[i - 1] as TlpLevel;
      const narrower = sorted[i] as TlpLevel;
      expect(atLeastAsRestrictive(narrower, wider)).toBe(true);
      expect(atLeastAsRestrictive(wider, narrower)).toBe(false);
    }
  });
  it('every audience uses known classes only', () => {
    for (const level of TLP_LEVELS) for (const c of TLP_AUDIENCE[level]) expect(RECIPIENT_CLASSES).toContain(c);
  });
  it('only CLEAR reaches the public; RED never reaches the owner as such nor any peer', () => {
    expect(TLP_LEVELS.filter((l) => tlpAllows(l, ['public']))).toEqual(['CLEAR']);
    expect(tlpAllows('RED', ['owner', 'community', 'peer', 'peer-of-named-recipient', 'peer-of-group-member', 'group-member', 'public'])).toBe(false);
  });
  it('mostRestrictive', () => {
    expect(mostRestrictive([])).toBeUndefined();
    expect(mostRestrictive(['CLEAR', 'AMBER', 'GREEN'])).toBe('AMBER');
    expect(mostRestrictive(['AMBER+STRICT', 'AMBER'])).toBe('AMBER+STRICT');
    expect(mostRestrictive(['RED', 'CLEAR'])).toBe('RED');
    expect(mostRestrictive(['GREEN', 'GREEN'])).toBe('GREEN');
  });
  it('the audience tables cannot be changed at run time', () => {
    expect(Object.isFrozen(TLP_AUDIENCE)).toBe(true);
    expect(() => ((TLP_AUDIENCE as Record<string, unknown>)['CLEAR'] = new Set())).toThrow();
    expect((TLP_AUDIENCE.RED as unknown as { add?: unknown }).add).toBeUndefined();
    expect(Object.isFrozen(TLP_AUDIENCE.RED)).toBe(true);
  });
  it('isTlpLevel and labels', () => {
    expect(TLP_LEVELS.every(isTlpLevel)).toBe(true);
    for (const v of ['WHITE', 'clear', 'toString', '__proto__', 3, undefined]) expect(isTlpLevel(v)).toBe(false);
    expect(tlpLabel('AMBER+STRICT')).toBe('TLP:AMBER+STRICT');
  });
});
