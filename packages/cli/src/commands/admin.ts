// Administration over HTTP: organisations, users and API keys.
import type { ApiKey, CreatedApiKey, CreatedUser, CreateUser, Organisation, RoleName, User } from '@bulwark/contracts';

type Ok = { ok: boolean };
import type { Command} from 'commander';
import { Option } from 'commander';
import { API } from '../api.ts';
import { readSecretFile, type App } from '../context.ts';
import { note, printJson, printTable, println, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';

export const ROLES: readonly RoleName[] = ['admin', 'responder', 'analyst', 'auditor', 'trainee', 'federation-peer'];
const roleOption = (flags: string, description: string) => new Option(flags, description).choices(ROLES);

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive whole number, not ${value}`);
    return n;
  };
}

function checkRole(role: string): RoleName {
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`unknown role ${role} (one of ${ROLES.join(', ')})`);
  return role as RoleName;
}

const userColumns = [
  { header: 'id', value: (u: User) => u.id },
  { header: 'email', value: (u: User) => u.email, max: 50 },
  { header: 'name', value: (u: User) => u.displayName, max: 40 },
  { header: 'role', value: (u: User) => u.role },
  { header: 'state', value: (u: User) => (u.disabled ? 'disabled' : 'active') },
];

export function registerAdmin(program: Command, app: App): void {
  const org = program.command('org').description('organisations (constituents) of this instance');
  org.command('list').description('organisations you can see').action(async (_o, cmd: Command) => {
    const c = app.ctx(cmd);
    const list = await c.client.get<Organisation[]>(API.organisations);
    if (c.json) return printJson(c.out, list);
    printTable(c.out, list, [
      { header: 'id', value: (o) => o.id },
      { header: 'slug', value: (o) => o.slug },
      { header: 'name', value: (o) => o.name, max: 50 },
      { header: 'home', value: (o) => (o.isHome ? 'yes' : '') },
      { header: 'created', value: (o) => o.createdAt },
    ]);
  });
  org
    .command('create <slug>')
    .description('create an organisation (instance administrators)')
    .requiredOption('--name <name>', 'display name')
    .action(async (slug: string, o: { name: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const created = await c.client.post<Organisation>(API.organisations, { slug, name: o.name });
      if (c.json) return printJson(c.out, created);
      println(c.out, `created organisation ${sanitize(created.slug)} (${created.id})`);
    });

  const user = program.command('user').description('user accounts of your organisation');
  user
    .command('list')
    .description('users of your organisation (or of --org, for instance administrators)')
    .option('--org <id>', 'organisation id')
    .action(async (o: { org?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const list = await c.client.get<User[]>(API.users, { organisationId: o.org });
      if (c.json) return printJson(c.out, list);
      printTable(c.out, list, userColumns);
    });
  user
    .command('create <email>')
    .description('create a user (a password is generated and shown once unless --password-file is given)')
    .addOption(roleOption('--role <role>', 'role in the organisation').makeOptionMandatory())
    .option('--name <name>', 'display name')
    .option('--password-file <file>', 'file holding the password ("-" for stdin)')
    .option('--org <id>', 'organisation id (default: yours)')
    .action(async (email: string, o: { role: RoleName; name?: string; passwordFile?: string; org?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const body: CreateUser = { email, role: o.role };
      if (o.name !== undefined) body.displayName = o.name;
      if (o.passwordFile !== undefined) body.password = readSecretFile(o.passwordFile, 'password');
      if (o.org !== undefined) body.organisationId = o.org;
      const created = await c.client.post<CreatedUser>(API.users, body);
      if (c.json) return printJson(c.out, created);
      println(c.out, `created user ${sanitize(created.user.email)} (${created.user.id}) with role ${created.user.role}`);
      if (created.password !== undefined) {
        println(c.out, `password: ${created.password}`);
        note(c.out, 'The password is shown only this once; hand it over securely.');
      }
    });
  user
    .command('set-role <id> <role>')
    .description('change a user’s role')
    .action(async (id: string, role: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const u = await c.client.patch<User>(API.user(id), { role: checkRole(role) });
      if (c.json) return printJson(c.out, u);
      println(c.out, `${sanitize(u.email)} is now ${u.role}`);
    });
  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    user
      .command(`${name} <id>`)
      .description(disabled ? 'disable a user (ends their sessions)' : 'enable a disabled user')
      .action(async (id: string, _o, cmd: Command) => {
        const c = app.ctx(cmd);
        const u = await c.client.patch<User>(API.user(id), { disabled });
        if (c.json) return printJson(c.out, u);
        println(c.out, `${sanitize(u.email)} is ${u.disabled ? 'disabled' : 'enabled'}`);
      });
  }
  user
    .command('passwd <id>')
    .description('set a user’s password (ends their sessions)')
    .requiredOption('--password-file <file>', 'file holding the new password ("-" for stdin)')
    .action(async (id: string, o: { passwordFile: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const res = await c.client.post<Ok>(API.userPassword(id), { password: readSecretFile(o.passwordFile, 'password') });
      if (c.json) return printJson(c.out, res);
      println(c.out, 'password changed');
    });

  const key = program.command('key').description('API keys (tokens for scripts and inputs)');
  key.command('list').description('API keys of your organisation').action(async (_o, cmd: Command) => {
    const c = app.ctx(cmd);
    const list = await c.client.get<ApiKey[]>(API.keys);
    if (c.json) return printJson(c.out, list);
    printTable(c.out, list, [
      { header: 'id', value: (k) => k.id },
      { header: 'name', value: (k) => k.name, max: 40 },
      { header: 'role', value: (k) => k.role },
      { header: 'user', value: (k) => k.userId },
      { header: 'expires', value: (k) => k.expiresAt ?? 'never' },
      { header: 'state', value: (k) => (k.revokedAt ? 'revoked' : k.expiresAt && Date.parse(k.expiresAt) < Date.now() ? 'expired' : 'active') },
      { header: 'last used', value: (k) => k.lastUsedAt ?? '' },
    ]);
  });
  key
    .command('create <name>')
    .description('create an API key; its token is printed once')
    .addOption(roleOption('--role <role>', 'role of the key (default: its user’s role)'))
    .option('--expires-days <n>', 'days until the key expires', positiveInt('--expires-days'))
    .option('--user <id>', 'user the key acts for (default: you)')
    .action(async (name: string, o: { role?: RoleName; expiresDays?: number; user?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const created = await c.client.post<CreatedApiKey>(API.keys, { name, role: o.role, expiresInDays: o.expiresDays, userId: o.user });
      if (c.json) return printJson(c.out, created);
      println(c.out, `created key ${sanitize(created.key.name)} (${created.key.id}), role ${created.key.role}, expires ${created.key.expiresAt ?? 'never'}`);
      println(c.out, `token: ${created.token}`);
      note(c.out, 'The token is shown only this once; store it now (e.g. in a file for --token-file).');
    });
  key
    .command('revoke <id>')
    .description('revoke an API key')
    .action(async (id: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const res = await c.client.delete<Ok>(API.key(id));
      if (c.json) return printJson(c.out, res);
      println(c.out, `revoked key ${sanitize(id)}`);
    });
}
