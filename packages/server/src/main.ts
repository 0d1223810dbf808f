// Entry point: parse configuration once, run, and stop gracefully on SIGTERM / SIGINT.
import { ConfigError, loadConfig } from './platform/config/config.ts';
import { runServer } from './serve.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const server = await runServer(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: shutting down (draining inputs)…\n`);
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    server.close().then(() => process.exit(0), (err: unknown) => {
      process.stderr.write(`shutdown failed: ${String(err)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGHUP', () => {
    server.reloadRules().catch((err: unknown) => process.stderr.write(`rule reload failed: ${String(err)}\n`));
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Bulwark failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
