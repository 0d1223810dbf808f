// Local commands that run the server code in this process: `bulwark serve` and `bulwark migrate`.
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { UsageError } from '../problem.ts';
import { loadServerPackage } from '../server-package.ts';

interface ServerEntry {
  loadConfig(env?: NodeJS.ProcessEnv): unknown;
  runServer(config: unknown): Promise<{ url?: string; close(): Promise<void> }>;
  migrate(config: unknown): Promise<void>;
  ConfigError?: new (...args: never[]) => Error;
}

const loadServer = () => loadServerPackage<ServerEntry>('serve/migrate', ['loadConfig', 'runServer', 'migrate']);

function config(server: ServerEntry): unknown {
  try {
    return server.loadConfig();
  } catch (err) {
    // ConfigError names the setting; print it as a usage error, not a stack trace.
    if (err instanceof Error && err.name === 'ConfigError') throw new UsageError(err.message);
    throw err;
  }
}

export function registerLocal(program: Command, app: App): void {
  program
    .command('serve')
    .description('run the platform in this process with the BULWARK_* environment (same as npm start); Ctrl-C stops')
    .action(async () => {
      const server = await loadServer();
      const running = await server.runServer(config(server));
      if (running.url) process.stderr.write(`Bulwark is listening on ${running.url}\n`);
      await new Promise<void>((resolve) => {
        if (app.signal.aborted) resolve();
        else app.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      process.stderr.write('shutting down (draining inputs)…\n');
      const force = setTimeout(() => {
        process.stderr.write('shutdown took longer than 30 s; exiting\n');
        process.exit(1);
      }, 30_000);
      force.unref();
      await running.close();
      process.exit(0); // the platform may hold timers or handles that would keep the process alive
    });

  program
    .command('migrate')
    .description('apply database migrations to the configured database (BULWARK_DATABASE_URL or the embedded one) and exit')
    .action(async () => {
      const server = await loadServer();
      await server.migrate(config(server));
      process.stderr.write('migrations applied\n');
    });
}
