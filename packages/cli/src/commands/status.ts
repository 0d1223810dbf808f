// `bulwark health` and `bulwark whoami`.
import type { Health, SessionInfo } from '@bulwark/contracts';
import type { Command } from 'commander';
import { API } from '../api.ts';
import type { App } from '../context.ts';
import { printJson, println, sanitize } from '../output.ts';

export function registerStatus(program: Command, app: App): void {
  program
    .command('health')
    .description('detailed health of the server (exit status 2 when degraded)')
    .action(async (_o, cmd: Command) => {
      const c = app.ctx(cmd);
      const h = await c.client.get<Health>(API.health);
      if (c.json) printJson(c.out, h);
      else {
        const ok = (b: boolean) => (b ? 'ok' : 'FAILING');
        println(c.out, `status:   ${sanitize(h.status)} (version ${sanitize(h.version)}, up ${Math.round(h.uptimeSeconds)} s, roles ${sanitize(h.roles.join(','))})`);
        println(c.out, `database: ${sanitize(h.database.kind)} ${ok(h.database.ok)}`);
        println(c.out, `bus:      ${sanitize(h.bus.kind)} ${ok(h.bus.ok)}`);
        println(c.out, `ingest:   ${h.ingest.inflight} in flight, ${h.ingest.accepted} accepted, ${h.ingest.rejected} rejected`);
      }
      if (h.status !== 'ok') c.exit(2);
    });

  program
    .command('whoami')
    .description('who the token (or session) belongs to')
    .action(async (_o, cmd: Command) => {
      const c = app.ctx(cmd);
      const s = await c.client.get<SessionInfo>(API.session);
      if (c.json) return printJson(c.out, s);
      println(c.out, `${sanitize(s.user.email)} (${sanitize(s.user.displayName)}), user ${s.user.id}`);
      println(c.out, `organisation: ${sanitize(s.organisation.name)} [${sanitize(s.organisation.slug)}] as ${s.organisation.role}${s.instanceAdmin ? ', instance administrator' : ''}`);
      println(c.out, `via: ${s.via === 'key' ? 'API key' : 'session'}`);
      if (s.organisations.length > 1) println(c.out, `member of: ${s.organisations.map((o) => `${sanitize(o.slug)} (${o.role})`).join(', ')}`);
    });
}
