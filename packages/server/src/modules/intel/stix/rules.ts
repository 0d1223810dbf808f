// Rules that apply to every object (versioning timestamps, `_enc` companions), and the registry of
// type-specific rules.
import type { Ctx } from './context.ts';
import { childPath } from './defects.ts';
import { META_RULES } from './rules-meta.ts';
import { SCO_RULES } from './rules-sco.ts';
import { SDO_RULES } from './rules-sdo.ts';
import { timeOrder, type Rule } from './rules-util.ts';
import { isTimestamp, subSecondDigits } from './timestamp.ts';

export const TYPE_RULES: Readonly<Record<string, Rule>> = { ...SDO_RULES, ...SCO_RULES, ...META_RULES };

export function commonRules(obj: Readonly<Record<string, unknown>>, path: string, ctx: Ctx): void {
  // Versioning (3.6): modified is never earlier than created; both at least millisecond precision.
  timeOrder(obj, path, ctx, 'created', 'modified');
  for (const name of ['created', 'modified']) {
    const value = obj[name];
    if (isTimestamp(value) && subSecondDigits(value) < 3) {
      ctx.sink.warn(childPath(path, name), 'timestamp-precision', `${name} should have at least millisecond precision`);
    }
  }
  // An `_enc` property names the encoding of its base property and must not appear without it (3.1).
  for (const name of Object.keys(obj)) {
    if (name.endsWith('_enc') && name.length > 4 && !Object.hasOwn(obj, name.slice(0, -4))) {
      ctx.sink.error(childPath(path, name), 'requires', `${name} requires ${name.slice(0, -4)}`);
    }
  }
}
