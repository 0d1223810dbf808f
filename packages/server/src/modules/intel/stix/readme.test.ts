// The README documents every defect code and names every public export.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFECT_CODES } from './defects.ts';
import * as api from './index.ts';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every defect code', () => {
    const missing = Object.keys(DEFECT_CODES).filter((code) => !readme.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
  it('names every runtime export of index.ts', () => {
    const missing = Object.keys(api).filter((name) => !readme.includes(name));
    expect(missing).toEqual([]);
  });
});
