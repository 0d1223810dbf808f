// Test helpers: validate a value and assert the defect it must produce.
import { expect } from 'vitest';
import type { DefectCode } from '../defects.ts';
import type { Severity, ValidateOptions } from '../types.ts';
import { validateObject } from '../validate.ts';

export interface Expected {
  code: DefectCode;
  path: string;
  severity?: Severity;
}

/** The object has this defect (severity defaults to error); returns all its defects. */
export function expectDefect(obj: unknown, expected: Expected, options?: ValidateOptions): ReturnType<typeof validateObject> {
  const defects = validateObject(obj, options);
  expect(defects).toContainEqual(expect.objectContaining({ code: expected.code, path: expected.path, severity: expected.severity ?? 'error' }));
  return defects;
}

/** The object has no defect at all. */
export function expectClean(obj: unknown, options?: ValidateOptions): void {
  expect(validateObject(obj, options)).toEqual([]);
}

/** A copy of `obj` with properties replaced (`undefined` deletes). */
export function withProps(obj: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...structuredClone(obj) };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}
