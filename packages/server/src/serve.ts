// Runs the platform until a signal: opens storage and bus, creates the first administrator on first
// start, serves HTTP (api role) and syslog (ingest role), and shuts down gracefully, draining inputs.
import type { Config } from './platform/config/config.ts';
import { bootstrap } from './platform/identity/bootstrap.ts';
import { createLogger } from './platform/log/log.ts';
import { openPlatform } from './platform/start.ts';
import { buildApp } from './app.ts';

export async function runServer(config: Config): Promise<{ url?: string; close(): Promise<void>; reloadRules(): Promise<void> }> {
  const log = createLogger(config.logLevel);
  const platform = await openPlatform(config, log);
  const first = await bootstrap(platform);
  if (first.credentialsFile) {
    process.stderr.write(`\nBulwark created its first administrator. The credentials are in ${first.credentialsFile} (readable only by you).\n\n`);
  } else if (first.created) {
    log.info({ email: config.admin.email }, 'created the first administrator from configuration');
  }
  const app = await buildApp(platform);
  await app.start();
  let url: string | undefined;
  if (app.http) {
    await app.http.listen({ host: config.host, port: config.port });
    const addr = app.http.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  }
  const syslog = Object.keys(app.syslogPorts).length > 0 ? app.syslogPorts : undefined;
  log.info({ url, syslog, roles: config.roles, database: platform.db.kind, bus: platform.bus.kind }, 'listening');
  let closing: Promise<void> | undefined;
  return {
    ...(url ? { url } : {}),
    async reloadRules() {
      await app.reloadRules();
      log.info('detection rules reloaded');
    },
    close() {
      closing ??= (async () => {
        await app.stop();
        await platform.db.close();
      })();
      return closing;
    },
  };
}
