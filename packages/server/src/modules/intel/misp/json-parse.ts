// JSON.parse that reports instead of throwing (syntax errors, and nesting deep enough to exhaust the stack).
import type { ProblemLog } from './problems.ts';

export function parseJson(text: string, log: ProblemLog): { ok: true; value: unknown } | { ok: false } {
  try {
    // A UTF-8 byte order mark is tolerated.
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown };
  } catch (err) {
    log.error('json', '', `not valid JSON: ${(err as Error).message}`);
    return { ok: false };
  }
}
