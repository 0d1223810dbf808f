// Blocking a gateway account from elsewhere (a playbook): a row on the organisation's block list, which
// every gateway process reads within its cache time (a few seconds). Blocking again keeps one row; the
// later expiry wins and a permanent block stays permanent.
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../../platform/index.ts';

export async function blockAccount(tx: Tx, orgId: string, account: string, reason: string, expiresAt: Date | null): Promise<{ id: string; created: boolean }> {
  if (!/^[A-Za-z0-9._:@-]{1,100}$/.test(account)) throw new Error('account must be a gateway account id (pseudonym) of at most 100 characters');
  const [row] = await rows<{ id: string; created: boolean }>(tx, sql`insert into aiguard_blocks (org_id, kind, value, reason, expires_at)
    values (${orgId}, 'account', ${account}, ${reason.slice(0, 500)}, ${expiresAt})
    on conflict (org_id, kind, value) do update set
      expires_at = case when aiguard_blocks.expires_at is null or excluded.expires_at is null then null else greatest(aiguard_blocks.expires_at, excluded.expires_at) end
    returning id, (xmax = 0) as created`);
  return row!;
}
