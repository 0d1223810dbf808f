// `bulwark aiguard eval <jsonl> [--threshold <x>]`: scores every prompt of a labelled corpus (`text`,
// `label`, `category` per line) with the gateway's abuse scanner, run locally, and prints per-category
// detection and false-positive rates, overall TPR, false-positive rates on benign and on benign security
// prompts, and ROC-AUC. With --json: {"tpr", "fpr_benign", "fpr_benign_cyber", "roc_auc", "per_category", …}.
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { UsageError } from '../problem.ts';
import { loadServerPackage } from '../server-package.ts';

interface CategoryFigures {
  readonly label: 'malicious' | 'benign';
  readonly rows: number;
  readonly positives: number;
  readonly rate: number;
}

interface EvalReport {
  readonly tpr: number;
  readonly fpr_benign: number;
  readonly fpr_benign_cyber: number;
  readonly roc_auc: number;
  readonly per_category: Record<string, CategoryFigures>;
  readonly threshold: number;
  readonly rows: number;
  readonly malicious: number;
  readonly benign: number;
  readonly skipped: ReadonlyArray<{ line: number; message: string }>;
  readonly seconds: number;
  readonly ms_per_row: number;
}

interface AiguardApi {
  aiguardEvalFile(path: string, opts: { threshold?: number }): EvalReport;
}

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : 'n/a');
const fix = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');
/** JSON has no NaN: a rate over zero rows is null. */
const num = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : null);

export function registerAiguardEval(aiguard: Command, app: App): void {
  aiguard
    .command('eval')
    .description('detection and false-positive rates of the abuse scanner on a labelled prompt corpus (JSONL: text, label, category), run locally')
    .argument('<jsonl>', 'one JSON object per line: {"text": …, "label": "malicious"|"benign", "category": …}')
    .option('--threshold <x>', 'score at and above which a prompt counts as detected (default: the flag threshold)')
    .action((file: string, o: { threshold?: string }, cmd: Command) => {
      const ctx = app.ctx(cmd);
      let threshold: number | undefined;
      if (o.threshold !== undefined) {
        threshold = Number(o.threshold);
        if (o.threshold.trim() === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw new UsageError(`--threshold must be a number from 0 to 1, not ${JSON.stringify(o.threshold)}`);
      }
      return loadServerPackage<AiguardApi>('aiguard eval', ['aiguardEvalFile']).then((api) => {
        let r: EvalReport;
        try {
          r = api.aiguardEvalFile(file, threshold === undefined ? {} : { threshold });
        } catch (e) {
          const err = e as NodeJS.ErrnoException;
          if (typeof err.code === 'string' && err.code.startsWith('aiguard.')) throw new UsageError(`${file}: ${err.message}`);
          if (err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EACCES') throw new UsageError(`cannot read ${file}: ${err.code}`);
          throw e;
        }
        for (const p of r.skipped) ctx.out.stderr.write(`${file}:${p.line}: ${p.message} (line skipped)\n`);
        if (ctx.json) {
          const per: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(r.per_category)) per[k] = { label: v.label, rows: v.rows, detected: v.positives, rate: num(v.rate) };
          ctx.out.stdout.write(
            `${JSON.stringify({ tpr: num(r.tpr), fpr_benign: num(r.fpr_benign), fpr_benign_cyber: num(r.fpr_benign_cyber), roc_auc: num(r.roc_auc), per_category: per, threshold: r.threshold, rows: r.rows, malicious: r.malicious, benign: r.benign, skipped_lines: r.skipped.length, ms_per_prompt: Math.round(r.ms_per_row * 1000) / 1000 })}\n`,
          );
          return;
        }
        const out: string[] = [];
        const width = Math.max(12, ...Object.keys(r.per_category).map((k) => k.length));
        out.push(`${'category'.padEnd(width)}  label      rows  detected  rate`);
        const entries = Object.entries(r.per_category).sort(([a, x], [b, y]) => (x.label === y.label ? a.localeCompare(b) : x.label === 'malicious' ? -1 : 1));
        for (const [k, v] of entries) {
          out.push(`${k.padEnd(width)}  ${v.label.padEnd(9)} ${String(v.rows).padStart(5)}  ${String(v.positives).padStart(8)}  ${pct(v.rate).padStart(7)}  ${v.label === 'malicious' ? 'detection' : 'false positives'}`);
        }
        out.push('');
        out.push(`TPR (malicious detected)          ${fix(r.tpr)}  (${r.malicious} malicious prompts)`);
        out.push(`FPR on benign prompts             ${fix(r.fpr_benign)}  (${r.benign} benign prompts)`);
        out.push(`FPR on benign security prompts    ${fix(r.fpr_benign_cyber)}  (${r.per_category.benign_cyber?.rows ?? 0} benign_cyber prompts)`);
        out.push(`ROC-AUC                           ${fix(r.roc_auc)}`);
        ctx.out.stdout.write(`${out.join('\n')}\n`);
        ctx.out.stderr.write(`threshold ${r.threshold}; ${r.rows} prompts scored in ${r.seconds.toFixed(1)} s (${r.ms_per_row.toFixed(2)} ms each)${r.skipped.length ? `; ${r.skipped.length} lines skipped` : ''}\n`);
      });
    });
}
