// `bulwark anomaly …`: the anomaly detectors' evaluation commands, run locally; each sub-command lives
// in its own file (anomaly-<name>.ts).
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { registerAnomalyEval } from './anomaly-eval.ts';
import { registerAnomalyNab } from './anomaly-nab.ts';
import { registerAnomalyGenerate } from './anomaly-generate.ts';
import { registerAnomalyJobs } from './anomaly-jobs.ts';

export function registerAnomaly(program: Command, app: App): void {
  const anomaly = program.command('anomaly').description('anomaly detection: security jobs of your organisation (over the API), a log generator, and detectors evaluated locally on public benchmarks');
  registerAnomalyNab(anomaly, app);
  registerAnomalyEval(anomaly, app);
  registerAnomalyGenerate(anomaly, app);
  registerAnomalyJobs(anomaly, app);
}
