// The `bulwark` command: global options and commander wiring; each command family lives in commands/.
import { Command, CommanderError, Option } from 'commander';
import { registerAdmin } from './commands/admin.ts';
import { registerAiguard } from './commands/aiguard.ts';
import { registerAlerts } from './commands/alerts.ts';
import { registerAnomaly } from './commands/anomaly.ts';
import { registerAudit } from './commands/audit.ts';
import { registerEvents } from './commands/events.ts';
import { registerEvtx } from './commands/evtx.ts';
import { registerHunt } from './commands/hunt.ts';
import { registerIntel } from './commands/intel.ts';
import { registerIntelGroups } from './commands/intel-groups.ts';
import { registerFederation } from './commands/federation.ts';
import { registerLocal } from './commands/local.ts';
import { registerMedia } from './commands/media.ts';
import { registerPlaybook } from './commands/playbook.ts';
import { registerSigma } from './commands/sigma.ts';
import { registerStatus } from './commands/status.ts';
import { createApp, DEFAULT_URL } from './context.ts';
import { ProblemError, renderError } from './problem.ts';

export function buildProgram(app: ReturnType<typeof createApp>): Command {
  const program = new Command('bulwark')
    .description('Bulwark command line: administration, event transfer and audit over the HTTP API; serve and migrate locally')
    .version('0.1.0')
    .addOption(new Option('--url <url>', 'server URL').env('BULWARK_URL').default(DEFAULT_URL))
    .addOption(new Option('--token <token>', 'API token (prefer --token-file: arguments are visible to other users)').env('BULWARK_TOKEN'))
    .addOption(new Option('--token-file <path>', 'file holding the API token').env('BULWARK_TOKEN_FILE'))
    .option('--json', 'machine-readable output: one JSON document (NDJSON for streams)')
    .option('--timeout <seconds>', 'timeout of each HTTP request', '60')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureHelp({ showGlobalOptions: true });
  registerStatus(program, app);
  registerAdmin(program, app);
  registerEvents(program, app);
  registerAlerts(program, app);
  registerAudit(program, app);
  registerLocal(program, app);
  registerSigma(program, app);
  registerPlaybook(program, app);
  registerEvtx(program, app);
  registerHunt(program, app);
  registerIntel(program, app);
  registerIntelGroups(program, app);
  registerFederation(program, app);
  registerAnomaly(program, app);
  registerMedia(program, app);
  registerAiguard(program, app);
  // Sub-commands inherit exitOverride and output settings.
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Runs the CLI; resolves to the exit status. */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const abort = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++interrupts > 1) process.exit(130); // second Ctrl-C: stop now
    abort.abort(new Error(`interrupted (${signal})`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0); // e.g. `bulwark events tail | head`
    throw err;
  });
  const app = createApp(abort.signal);
  try {
    await buildProgram(app).parseAsync(argv as string[]);
    return abort.signal.aborted && app.exitCode === 0 ? 130 : app.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (abort.signal.aborted) return 130;
    process.stderr.write(`${renderError(err)}\n`);
    if (err instanceof ProblemError && err.status === 401 && !app.hadToken) {
      process.stderr.write('hint: give a token with --token-file <path> or BULWARK_TOKEN\n');
    }
    if (process.env.BULWARK_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
