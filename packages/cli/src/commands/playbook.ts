// `bulwark playbook test | push | list | runs | approve`: playbooks over the API. `test` dry-runs a YAML
// document against an alert or incident (a JSON file, or inline JSON) and prints what each step would do;
// nothing is done. `push` saves the document as a new version (its id and version are in the YAML).
import { readFileSync } from 'node:fs';
import type { PlaybookList, PlaybookRun, PlaybookRunList, PlaybookSummary, PlaybookTestResult } from '@bulwark/contracts';
import type { Command } from 'commander';
import { API } from '../api.ts';
import type { App } from '../context.ts';
import { printJson, printTable, println, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';

const MAX_DOCUMENT = 262_144;
const MAX_JSON = 1024 * 1024;

function readText(path: string, what: string, max: number): string {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (text.length > max) throw new UsageError(`${what} ${path} is larger than ${max} characters`);
  return text;
}

/** An alert or incident given as inline JSON or as @file / a file path. */
export function readObject(arg: string, what: string): Record<string, unknown> {
  const text = arg.trim().startsWith('{') ? arg : readText(arg.replace(/^@/, ''), `${what} file`, MAX_JSON);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what} is not JSON: ${(err as Error).message}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new UsageError(`${what} must be one JSON object`);
  return v as Record<string, unknown>;
}

interface StepView { id: string; uses: string; status: string; description?: string; reason?: string; notes?: string[] }

export function registerPlaybook(program: Command, app: App): void {
  const pb = program.command('playbook').description('playbooks: dry-run a document, save versions, list runs, approve waiting steps (over the API)');

  pb.command('test <file>')
    .description('dry-run a playbook document against an alert or incident: what each step would do (nothing is done)')
    .option('--alert <json|file>', 'the alert (as the API shows alerts), inline JSON or a file')
    .option('--incident <json|file>', 'the incident (as the API shows incidents), inline JSON or a file')
    .option('--change <kind>', 'for incident triggers: created, updated or severity_changed', 'created')
    .action(async (file: string, o: { alert?: string; incident?: string; change: string }, cmd: Command) => {
      if (!o.alert && !o.incident) throw new UsageError('give --alert or --incident');
      if (!['created', 'updated', 'severity_changed'].includes(o.change)) throw new UsageError('--change is created, updated or severity_changed');
      const c = app.ctx(cmd);
      const body = {
        source: readText(file, 'playbook', MAX_DOCUMENT), ...(o.alert ? { alert: readObject(o.alert, '--alert') } : {}),
        ...(o.incident ? { incident: readObject(o.incident, '--incident'), change: o.change } : {}),
      };
      const r = await c.client.post<PlaybookTestResult>(API.playbookTest, body);
      if (c.json) return printJson(c.out, r);
      const run = r.run as { playbook?: { id: string; version: number }; steps: StepView[]; status: string };
      println(c.out, `${run.playbook?.id ?? ''}@${run.playbook?.version ?? ''}: the trigger ${r.matches ? 'matches' : 'does not match'}; dry run ${run.status}`);
      printTable(c.out, run.steps, [
        { header: 'step', value: (s) => s.id },
        { header: 'action', value: (s) => s.uses },
        { header: 'would', value: (s) => s.status },
        { header: 'what', value: (s) => s.description ?? s.reason ?? '', max: 90 },
        { header: 'notes', value: (s) => (s.notes ?? []).join('; '), max: 60 },
      ], '(no steps)');
      if (!r.matches) c.exit(1);
    });

  pb.command('push <file>')
    .description('save a playbook document as a new version (the id and a higher version number are in the YAML)')
    .action(async (file: string, _o, cmd: Command) => {
      const source = readText(file, 'playbook', MAX_DOCUMENT);
      const id = /^id:\s*([a-z0-9][a-z0-9-]{0,63})\s*$/m.exec(source)?.[1];
      if (!id) throw new UsageError(`${file} has no top-level id: <slug>`);
      const c = app.ctx(cmd);
      const r = await c.client.put<PlaybookSummary>(API.playbook(id), { source });
      if (c.json) return printJson(c.out, r);
      println(c.out, `saved ${r.id} version ${r.version} (${r.enabled ? 'enabled' : 'disabled'}; triggers ${r.triggers.join(', ') || 'none'}; ${r.steps} steps)`);
    });

  pb.command('list')
    .description('the playbooks, newest version of each')
    .action(async (_o, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<PlaybookList>(API.playbooks);
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.playbooks, [
        { header: 'id', value: (p) => p.id },
        { header: 'version', value: (p) => String(p.version) },
        { header: 'enabled', value: (p) => (p.enabled ? 'yes' : 'no') },
        { header: 'triggers', value: (p) => p.triggers.join(',') },
        { header: 'steps', value: (p) => String(p.steps) },
        { header: 'name', value: (p) => p.name, max: 50 },
      ], '(no playbooks: save one with bulwark playbook push)');
    });

  pb.command('runs')
    .description('playbook runs, newest first')
    .option('--incident <id>', 'runs of one incident')
    .option('--status <status>', 'queued, running, waiting_approval, succeeded, failed or stopped')
    .action(async (o: { incident?: string; status?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<PlaybookRunList>(API.playbookRuns, { ...(o.incident ? { incident: o.incident } : {}), ...(o.status ? { status: o.status } : {}) });
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.runs, [
        { header: 'run', value: (x) => x.id.slice(0, 12) },
        { header: 'playbook', value: (x) => `${x.playbookId}@${x.playbookVersion}` },
        { header: 'status', value: (x) => x.status },
        { header: 'incident', value: (x) => x.incidentId ?? '' },
        { header: 'steps', value: (x) => ((x.state as { steps?: StepView[] }).steps ?? []).map((s) => `${s.id}:${s.status}`).join(' '), max: 70 },
        { header: 'started', value: (x) => x.createdAt },
      ], '(no runs)');
    });

  pb.command('approve <run>')
    .description('approve (or with --reject, reject) the step a run waits on')
    .option('--reject', 'reject instead of approving')
    .option('--comment <text>', 'why')
    .action(async (run: string, o: { reject?: boolean; comment?: string }, cmd: Command) => {
      if (!/^[0-9a-f]{40}$/.test(run)) throw new UsageError(`a run id is 40 hexadecimal characters, not ${JSON.stringify(sanitize(run))}`);
      const c = app.ctx(cmd);
      const r = await c.client.post<PlaybookRun>(API.playbookRunApproval(run), { approved: !o.reject, ...(o.comment ? { comment: o.comment } : {}) });
      if (c.json) return printJson(c.out, r);
      println(c.out, `run ${r.id.slice(0, 12)}: ${o.reject ? 'rejected' : 'approved'}; now ${r.status}`);
    });
}
