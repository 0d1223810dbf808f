// `bulwark audit verify | list`.
import type { AuditPage, AuditVerification } from '@bulwark/contracts';
import type { Command } from 'commander';
import { API } from '../api.ts';
import type { App } from '../context.ts';
import { printJson, printTable, println, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';

export function registerAudit(program: Command, app: App): void {
  const audit = program.command('audit').description('the append-only, hash-chained audit log');

  audit
    .command('verify')
    .description('verify the hash chain (exit status 2 when it is broken)')
    .action(async (_o, cmd: Command) => {
      const c = app.ctx(cmd);
      const v = await c.client.get<AuditVerification>(API.auditVerify);
      if (c.json) printJson(c.out, v);
      else if (v.ok) println(c.out, `audit chain intact: ${v.checked} entries`);
      else println(c.out, `audit chain broken at entry ${v.firstBroken?.seq ?? '?'}: ${sanitize(v.firstBroken?.reason ?? 'unknown reason')}`);
      if (!v.ok) c.exit(2);
    });

  audit
    .command('list')
    .description('audit entries, newest first')
    .option('--limit <n>', 'entries (1-1000)', '100')
    .option('--action <action>', 'only this action, e.g. key.create')
    .option('--before <seq>', 'entries with a lower sequence number (paging)')
    .action(async (o: { limit: string; action?: string; before?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit must be a whole number from 1 to 1000, not ${o.limit}`);
      if (o.before !== undefined && !/^\d+$/.test(o.before)) throw new UsageError(`--before must be a sequence number, not ${o.before}`);
      const page = await c.client.get<AuditPage>(API.audit, { limit, action: o.action, before: o.before });
      if (c.json) return printJson(c.out, page);
      printTable(c.out, page.entries, [
        { header: 'seq', value: (e) => e.seq },
        { header: 'time', value: (e) => e.time },
        { header: 'actor', value: (e) => `${e.actorKind}${e.actorId ? `:${e.actorId}` : ''}`, max: 50 },
        { header: 'action', value: (e) => e.action },
        { header: 'target', value: (e) => e.target ?? '', max: 40 },
        { header: 'outcome', value: (e) => e.outcome },
        { header: 'ip', value: (e) => e.ip ?? '' },
      ], '(no entries)');
    });
}
