// The shape shared by object template mappings: attributes in (by object_relation), observations and SCOs out.
import type { Observation, ScoNode } from './observable.ts';

export interface TemplateAttribute {
  relation: string;
  value: string;
}

export interface TemplateResult {
  observations: Observation[];
  scos: ScoNode[];
  /** Indexes of the attributes that entered the result. */
  used: Set<number>;
  /** Values that did not parse (index → reason). */
  errors: { index: number; message: string }[];
}

export type Template = (attrs: readonly TemplateAttribute[]) => TemplateResult;

export const isErr = (v: unknown): v is { error: string } => typeof v === 'object' && v !== null && 'error' in v;

export function result(): TemplateResult {
  return { observations: [], scos: [], used: new Set(), errors: [] };
}
