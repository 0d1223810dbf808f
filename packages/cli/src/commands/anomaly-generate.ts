// `bulwark anomaly generate [--users N] [--days D] [--seed S] [--truth <file>] [--score]`: realistic
// authentication, process and network logs (NDJSON that POST /api/v1/events accepts) with injected
// attacks (password spray, impossible travel, exfiltration, dormant account); the ground truth goes
// to --truth. With --score, the security jobs run over the logs here and the precision and recall per
// attack are printed instead of the events.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { UsageError } from '../problem.ts';
import { loadServerPackage } from '../server-package.ts';

interface GenerateOptions { users?: number; days?: number; seed?: number }
interface Score { kind: string; job: string; attacks: number; detected: number; findings: number; precision: number; recall: number }
interface GeneratorApi {
  anomalyGenerate(opts: GenerateOptions): { events: Array<Record<string, unknown>>; truth: unknown };
  anomalyScoreGenerated(opts: GenerateOptions): { events: number; scores: Score[]; findingsByJob: Record<string, number>; seconds: number; truth: unknown };
}

interface Options { users: string; days: string; seed: string; truth?: string; score?: boolean }

function int(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(v)}`);
  return n;
}

export function registerAnomalyGenerate(anomaly: Command, app: App): void {
  anomaly
    .command('generate')
    .description('authentication and network logs with injected attacks and their ground truth (NDJSON on stdout)')
    .option('--users <n>', 'users of the organisation', '100')
    .option('--days <n>', 'days of logs (dormant accounts need 42 or more)', '45')
    .option('--seed <n>', 'seed of every random choice', '1')
    .option('--truth <file>', 'write the ground truth (injected attacks, allow-list) to this JSON file')
    .option('--score', 'run the security jobs over the logs and print precision and recall per attack instead of the events')
    .action(async (o: Options, cmd: Command) => {
      const ctx = app.ctx(cmd);
      const opts = { users: int('users', o.users, 1, 100_000), days: int('days', o.days, 1, 366), seed: int('seed', o.seed, 0, 2 ** 32 - 1) };
      const api = await loadServerPackage<GeneratorApi>('anomaly generate', ['anomalyGenerate', 'anomalyScoreGenerated']);
      if (o.score) {
        const run = api.anomalyScoreGenerated(opts);
        if (o.truth) writeFileSync(o.truth, `${JSON.stringify(run.truth, null, 2)}\n`);
        if (ctx.json) {
          ctx.out.stdout.write(`${JSON.stringify({ events: run.events, seconds: Math.round(run.seconds * 1000) / 1000, scores: run.scores, findings_by_job: run.findingsByJob })}\n`);
          return;
        }
        ctx.out.stdout.write('attack              job                 attacks  found  findings  precision  recall\n');
        for (const s of run.scores) {
          ctx.out.stdout.write(`${s.kind.padEnd(20)}${s.job.padEnd(20)}${String(s.attacks).padStart(7)}${String(s.detected).padStart(7)}${String(s.findings).padStart(10)}${s.precision.toFixed(2).padStart(11)}${s.recall.toFixed(2).padStart(8)}\n`);
        }
        ctx.out.stderr.write(`${run.events} events through every job in ${run.seconds.toFixed(1)} s; findings by job: ${JSON.stringify(run.findingsByJob)}\n`);
        return;
      }
      const { events, truth } = api.anomalyGenerate(opts);
      if (o.truth) writeFileSync(o.truth, `${JSON.stringify(truth, null, 2)}\n`);
      const out = ctx.out.stdout;
      let chunk = '';
      for (const e of events) {
        chunk += `${JSON.stringify(e)}\n`;
        if (chunk.length > 1 << 20) { out.write(chunk); chunk = ''; }
      }
      out.write(chunk);
      ctx.out.stderr.write(`${events.length} events${o.truth ? `; ground truth in ${o.truth}` : ''}\n`);
    });
}
