// `bulwark hunt <paths...> --rules <dir>`: Sigma rules over log files offline (.evtx, JSON, NDJSON,
// evtx_dump-style concatenated JSON, gzip), with a timeline table, NDJSON or CSV, and a summary.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { UsageError } from '../problem.ts';
import { Progress } from '../progress.ts';
import { loadServerPackage } from '../server-package.ts';

interface Detection {
  readonly time: string | undefined;
  readonly level: string;
}
interface HuntResult {
  readonly detections: Detection[];
  readonly problems: Array<{ file: string; record?: number; reason: string }>;
  readonly ruleErrors: Array<{ file: string; reason: string }>;
  readonly rules: number;
  readonly files: number;
  readonly events: number;
  readonly seconds: number;
}
interface HuntApi {
  hunt(inputs: string[], opts: { rules: string[]; minLevel?: string; logsource?: Logsource; onFile?(file: string, i: number, n: number): void; onEvents?(n: number): void }): Promise<HuntResult>;
  huntReport: {
    byTime(a: Detection, b: Detection): number;
    table(rows: readonly Detection[]): string;
    csv(rows: readonly Detection[]): string;
    summarise(rows: readonly Detection[]): unknown;
    summaryText(s: unknown): string;
  };
}

type Logsource = Partial<Record<'product' | 'service' | 'category', string>>;

/** `product=linux,service=auditd` → `{ product: 'linux', service: 'auditd' }` (Sigma logsource fields only). */
export function parseLogsource(spec: string): Logsource {
  const out: Logsource = {};
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (eq < 0 || (key !== 'product' && key !== 'service' && key !== 'category') || !/^[\w.-]{1,64}$/.test(value)) {
      throw new UsageError(`--logsource takes product=…,service=…,category=… (Sigma logsource names), not ${JSON.stringify(spec)}`);
    }
    out[key] = value.toLowerCase();
  }
  return out;
}

interface Options {
  rules: string[];
  logsource?: Logsource;
  format: 'table' | 'json' | 'csv';
  output?: string;
  minLevel?: string;
  summary: boolean;
}

export function registerHunt(program: Command, app: App): void {
  program
    .command('hunt')
    .description('run Sigma rules over log files offline (.evtx, JSON, NDJSON, concatenated JSON, .gz)')
    .argument('<paths...>', 'files or folders')
    .requiredOption('--rules <dir...>', 'Sigma rule files or folders')
    .option('--format <format>', 'table (a timeline), json (NDJSON) or csv', 'table')
    .option('-o, --output <file>', 'write the results to a file instead of standard output')
    .option('--logsource <spec>', 'Sigma logsource of events that have no Windows channel, e.g. product=linux,service=auditd (default: what each event says)', parseLogsource)
    .option('--min-level <level>', 'only rules at this level or above (informational, low, medium, high, critical)')
    .option('--no-summary', 'leave out the summary by rule, level and host')
    .action(async (paths: string[], o: Options, cmd: Command) => {
      const ctx = app.ctx(cmd);
      const api = await loadServerPackage<HuntApi>('hunt', ['hunt']);
      const json = ctx.json || o.format === 'json';
      const progress = new Progress({ ...ctx.out, json });
      const started = Date.now();
      let file = '';
      let index = 0;
      const result = await api.hunt(paths, {
        rules: o.rules,
        ...(o.minLevel ? { minLevel: o.minLevel } : {}),
        ...(o.logsource ? { logsource: o.logsource } : {}),
        onFile: (f, i, n) => {
          file = f.length > 40 ? `…${f.slice(-39)}` : f;
          index = i;
          if (i === 0) progress.start(n, 0, { file, events: 0, rate: 0 });
        },
        onEvents: (events) => progress.update(index, { file, events, rate: Math.round(events / Math.max((Date.now() - started) / 1000, 0.001)) }),
      });
      progress.stop();
      const rows = [...result.detections].sort(api.huntReport.byTime);
      const body = json ? rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '') : o.format === 'csv' ? api.huntReport.csv(rows) : `${api.huntReport.table(rows)}\n`;
      if (o.output) writeFileSync(o.output, body);
      else ctx.out.stdout.write(body);
      const s = api.huntReport.summarise(rows);
      if (o.summary && !json) ctx.out.stderr.write(`\n${api.huntReport.summaryText(s)}\n`);
      if (json && o.output === undefined && o.summary) ctx.out.stderr.write(`${JSON.stringify({ summary: s })}\n`);
      for (const p of result.problems.slice(0, 20)) ctx.out.stderr.write(`warning: ${p.file}${p.record !== undefined ? `:${p.record}` : ''}: ${p.reason}\n`);
      if (result.problems.length > 20) ctx.out.stderr.write(`warning: ${result.problems.length - 20} more unreadable records\n`);
      if (result.ruleErrors.length > 0) ctx.out.stderr.write(`${result.ruleErrors.length} rule(s) could not be compiled (see: bulwark sigma check)\n`);
      ctx.out.stderr.write(`${result.files} file(s), ${result.events} events, ${result.rules} rules, ${rows.length} detections in ${result.seconds.toFixed(1)} s (${Math.round(result.events / Math.max(result.seconds, 1e-9))} events/s)\n`);
    });
}
