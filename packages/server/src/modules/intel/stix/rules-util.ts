// Building blocks of the semantic rules: time order and co-constraints between properties.
import type { Ctx } from './context.ts';
import { childPath } from './defects.ts';
import { compareTimestamps, isTimestamp } from './timestamp.ts';

export type Rule = (obj: Readonly<Record<string, unknown>>, path: string, ctx: Ctx) => void;

const present = (obj: Readonly<Record<string, unknown>>, name: string): boolean => obj[name] !== undefined;

/**
 * `later` must not be earlier than `earlier` (error `time-order`). With `strictlyLater`, equal values are
 * reported too, as a warning (`time-equal`): an empty interval is harmless, and common in real data.
 */
export function timeOrder(obj: Readonly<Record<string, unknown>>, path: string, ctx: Ctx, earlier: string, later: string, strictlyLater = false): void {
  const a = obj[earlier];
  const b = obj[later];
  if (!isTimestamp(a) || !isTimestamp(b)) return;
  const c = compareTimestamps(b, a);
  if (c < 0) ctx.sink.error(childPath(path, later), 'time-order', `${later} (${b}) is earlier than ${earlier} (${a})`);
  else if (c === 0 && strictlyLater) ctx.sink.warn(childPath(path, later), 'time-equal', `${later} equals ${earlier} (${a}); it must be later`);
}

/** At least one of `names` must be present. */
export function oneOf(obj: Readonly<Record<string, unknown>>, path: string, ctx: Ctx, names: readonly string[], why = ''): void {
  if (!names.some((n) => present(obj, n))) ctx.sink.error(path, 'missing-one-of', `at least one of ${names.join(', ')} is required${why}`);
}

/** `a` and `b` must not both be present. */
export function exclusive(obj: Readonly<Record<string, unknown>>, path: string, ctx: Ctx, a: string, b: string): void {
  if (present(obj, a) && present(obj, b)) ctx.sink.error(childPath(path, b), 'mutually-exclusive', `${a} and ${b} must not both be present`);
}

/** When `prop` is present, every one of `needs` must be present too. */
export function requires(obj: Readonly<Record<string, unknown>>, path: string, ctx: Ctx, prop: string, needs: readonly string[]): void {
  if (!present(obj, prop)) return;
  for (const need of needs) {
    if (!present(obj, need)) ctx.sink.error(childPath(path, prop), 'requires', `${prop} requires ${need}`);
  }
}
