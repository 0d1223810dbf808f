// What every command action gets: the HTTP client built from the global options, output, exit status.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Client } from './http.ts';
import { stdio, type Out } from './output.ts';
import { UsageError } from './problem.ts';

export const DEFAULT_URL = 'http://127.0.0.1:8080';

export interface GlobalOptions {
  readonly url: string;
  readonly token?: string;
  readonly tokenFile?: string;
  readonly json?: boolean;
  readonly timeout: string;
}

export interface Ctx {
  readonly out: Out;
  readonly json: boolean;
  readonly client: Client;
  /** Aborted on Ctrl-C, so long-running commands can stop cleanly. */
  readonly signal: AbortSignal;
  /** Non-zero status without an error message (e.g. 2: audit chain broken). */
  exit(code: number): void;
}

export interface App {
  ctx(cmd: Command): Ctx;
  exitCode: number;
  /** Whether the last command had a token (for the hint after a 401). */
  hadToken: boolean;
  readonly signal: AbortSignal;
}

/** Reads a secret from a file (or stdin for "-"), dropping one trailing newline. */
export function readSecretFile(path: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${what} file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const value = text.replace(/\r?\n$/, '');
  if (value === '') throw new UsageError(`${what} file ${path} is empty`);
  return value;
}

/** --token beats --token-file; a flag on the command line beats one from the environment. */
export function resolveToken(root: Command): string | undefined {
  const o = root.opts<GlobalOptions>();
  const tokenSrc = root.getOptionValueSource('token');
  const fileSrc = root.getOptionValueSource('tokenFile');
  if (o.token !== undefined && o.tokenFile !== undefined && tokenSrc === 'cli' && fileSrc === 'cli') {
    throw new UsageError('give --token or --token-file, not both');
  }
  if (o.tokenFile !== undefined && (o.token === undefined || (fileSrc === 'cli' && tokenSrc !== 'cli'))) {
    return readSecretFile(o.tokenFile, 'token');
  }
  return o.token === '' ? undefined : o.token;
}

function rootOf(cmd: Command): Command {
  let c = cmd;
  while (c.parent) c = c.parent;
  return c;
}

export function createApp(signal: AbortSignal): App {
  const app: App = {
    exitCode: 0,
    hadToken: false,
    signal,
    ctx(cmd: Command): Ctx {
      const root = rootOf(cmd);
      const o = root.opts<GlobalOptions>();
      const json = o.json === true;
      const timeout = Number(o.timeout);
      if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--timeout must be a positive number of seconds, not ${o.timeout}`);
      const token = resolveToken(root);
      app.hadToken = token !== undefined;
      const client = new Client({ url: o.url, token, timeoutMs: timeout * 1000 });
      return {
        out: stdio(json),
        json,
        client,
        signal,
        exit(code: number) {
          app.exitCode = Math.max(app.exitCode, code);
        },
      };
    },
  };
  return app;
}
