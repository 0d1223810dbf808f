// What every check receives: where defects go and the caller's options.
import type { Sink } from './defects.ts';
import type { ValidateOptions } from './types.ts';

export interface Ctx {
  readonly sink: Sink;
  readonly options: ValidateOptions;
}
