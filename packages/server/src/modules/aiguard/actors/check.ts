// Known actors stay out: before anything else, a request is checked against
// - the organisation's own block list (accounts, keys, addresses, CIDR ranges, ASNs, e-mail addresses),
// - accounts blocked after a confirmed review or by their risk,
// - the live indicator index of the intel module, with the request seen as a STIX observation (source
//   address, its autonomous system, the subject's e-mail address, the account as a user-account with the
//   one-way hash shared between instances): indicators this organisation receives, including what
//   federated peers share, take effect as soon as they are stored. Indicators with a zero score (expired,
//   a false positive) or flagged as never to block automatically (warninglists) do not block.
// Every refusal names what matched.
import { BlockList, isIPv4 } from 'node:net';
import { sql } from 'drizzle-orm';
import { orgScope, rows, type Db } from '../../../platform/index.ts';
import type { GeoLookup } from '../../anomaly/index.ts';
import type { LiveIndicators, ObservedObject } from '../../intel/index.ts';
import { sharedIdentifierHash } from '../gateway/pseudonym.ts';

export interface RequestParty {
  readonly orgId: string;
  readonly account: string;
  readonly keyId: string;
  readonly subject: string;
  readonly ip: string | undefined;
}

export interface Refusal {
  readonly reason: string;
  /** `block:<id>`, `account`, `intel:<indicator id>`. */
  readonly source: string;
}

interface BlockRow { id: string; kind: string; value: string; reason: string; expires_at: Date | string | null }
interface OrgBlocks { at: number; exact: Map<string, BlockRow>; cidr: Array<{ list: BlockList; row: BlockRow }> }

const TTL_MS = 5_000;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}$/;
/** The custom user-account property that carries the shared one-way hash of a subject. */
export const SUBJECT_HASH_PROPERTY = 'x_bulwark_subject_sha256';

export class ActorCheck {
  private readonly blocks = new Map<string, OrgBlocks>();
  private readonly accounts = new Map<string, { at: number; until: number | null; reason: string | null }>();
  private readonly db: Db;
  private readonly indicators: () => Promise<LiveIndicators | undefined>;
  private readonly geo: () => GeoLookup | undefined;

  constructor(db: Db, indicators: () => Promise<LiveIndicators | undefined>, geo: () => GeoLookup | undefined) {
    this.db = db;
    this.indicators = indicators;
    this.geo = geo;
  }

  /** Forget what is cached for an organisation (after a change through this process). */
  invalidate(orgId: string): void {
    this.blocks.delete(orgId);
    for (const k of this.accounts.keys()) if (k.startsWith(`${orgId}\n`)) this.accounts.delete(k);
  }

  private async orgBlocks(orgId: string): Promise<OrgBlocks> {
    const hit = this.blocks.get(orgId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit;
    const found = await this.db.tx(orgScope(orgId), (tx) => rows<BlockRow>(tx, sql`select id, kind, value, reason, expires_at from aiguard_blocks
      where org_id = ${orgId} and (expires_at is null or expires_at > now())`));
    const exact = new Map<string, BlockRow>();
    const cidr: OrgBlocks['cidr'] = [];
    for (const r of found) {
      if (r.kind === 'cidr') {
        const [net, bits] = r.value.split('/');
        const list = new BlockList();
        try {
          list.addSubnet(net!, Number(bits), isIPv4(net!) ? 'ipv4' : 'ipv6');
          cidr.push({ list, row: r });
        } catch {
          /* stored values are validated on the way in */
        }
      } else exact.set(`${r.kind}\n${r.kind === 'email' ? r.value.toLowerCase() : r.value}`, r);
    }
    const out = { at: Date.now(), exact, cidr };
    this.blocks.set(orgId, out);
    return out;
  }

  private async accountBlock(orgId: string, account: string): Promise<{ until: number | null; reason: string | null } | undefined> {
    const key = `${orgId}\n${account}`;
    let hit = this.accounts.get(key);
    if (!hit || Date.now() - hit.at > TTL_MS) {
      const [row] = await this.db.tx(orgScope(orgId), (tx) => rows<{ blocked_until: Date | string | number | null; block_reason: string | null }>(tx,
        sql`select blocked_until, block_reason from aiguard_accounts where org_id = ${orgId} and account = ${account}`));
      // A confirmed abuser is blocked until 'infinity', which the drivers return as the number Infinity.
      const b = row?.blocked_until;
      const until = b === null || b === undefined ? null : b === Infinity || b === 'infinity' ? Infinity : new Date(b).getTime();
      hit = { at: Date.now(), until, reason: row?.block_reason ?? null };
      if (this.accounts.size > 100_000) this.accounts.clear();
      this.accounts.set(key, hit);
    }
    return hit.until !== null && hit.until > Date.now() ? hit : undefined;
  }

  /** The STIX observation of a request: its source address (and autonomous system), e-mail, account. */
  observation(p: RequestParty): ObservedObject[] {
    const objects: ObservedObject[] = [];
    if (p.ip) {
      const v4 = p.ip.startsWith('::ffff:') && isIPv4(p.ip.slice(7)) ? p.ip.slice(7) : p.ip;
      objects.push({ type: isIPv4(v4) ? 'ipv4-addr' : 'ipv6-addr', id: '0', value: v4 });
      const asn = this.geo()?.lookup(v4).asn;
      if (asn) objects.push({ type: 'autonomous-system', id: '1', number: asn.number, name: asn.org });
    }
    const subject = p.subject.trim().toLowerCase();
    if (EMAIL.test(subject)) objects.push({ type: 'email-addr', id: String(objects.length), value: subject });
    objects.push({ type: 'user-account', id: String(objects.length), account_login: p.account, [SUBJECT_HASH_PROPERTY]: sharedIdentifierHash(subject) });
    return objects;
  }

  async check(p: RequestParty): Promise<Refusal | undefined> {
    const b = await this.orgBlocks(p.orgId);
    const ip = p.ip?.startsWith('::ffff:') && isIPv4(p.ip.slice(7)) ? p.ip.slice(7) : p.ip;
    const subject = p.subject.trim().toLowerCase();
    const asn = ip ? this.geo()?.lookup(ip).asn : undefined;
    const exact = (kind: string, value: string | undefined) => (value === undefined ? undefined : b.exact.get(`${kind}\n${value}`));
    const local = exact('account', p.account) ?? exact('key', p.keyId) ?? exact('ip', ip) ?? exact('email', EMAIL.test(subject) ? subject : undefined)
      ?? (asn ? exact('asn', String(asn.number)) : undefined)
      ?? (ip ? b.cidr.find((c) => c.list.check(ip, isIPv4(ip) ? 'ipv4' : 'ipv6'))?.row : undefined);
    if (local) return { reason: `on your organisation's block list (${local.kind} ${local.value}${local.reason ? `: ${local.reason}` : ''})`, source: `block:${local.id}` };
    const acct = await this.accountBlock(p.orgId, p.account);
    if (acct) return { reason: `the account is blocked${acct.reason ? ` (${acct.reason})` : ''}`, source: 'account' };
    const live = await this.indicators();
    if (live) {
      const objects = this.observation({ ...p, ...(ip ? { ip } : {}) });
      const now = Date.now();
      for (const m of await live.matchObservation(p.orgId, { objects, firstObserved: now, lastObserved: now })) {
        if (m.score <= 0 || m.falsePositive || m.meta.warninglists.length > 0) continue;
        const what = m.observable.startsWith('user-account') ? 'the account' : `${m.observable} ${String(m.value)}`;
        return { reason: `${what} matches threat intelligence${m.meta.name ? ` (${m.meta.name})` : ''}`, source: `intel:${m.indicatorId}` };
      }
    }
    return undefined;
  }
}
