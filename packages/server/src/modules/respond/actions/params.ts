// Checking an action's `with` parameters: a small declarative spec per action, so that every action
// reports problems the same way (path relative to `with`) and accepts templates when a playbook is saved.
import { hasTemplate, parseDuration, type ParamProblem, type ValidationStage } from '../playbooks/index.ts';

export type ParamSpec =
  | { readonly type: 'string'; readonly required?: boolean; readonly max?: number; readonly oneOf?: readonly string[] }
  | { readonly type: 'duration'; readonly required?: boolean }
  | { readonly type: 'integer'; readonly required?: boolean; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean'; readonly required?: boolean }
  | { readonly type: 'object'; readonly required?: boolean }
  | { readonly type: 'strings'; readonly required?: boolean; readonly max?: number };

export function checkParams(spec: Readonly<Record<string, ParamSpec>>, params: Readonly<Record<string, unknown>>, stage: ValidationStage): ParamProblem[] {
  const out: ParamProblem[] = [];
  for (const key of Object.keys(params)) if (!(key in spec)) out.push({ path: key, message: `unknown parameter; known: ${Object.keys(spec).join(', ')}` });
  for (const [key, s] of Object.entries(spec)) {
    const v = params[key];
    if (v === undefined || v === null || v === '') {
      if (s.required) out.push({ path: key, message: 'required' });
      continue;
    }
    if (stage === 'document' && hasTemplate(v)) continue;
    switch (s.type) {
      case 'string':
        if (typeof v !== 'string' && typeof v !== 'number') out.push({ path: key, message: 'must be text' });
        else if (s.max !== undefined && String(v).length > s.max) out.push({ path: key, message: `at most ${s.max} characters` });
        else if (s.oneOf && !s.oneOf.includes(String(v))) out.push({ path: key, message: `one of ${s.oneOf.join(', ')}` });
        break;
      case 'duration': {
        const d = typeof v === 'string' ? parseDuration(v) : { ok: false as const, message: 'a duration such as 30m, 24h or 7d' };
        if (!d.ok) out.push({ path: key, message: d.message });
        break;
      }
      case 'integer':
        if (typeof v !== 'number' || !Number.isInteger(v) || (s.min !== undefined && v < s.min) || (s.max !== undefined && v > s.max)) out.push({ path: key, message: `an integer${s.min !== undefined ? ` from ${s.min}` : ''}${s.max !== undefined ? ` to ${s.max}` : ''}` });
        break;
      case 'boolean':
        if (typeof v !== 'boolean') out.push({ path: key, message: 'true or false' });
        break;
      case 'object':
        if (typeof v !== 'object' || Array.isArray(v)) out.push({ path: key, message: 'a mapping' });
        break;
      case 'strings':
        if (!(typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))) out.push({ path: key, message: 'text or a list of texts' });
        else if (s.max !== undefined && (Array.isArray(v) ? v.length : 1) > s.max) out.push({ path: key, message: `at most ${s.max} values` });
        break;
    }
  }
  return out;
}

export const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
export const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)]);
export function durationMs(v: unknown): number | null {
  if (v === undefined || v === null || v === '') return null;
  const d = parseDuration(String(v));
  return d.ok ? d.ms : null;
}
