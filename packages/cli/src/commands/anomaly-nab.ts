// `bulwark anomaly nab <nab-dir> [--detector <name>] [--results <name>] [--json]`: runs a streaming
// detector over the Numenta Anomaly Benchmark and scores it with our NAB scorer (three profiles).
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { table } from '../output.ts';
import { UsageError } from '../problem.ts';
import { loadServerPackage } from '../server-package.ts';

const PROFILES = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'] as const;

interface ProfileReport {
  readonly threshold: number;
  readonly raw: number;
  readonly normalised: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly windowsDetected: number;
  readonly windows: number;
}
interface NabResult {
  readonly detector: string;
  readonly series: number;
  readonly rows: number;
  readonly detectSeconds: number;
  readonly profiles: Record<(typeof PROFILES)[number], ProfileReport>;
}
interface NabApi {
  anomalyNab(dir: string, opts: { detector?: string; options?: Record<string, unknown>; results?: string; threads?: number }): Promise<NabResult>;
}

interface Options {
  detector?: string;
  options?: string;
  results?: string;
  threads?: string;
}

export function registerAnomalyNab(anomaly: Command, app: App): void {
  anomaly
    .command('nab')
    .description('run a streaming detector over the Numenta Anomaly Benchmark and print its NAB scores (standard, low FP, low FN)')
    .argument('<nab-dir>', 'NAB folder (data/, labels/combined_windows.json; results/ for --results)')
    .option('--detector <name>', 'streaming detector (default: our best): novelty, novelty-forest, random-cut-forest, half-space-trees, windowed-gaussian')
    .option('--options <json>', 'detector settings as a JSON object, the same for every series, e.g. {"trees":50}')
    .option('--results <detector>', "score a reference detector's shipped results (results/<detector>/…) instead of running one")
    .option('--threads <n>', 'worker threads (default: the number of cores)')
    .action(async (dir: string, o: Options, cmd: Command) => {
      const ctx = app.ctx(cmd);
      if (o.detector && o.results) throw new UsageError('give --detector or --results, not both');
      let options: Record<string, unknown> | undefined;
      if (o.options !== undefined) {
        try {
          options = JSON.parse(o.options) as Record<string, unknown>;
        } catch {
          throw new UsageError('--options takes a JSON object');
        }
        if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new UsageError('--options takes a JSON object');
      }
      const threads = o.threads === undefined ? undefined : Number(o.threads);
      if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) throw new UsageError('--threads takes a whole number from 1 to 64');
      const api = await loadServerPackage<NabApi>('anomaly nab', ['anomalyNab']);
      const r = await api.anomalyNab(dir, {
        ...(o.detector ? { detector: o.detector } : {}),
        ...(options ? { options } : {}),
        ...(o.results ? { results: o.results } : {}),
        ...(threads ? { threads } : {}),
      });
      if (ctx.json) {
        const round = (x: number) => Math.round(x * 100) / 100;
        ctx.out.stdout.write(`${JSON.stringify({ standard: round(r.profiles.standard.normalised), reward_low_FP_rate: round(r.profiles.reward_low_FP_rate.normalised), reward_low_FN_rate: round(r.profiles.reward_low_FN_rate.normalised) })}\n`);
        return;
      }
      const rows = PROFILES.map((p) => ({ profile: p, ...r.profiles[p] }));
      ctx.out.stdout.write(
        `${table(rows, [
          { header: 'profile', value: (x) => x.profile },
          { header: 'score', value: (x) => x.normalised.toFixed(2) },
          { header: 'raw', value: (x) => x.raw.toFixed(3) },
          { header: 'threshold', value: (x) => String(Number(x.threshold.toPrecision(6))) },
          { header: 'windows', value: (x) => `${x.windowsDetected}/${x.windows}` },
          { header: 'TP rows', value: (x) => x.tp },
          { header: 'FP rows', value: (x) => x.fp },
          { header: 'FN rows', value: (x) => x.fn },
        ])}\n`,
      );
      ctx.out.stderr.write(`${r.detector}: ${r.series} series, ${r.rows} rows${r.detectSeconds > 0 ? `, detector ran in ${r.detectSeconds.toFixed(1)} s` : ''}; scores normalised: null detector 0, perfect 100\n`);
    });
}
