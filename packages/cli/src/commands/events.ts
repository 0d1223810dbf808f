// `bulwark events send | search | tail`.
import type { EventFormat, EventPage } from '@bulwark/contracts';
import type { Command} from 'commander';
import { Option } from 'commander';
import { API } from '../api.ts';
import type { App } from '../context.ts';
import { note, printJson, printTable, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';
import { parseTime } from '../time.ts';
import { printSendReport, sendExitCode, sendFiles } from './events-send.ts';
import { tail } from './events-tail.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function intIn(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
    return n;
  };
}

interface SendFlags {
  source?: string;
  format: EventFormat;
  batch: number;
  maxBatchBytes: number;
  concurrency: number;
  stateDir?: string;
  restart?: boolean;
  retries: number;
  compress: boolean;
}

export function registerEvents(program: Command, app: App): void {
  const events = program.command('events').description('send, search and follow security events');

  events
    .command('send <file...>')
    .description(
      'send events from files: NDJSON or a JSON array (--format json), or text lines (syslog, cef, leef); .gz is decompressed.\n' +
        'Progress is checkpointed after every acknowledged batch; running the same command again resumes.\n' +
        'Exit status: 0 all stored, 2 some lines rejected (listed with their line numbers), 1 error, 130 interrupted.',
    )
    .option('--source <name>', 'logical source name (part of every event_id)')
    .addOption(new Option('--format <format>', 'how to read the files').choices(['json', 'syslog', 'cef', 'leef']).default('json'))
    .option('--batch <n>', 'events per request', intIn('--batch', 1, 100_000), 1000)
    .option('--max-batch-bytes <n>', 'largest request body before compression', intIn('--max-batch-bytes', 1024, 1 << 30), 8 * 1024 * 1024)
    .option('--concurrency <n>', 'requests in flight', intIn('--concurrency', 1, 16), 2)
    .option('--state-dir <dir>', 'where checkpoints live (default: <file>.bulwark-progress beside each file)')
    .option('--restart', 'ignore any checkpoint and send from the start')
    .option('--retries <n>', 'retries per batch on network errors, 429 and 503', intIn('--retries', 0, 1000), 10)
    .option('--no-compress', 'send the body uncompressed (default: gzip)')
    .action(async (files: string[], o: SendFlags, cmd: Command) => {
      const c = app.ctx(cmd);
      if (files.filter((f) => f === '-').length > 0 && files.length > 1) throw new UsageError('"-" (stdin) cannot be combined with files');
      const report = await sendFiles(c.client, c.out, files, {
        source: o.source,
        format: o.format,
        batch: o.batch,
        maxBatchBytes: o.maxBatchBytes,
        concurrency: o.concurrency,
        stateDir: o.stateDir,
        restart: o.restart === true,
        maxRetries: o.retries,
        compress: o.compress,
      }, c.signal);
      printSendReport(c.out, report);
      if (report.fatal !== undefined) throw report.fatal;
      c.exit(sendExitCode(report));
    });

  events
    .command('search')
    .description('search stored events, newest first')
    .option('--from <time>', 'oldest event time: RFC 3339 or an age such as 1h, 7d')
    .option('--to <time>', 'newest event time')
    .option('-q, --query <text>', 'text to find anywhere in the event')
    .option('--field <path=value>', 'field match, e.g. ocsf.src_endpoint.ip=10.0.0.1 (repeatable)', collect)
    .option('--limit <n>', 'events per page', intIn('--limit', 1, 1000), 100)
    .option('--cursor <cursor>', 'continue from a previous page')
    .action(async (o: { from?: string; to?: string; query?: string; field?: string[]; limit: number; cursor?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      for (const f of o.field ?? []) if (!/^[^=]+=/.test(f)) throw new UsageError(`--field must be path=value, not ${f}`);
      const page = await c.client.get<EventPage>(API.events, {
        from: o.from === undefined ? undefined : parseTime(o.from),
        to: o.to === undefined ? undefined : parseTime(o.to),
        q: o.query,
        field: o.field,
        limit: o.limit,
        cursor: o.cursor,
      });
      if (c.json) return printJson(c.out, page);
      printTable(c.out, page.events, [
        { header: 'time', value: (e) => e.time },
        { header: 'source', value: (e) => e.source, max: 24 },
        { header: 'class', value: (e) => e.classUid },
        { header: 'sev', value: (e) => e.severityId },
        { header: 'event id', value: (e) => e.eventId, max: 64 },
        { header: 'message', value: (e) => e.message ?? e.native, max: 100 },
      ], '(no events)');
      if (page.next) note(c.out, `more: --cursor ${sanitize(page.next)}`);
    });

  events
    .command('tail')
    .description('follow new events (and alerts with --topics events,alerts) as they arrive; Ctrl-C stops')
    .option('--topics <list>', 'comma-separated: events, alerts', 'events')
    .option('--last-event-id <id>', 'resume a stream after this id')
    .option('--idle-timeout <seconds>', 'reconnect after this long without data or heartbeat', intIn('--idle-timeout', 5, 86_400), 60)
    .option('--count <n>', 'exit after n messages (0: follow forever)', intIn('--count', 0, Number.MAX_SAFE_INTEGER), 0)
    .action(async (o: { topics: string; lastEventId?: string; idleTimeout: number; count: number }, cmd: Command) => {
      if (!/^(events|alerts)(,(events|alerts))*$/.test(o.topics)) throw new UsageError(`--topics must list events and/or alerts, not ${o.topics}`);
      await tail(app.ctx(cmd), { topics: o.topics, lastEventId: o.lastEventId, idleSeconds: o.idleTimeout, count: o.count });
    });
}
