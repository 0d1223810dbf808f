// First start: the organisation that runs the instance and its first administrator. With no
// configured password a random one is generated and written to a file only the owner can read.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { audit } from '../audit/audit.ts';
import { generatePassword, hashSecret } from '../auth/secrets.ts';
import { INSTANCE, rows } from '../db/db.ts';
import type { Platform } from '../context.ts';
import { issueKey } from './key-routes.ts';

export interface BootstrapResult {
  readonly created: boolean;
  readonly credentialsFile?: string;
}

export async function bootstrap(platform: Pick<Platform, 'db' | 'config' | 'log'>): Promise<BootstrapResult> {
  const { db, config } = platform;
  const email = config.admin.email ?? 'admin@bulwark.local';
  const generated = config.admin.password === undefined ? generatePassword() : undefined;
  const password = config.admin.password ?? generated!;
  const hash = await hashSecret(password);
  const created = await db.tx(INSTANCE, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7331003)`);
    const [any] = await rows(tx, sql`select 1 from users limit 1`);
    if (any) return false;
    let [home] = await rows<{ id: string }>(tx, sql`select id from organisations where is_home limit 1`);
    home ??= (await rows<{ id: string }>(tx, sql`insert into organisations (name, slug, is_home) values (${config.homeOrgName}, 'home', true) returning id`))[0]!;
    const [u] = await rows<{ id: string }>(tx, sql`insert into users (email, display_name, password_hash, password_changed_at)
      values (${email}, 'Administrator', ${hash}, now()) returning id`);
    await tx.execute(sql`insert into memberships (user_id, org_id, role) values (${u!.id}, ${home.id}, 'admin')`);
    if (config.admin.token) await issueKey(tx, { orgId: home.id, userId: u!.id, name: 'first administrator (from configuration)', role: 'admin', token: config.admin.token });
    await audit(tx, { orgId: home.id, actorKind: 'system', action: 'instance.bootstrap', target: u!.id, outcome: 'success', details: { email, token: config.admin.token ? 'configured' : 'none' } });
    return true;
  });
  if (!created || !generated) return { created };
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const file = join(config.dataDir, 'initial-admin.txt');
  writeFileSync(file, `Bulwark first administrator\nurl: http://${config.host}:${config.port}/\ne-mail: ${email}\npassword: ${password}\n\nChange this password after signing in, then delete this file.\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { created, credentialsFile: file };
}
