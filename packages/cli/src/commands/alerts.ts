// `bulwark alerts list | ack | close | assign`.
import type { Alert, AlertPage, UpdateAlert } from '@bulwark/contracts';
import type { Command} from 'commander';
import { Option } from 'commander';
import { API } from '../api.ts';
import type { App } from '../context.ts';
import { note, printJson, printTable, println, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';

export function registerAlerts(program: Command, app: App): void {
  const alerts = program.command('alerts').description('alerts raised by detectors');

  alerts
    .command('list')
    .description('alerts, newest first')
    .addOption(new Option('--status <status>').choices(['open', 'acknowledged', 'closed']))
    .addOption(new Option('--severity <severity>').choices(['informational', 'low', 'medium', 'high', 'critical']))
    .option('--detector <name>', 'only this detector’s alerts')
    .option('--assignee <userId>', 'only alerts assigned to this user')
    .option('--limit <n>', 'alerts per page (1-500)', '100')
    .option('--cursor <cursor>', 'continue from a previous page')
    .action(async (o: { status?: string; severity?: string; detector?: string; assignee?: string; limit: string; cursor?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError(`--limit must be a whole number from 1 to 500, not ${o.limit}`);
      const page = await c.client.get<AlertPage>(API.alerts, {
        status: o.status,
        severity: o.severity,
        detector: o.detector,
        assigneeId: o.assignee,
        limit,
        cursor: o.cursor,
      });
      if (c.json) return printJson(c.out, page);
      printTable(c.out, page.alerts, [
        { header: 'id', value: (a) => a.id, max: 64 },
        { header: 'created', value: (a) => a.createdAt },
        { header: 'severity', value: (a) => a.severity },
        { header: 'status', value: (a) => a.status },
        { header: 'assignee', value: (a) => a.assigneeId ?? '' },
        { header: 'title', value: (a) => a.title, max: 80 },
      ], '(no alerts)');
      if (page.next) note(c.out, `more: --cursor ${sanitize(page.next)}`);
    });

  const update = async (cmd: Command, id: string, change: UpdateAlert, done: (a: Alert) => string) => {
    const c = app.ctx(cmd);
    const alert = await c.client.patch<Alert>(API.alert(id), change);
    if (c.json) return printJson(c.out, alert);
    println(c.out, done(alert));
  };
  alerts
    .command('ack <id>')
    .description('acknowledge an alert')
    .action((id: string, _o, cmd: Command) => update(cmd, id, { status: 'acknowledged' }, (a) => `acknowledged ${sanitize(a.id)}: ${sanitize(a.title)}`));
  alerts
    .command('close <id>')
    .description('close an alert')
    .action((id: string, _o, cmd: Command) => update(cmd, id, { status: 'closed' }, (a) => `closed ${sanitize(a.id)}: ${sanitize(a.title)}`));
  alerts
    .command('assign <id> <userId>')
    .description('assign an alert to a user ("none" to unassign)')
    .action((id: string, userId: string, _o, cmd: Command) =>
      update(cmd, id, { assigneeId: userId === 'none' ? null : userId }, (a) =>
        a.assigneeId ? `assigned ${sanitize(a.id)} to ${sanitize(a.assigneeId)}` : `unassigned ${sanitize(a.id)}`,
      ),
    );
}
