// The README names every public export and every reason a signature is refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from './index.ts';
import type { VerifyFailure } from './signing.ts';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('names every runtime export of index.ts', () => {
    expect(Object.keys(api).filter((name) => !readme.includes(name))).toEqual([]);
  });
  it('lists every refusal reason', () => {
    const reasons: Record<VerifyFailure, true> = {
      malformed: true, unsupported: true, 'unknown-kid': true, 'bad-signature': true, 'wrong-type': true, 'wrong-audience': true,
      'too-old': true, 'from-future': true, replayed: true, 'replay-cache-full': true,
    };
    expect(Object.keys(reasons).filter((r) => !readme.includes(r))).toEqual([]);
  });
});
