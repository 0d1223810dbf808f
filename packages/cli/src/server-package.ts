// Local commands (serve, migrate, evtx, sigma, hunt) run server code in this process. @bulwark/server is
// loaded only when one of them runs, so every other command works without it.
import { UsageError } from './problem.ts';

// A variable specifier keeps the typechecker and bundlers from requiring the server package.
const SERVER_PACKAGE: string = '@bulwark/server';

/** Loads the server package and checks that it exports the functions named. */
export async function loadServerPackage<T>(command: string, exportsNeeded: readonly string[]): Promise<T> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(SERVER_PACKAGE)) as Record<string, unknown>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(SERVER_PACKAGE)) {
      throw new UsageError(`${SERVER_PACKAGE} is not installed here; run ${command} from a Bulwark checkout (npm ci)`);
    }
    throw err;
  }
  const missing = exportsNeeded.filter((name) => typeof mod[name] !== 'function');
  if (missing.length > 0) throw new Error(`${SERVER_PACKAGE} does not export ${missing.join(', ')}`);
  return mod as T;
}
