// Account risk state: kept in memory by the process that serves the account's requests, read from the
// database the first time (and again after a minute, for accounts served by several processes) and
// written back after each request that changes it. Blocking by risk sets `blocked_until`.
import { sql } from 'drizzle-orm';
import { orgScope, rows, type Db } from '../../../platform/index.ts';
import { addEvent, freshState, RISK, riskOf, type AccountState, type RiskEvent } from './risk.ts';

const RELOAD_MS = 60_000;

export interface RiskOutcome {
  readonly risk: number;
  /** The account crossed the block threshold with this request. */
  readonly blocked: boolean;
}

export class AccountRisk {
  private readonly states = new Map<string, { state: AccountState; loaded: number }>();
  /** One change at a time per account (requests finish concurrently; their events must all count). */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  private async stateOf(orgId: string, account: string): Promise<AccountState> {
    const key = `${orgId}\n${account}`;
    const hit = this.states.get(key);
    if (hit && Date.now() - hit.loaded < RELOAD_MS) return hit.state;
    const [row] = await this.db.tx(orgScope(orgId), (tx) => rows<{ state: Partial<AccountState> }>(tx, sql`select state from aiguard_accounts where org_id = ${orgId} and account = ${account}`));
    const state = row?.state && typeof row.state.exposure === 'number' ? { ...freshState(Date.now()), ...row.state } as AccountState : freshState(Date.now());
    if (this.states.size > 100_000) this.states.clear();
    this.states.set(key, { state, loaded: Date.now() });
    return state;
  }

  /** The account's risk now, before this request. */
  async current(orgId: string, account: string): Promise<number> {
    return riskOf(await this.stateOf(orgId, account), Date.now());
  }

  async add(orgId: string, account: string, ev: RiskEvent): Promise<RiskOutcome> {
    const key = `${orgId}\n${account}`;
    const run = (this.queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => this.addNow(orgId, account, ev));
    this.queues.set(key, run);
    try {
      return await run;
    } finally {
      if (this.queues.get(key) === run) this.queues.delete(key);
    }
  }

  private async addNow(orgId: string, account: string, ev: RiskEvent): Promise<RiskOutcome> {
    const s = await this.stateOf(orgId, account);
    const before = riskOf(s, Date.now());
    const risk = addEvent(s, ev);
    const blocked = risk >= RISK.blockAt && before < RISK.blockAt;
    const quiet = !ev.flagged && !ev.refused && !ev.modelRefused && risk === before;
    if (!quiet || blocked) {
      await this.db.tx(orgScope(orgId), (tx) => tx.execute(sql`insert into aiguard_accounts (org_id, account, risk, state, blocked_until, block_reason, updated_at)
        values (${orgId}, ${account}, ${risk}, ${JSON.stringify(s)}::jsonb, ${blocked ? new Date(ev.at + RISK.blockForMs) : null}, ${blocked ? `abuse risk ${risk}` : null}, now())
        on conflict (org_id, account) do update set risk = excluded.risk, state = excluded.state, updated_at = now()
          ${blocked ? sql`, blocked_until = greatest(aiguard_accounts.blocked_until, excluded.blocked_until),
            block_reason = case when aiguard_accounts.blocked_until > excluded.blocked_until then aiguard_accounts.block_reason else excluded.block_reason end` : sql``}`));
    }
    return { risk, blocked };
  }

  /** After a review: clear (dismissed) or keep the state; blocks are set by the caller. */
  reset(orgId: string, account: string): void {
    this.states.delete(`${orgId}\n${account}`);
  }
}
