// `bulwark anomaly jobs | tune | allow | allow-list | allow-remove | false-positive`: the security
// analytics jobs of your organisation over the API — settings, allow-list entries, false positives.
import type { AnomalyAllowEntry, AnomalyAllowList, AnomalyJob, AnomalyJobList, AnomalySuppression } from '@bulwark/contracts';
import type { Command } from 'commander';
import { API } from '../api.ts';
import type { App } from '../context.ts';
import { printJson, printTable, println, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';

export function registerAnomalyJobs(anomaly: Command, app: App): void {
  anomaly
    .command('jobs')
    .description('the security analytics jobs with your organisation\'s settings')
    .action(async (_o, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<AnomalyJobList>(API.anomalyJobs);
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.jobs, [
        { header: 'job', value: (j) => j.name },
        { header: 'entity', value: (j) => j.entityKind },
        { header: 'enabled', value: (j) => (j.enabled ? 'yes' : 'no') },
        { header: 'threshold', value: (j) => `${j.threshold}${j.threshold === j.defaultThreshold ? '' : ` (default ${j.defaultThreshold})`}` },
        { header: 'learning', value: (j) => j.learning, max: 60 },
      ]);
    });

  anomaly
    .command('tune <job>')
    .description('enable or disable a job, or set the score from which its findings become alerts')
    .option('--threshold <n|default>', 'alert threshold 0-100, or default')
    .option('--enable', 'run the job')
    .option('--disable', 'stop running the job')
    .action(async (job: string, o: { threshold?: string; enable?: boolean; disable?: boolean }, cmd: Command) => {
      const c = app.ctx(cmd);
      if (o.enable && o.disable) throw new UsageError('--enable or --disable, not both');
      const body: { enabled?: boolean; threshold?: number | null } = {};
      if (o.enable) body.enabled = true;
      if (o.disable) body.enabled = false;
      if (o.threshold !== undefined) {
        const n = Number(o.threshold);
        if (o.threshold === 'default') body.threshold = null;
        else if (Number.isInteger(n) && n >= 0 && n <= 100) body.threshold = n;
        else throw new UsageError(`--threshold is 0-100 or default, not ${JSON.stringify(o.threshold)}`);
      }
      if (!Object.keys(body).length) throw new UsageError('give --threshold, --enable or --disable');
      const r = await c.client.patch<AnomalyJob>(API.anomalyJob(job), body);
      if (c.json) return printJson(c.out, r);
      println(c.out, `${r.name}: ${r.enabled ? 'enabled' : 'disabled'}, threshold ${r.threshold}`);
    });

  anomaly
    .command('allow <job> <entity> <value>')
    .description('allow-list a value for a job (or *) and entity (or *): VPN egress, known locations, expected processes…')
    .option('--note <text>', 'why')
    .action(async (job: string, entity: string, value: string, o: { note?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.post<AnomalyAllowEntry>(API.anomalyAllow, { job, entity, value, ...(o.note ? { note: o.note } : {}) });
      if (c.json) return printJson(c.out, r);
      println(c.out, `${r.id}: ${sanitize(r.job)} ${sanitize(r.entity)} ${sanitize(r.value)}`);
    });

  anomaly
    .command('allow-list')
    .description('your organisation\'s allow-list entries')
    .action(async (_o, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<AnomalyAllowList>(API.anomalyAllow);
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.entries, [
        { header: 'id', value: (e) => e.id },
        { header: 'job', value: (e) => e.job },
        { header: 'entity', value: (e) => e.entity, max: 40 },
        { header: 'value', value: (e) => e.value, max: 40 },
        { header: 'note', value: (e) => e.note, max: 40 },
      ], '(no entries)');
    });

  anomaly
    .command('allow-remove <id>')
    .description('remove an allow-list entry')
    .action(async (id: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      await c.client.delete(API.anomalyAllowEntry(id));
      if (c.json) return printJson(c.out, { removed: id });
      println(c.out, `removed ${id}`);
    });

  anomaly
    .command('false-positive <alert-id>')
    .description('mark an anomaly alert as a false positive: it is closed and later findings of the same job, entity and feature raise no alert')
    .action(async (alertId: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.post<AnomalySuppression>(API.anomalyFalsePositives, { alertId });
      if (c.json) return printJson(c.out, r);
      println(c.out, `suppressed: ${sanitize(r.job)} ${sanitize(r.entity)} ${sanitize(r.feature)}`);
    });
}
