import { API as contract } from '@bulwark/contracts';
import { describe, expect, it } from 'vitest';
import { API } from './api.ts';

describe('CLI paths', () => {
  it('match the API table in @bulwark/contracts', () => {
    for (const [name, value] of Object.entries(API)) {
      const expected = (contract as Record<string, unknown>)[name];
      if (typeof value === 'function') {
        expect(typeof expected).toBe('function');
        const id = 'a b/c';
        expect(value(id)).toBe((expected as (id: string) => string)(id));
      } else {
        expect(value).toBe(expected);
      }
    }
  });
});
