// `bulwark anomaly eval <csv> [--detector <name>] [--protocol whole|split] [--seed <n>]`: fits a
// multivariate batch detector on a CSV of numeric features with a final 0/1 `label` column and prints
// `roc_auc=<value>` (with --json, one JSON document). The labels are used only for the ROC-AUC.
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { UsageError } from '../problem.ts';
import { loadServerPackage } from '../server-package.ts';

interface EvalResult {
  readonly roc_auc: number;
  readonly detector: string;
  readonly protocol: 'whole' | 'split';
  readonly rows: number;
  readonly outliers: number;
  readonly seconds: number;
}

interface AnomalyEvalApi {
  anomalyEvalCsv(path: string, opts: { detector?: string; protocol?: 'whole' | 'split'; seed?: number }): EvalResult;
}

interface Options {
  detector?: string;
  protocol: string;
  seed: string;
}

export function registerAnomalyEval(anomaly: Command, app: App): void {
  anomaly
    .command('eval')
    .description('ROC-AUC of a multivariate detector on a CSV of numeric features with a final 0/1 label column')
    .argument('<csv>', 'CSV file: header f0,…,label, then one row per line')
    .option('--detector <name>', 'iforest, hbos, loda, ecod, knn, inne or ensemble (default: ensemble, the best on ODDS)')
    .option('--protocol <protocol>', 'whole: fit and score every row (unsupervised); split: fit on a seeded 60 %, score the other 40 %', 'whole')
    .option('--seed <n>', 'seed of every random choice', '1')
    .action((csv: string, o: Options, cmd: Command) => {
      const ctx = app.ctx(cmd);
      if (o.protocol !== 'whole' && o.protocol !== 'split') throw new UsageError(`--protocol is whole or split, not ${JSON.stringify(o.protocol)}`);
      const seed = Number(o.seed);
      if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed must be a non-negative integer, not ${JSON.stringify(o.seed)}`);
      return loadServerPackage<AnomalyEvalApi>('anomaly eval', ['anomalyEvalCsv']).then((api) => {
        let r: EvalResult;
        try {
          r = api.anomalyEvalCsv(csv, { ...(o.detector !== undefined ? { detector: o.detector } : {}), protocol: o.protocol as 'whole' | 'split', seed });
        } catch (e) {
          const err = e as NodeJS.ErrnoException & { code?: string };
          if (typeof err.code === 'string' && err.code.startsWith('anomaly.')) throw new UsageError(`${csv}: ${err.message}`);
          if (err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EACCES') throw new UsageError(`cannot read ${csv}: ${err.code}`);
          throw e;
        }
        if (ctx.json) {
          ctx.out.stdout.write(`${JSON.stringify({ roc_auc: r.roc_auc, detector: r.detector, rows: r.rows, outliers: r.outliers, protocol: r.protocol, seconds: Math.round(r.seconds * 1000) / 1000 })}\n`);
        } else {
          ctx.out.stdout.write(`roc_auc=${r.roc_auc.toFixed(4)}\n`);
          ctx.out.stderr.write(`${r.detector}, ${r.protocol === 'whole' ? 'whole set' : '60/40 split, test part'}: ${r.rows} rows scored, ${r.outliers} outliers, ${r.seconds.toFixed(1)} s\n`);
        }
      });
    });
}
