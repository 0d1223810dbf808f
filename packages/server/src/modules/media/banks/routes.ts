// Hash-bank API: banks of an organisation, their entries (add, edit, withdraw, each recorded in the
// entry's history and audited), deletion of a bank (every entry withdrawn, then the bank hidden), and the
// entries other organisations and federated instances shared.
// Every entry state is published to the intel store as STIX (publish.ts) before it is recorded here,
// so what is shared and what the bank shows never disagree for long: a failed share changes nothing.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  API, DeletedMediaBank, DeleteMediaBank, MediaBank, MediaBankEntry, MediaBankEntryList, MediaBankList, MediaEntryHistory, NewMediaBank, NewMediaBankEntry, SharedMediaEntryList,
  UpdateMediaBank, UpdateMediaBankEntry, WithdrawMediaBankEntry, type MediaHashes, type MediaKind,
} from '@bulwark/contracts';
import { actor, audit, errors, orgScope, principalOf, rows, type Principal } from '../../../platform/index.ts';
import type { MediaDeps } from '../module.ts';
import { disarmRefs } from './disarm-refs.ts';
import { publishEntry } from './publish.ts';
import { sharedEntries } from './shared.ts';
import {
  bankEntries, bankOf, contextOf, diff, entryOf, historyOf, inUse, listBanks, liveBankOf, lockBankInUse, recordChange, stixOf, toBank, toEntry,
  type BankRow, type EntryContext, type EntryRow,
} from './store.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

function kindOf(h: MediaHashes, given?: MediaKind): MediaKind {
  if (given) return given;
  if (h.pdq) return 'image';
  if (h.vpdq?.length) return 'video';
  if (h.chromaprint) return 'audio';
  return 'other';
}

export function bankRoutes(app: FastifyInstance, deps: MediaDeps): void {
  const { db } = deps.platform;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const pdqDistance = deps.platform.config.media.pdqDistance;

  const checkDisarm = async (ids: readonly string[]) => {
    const refs = await disarmRefs(db, ids);
    if (refs.unknown.length) throw errors.invalid(`unknown DISARM technique${refs.unknown.length > 1 ? 's' : ''}: ${refs.unknown.join(', ')} (not in the imported DISARM framework)`);
    return refs.stixIds;
  };
  /** Publishes a state of an entry and updates the live index of this process at once. */
  const share = async (prev: ReturnType<typeof stixOf> | undefined, next: ReturnType<typeof stixOf>) => {
    const stixIds = await checkDisarm([...next.disarm, ...(prev?.disarm ?? [])]);
    const modified = await publishEntry(deps.intel.objects, prev, next, stixIds);
    await (await deps.index()).refresh([next.indicatorId]);
    return modified;
  };
  const by = (p: Principal) => p.userId ?? null;
  /**
   * The distribution and sharing group a create or update asks for (undefined: neither given). `group` implies
   * distribution group; the group must be one the organisation owns or belongs to (404 otherwise).
   */
  const scopeOf = async (orgId: string, b: { distribution?: MediaBank['distribution']; group?: string }): Promise<{ distribution: MediaBank['distribution']; group: string | null } | undefined> => {
    if (b.group === undefined) {
      if (b.distribution === 'group') throw errors.invalid('distribution group needs group: the id of a sharing group your organisation owns or belongs to');
      return b.distribution === undefined ? undefined : { distribution: b.distribution, group: null };
    }
    if (b.distribution !== undefined && b.distribution !== 'group') throw errors.invalid(`group is for distribution group, not ${b.distribution}: give one or the other`);
    const g = await deps.intel.objects.sharingGroup(orgId, b.group);
    if (!g) throw errors.notFound(`sharing group ${b.group} among those your organisation owns or belongs to`);
    return { distribution: 'group', group: g.id };
  };

  r.get(API.mediaBanks, {
    config: { permission: 'intel:read' },
    schema: {
      tags: ['media'], summary: 'Your organisation\'s hash banks',
      description: 'The banks in use; with `deleted=true`, the deleted ones instead (newest deletion first), whose entries and their history stay readable.',
      querystring: Type.Object({ deleted: Type.Optional(Type.Boolean({ default: false, description: 'List the deleted banks instead of those in use' })) }),
      response: { 200: MediaBankList },
    },
  }, async (req) => ({ banks: (await listBanks(db, principalOf(req).orgId, req.query.deleted ?? false)).map(toBank) }));

  r.post(API.mediaBanks, {
    config: { permission: 'intel:write' },
    schema: { tags: ['media'], summary: 'Create a hash bank',
      description: 'Its TLP is the default of its entries; its distribution says who receives them (as STIX, hashes only). '
        + '`group` shares them with the members of a sharing group your organisation owns or belongs to (distribution group, implied by it); an unknown group gives 404.', body: NewMediaBank, response: { 201: MediaBank } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body;
    const scope = await scopeOf(p.orgId, b) ?? { distribution: 'organisation' as const, group: null };
    const bank = await db.tx(orgScope(p.orgId), async (tx) => {
      const [dup] = await rows<{ id: string }>(tx, sql`select id from media_banks where org_id = ${p.orgId} and lower(name) = lower(${b.name}) and deleted_at is null`);
      if (dup) throw errors.conflict(`a bank named ${JSON.stringify(b.name)} exists already`);
      const [row] = await rows<{ id: string }>(tx, sql`insert into media_banks (org_id, name, description, tlp, distribution, group_id, created_by)
        values (${p.orgId}, ${b.name}, ${b.description ?? ''}, ${b.tlp ?? 'AMBER'}, ${scope.distribution}, ${scope.group}, ${by(p)}) returning id`);
      await audit(tx, { ...actor(p, req.ip), action: 'media.bank.create', outcome: 'success', details: { bank: row!.id, name: b.name, tlp: b.tlp ?? 'AMBER', distribution: scope.distribution, ...(scope.group ? { group: scope.group } : {}) } });
      return bankOf(tx, p.orgId, row!.id);
    });
    return reply.code(201).send(toBank(bank));
  });

  r.get(API.mediaBank(':id'), {
    config: { permission: 'intel:read' },
    schema: { tags: ['media'], summary: 'One hash bank (a deleted one too: it has `deletedAt`)', params: Id, response: { 200: MediaBank } },
  }, async (req) => {
    const p = principalOf(req);
    return toBank(await db.tx(orgScope(p.orgId), (tx) => bankOf(tx, p.orgId, req.params.id)));
  });

  r.patch(API.mediaBank(':id'), {
    config: { permission: 'intel:write' },
    schema: {
      tags: ['media'], summary: 'Rename a bank, or change its TLP, distribution or sharing group',
      description: '`group` (a sharing group your organisation owns or belongs to) implies distribution group; another distribution leaves the group. '
        + 'A new name, distribution or sharing group publishes a new version of every active entry with it: a narrower distribution withdraws the entries from those who no longer receive them (federated instances get tombstones).',
      params: Id, body: UpdateMediaBank, response: { 200: MediaBank },
    },
  }, async (req) => {
    const p = principalOf(req);
    const u = req.body;
    const scope = await scopeOf(p.orgId, u);
    const { before, after } = await db.tx(orgScope(p.orgId), async (tx) => {
      const before = await liveBankOf(tx, p.orgId, req.params.id);
      if (u.name && u.name.toLowerCase() !== before.name.toLowerCase()) {
        const [dup] = await rows<{ id: string }>(tx, sql`select id from media_banks where org_id = ${p.orgId} and lower(name) = lower(${u.name}) and deleted_at is null`);
        if (dup) throw errors.conflict(`a bank named ${JSON.stringify(u.name)} exists already`);
      }
      await tx.execute(sql`update media_banks set name = ${u.name ?? before.name}, description = ${u.description ?? before.description}, tlp = ${u.tlp ?? before.tlp},
        distribution = ${scope?.distribution ?? before.distribution}, group_id = ${scope ? scope.group : before.group_id}, updated_at = now() where id = ${before.id}`);
      await audit(tx, { ...actor(p, req.ip), action: 'media.bank.update', outcome: 'success', details: { bank: before.id, ...u, ...(scope ? { distribution: scope.distribution } : {}) } });
      return { before, after: await bankOf(tx, p.orgId, before.id) };
    });
    if (after.name !== before.name || after.distribution !== before.distribution || after.group_id !== before.group_id) await republish(before, after, p);
    return toBank(after);
  });

  /** New versions of every active entry of a bank whose name, distribution or sharing group changed. */
  const republish = async (before: BankRow, after: BankRow, p: Principal) => {
    const entries = await db.tx(orgScope(p.orgId), (tx) => rows<EntryRow>(tx, sql`select * from media_bank_entries where bank_id = ${after.id} and status = 'active' order by created_at`));
    for (const e of entries) {
      const modified = await share(stixOf(e, before, pdqDistance, new Date(e.updated_at).toISOString()), stixOf(e, after, pdqDistance, new Date().toISOString()));
      await db.tx(orgScope(p.orgId), async (tx) => {
        const [row] = await rows<{ version: number }>(tx, sql`update media_bank_entries set version = version + 1, updated_at = ${modified} where id = ${e.id} returning version`);
        await recordChange(tx, { id: e.id, orgId: p.orgId, version: row!.version }, 'republish', by(p), {
          ...(before.name !== after.name ? { bank: { from: before.name, to: after.name } } : {}),
          ...(before.distribution !== after.distribution ? { distribution: { from: before.distribution, to: after.distribution } } : {}),
          ...(before.group_id !== after.group_id ? { group: { from: before.group_id, to: after.group_id } } : {}),
        }, null);
      });
    }
  };

  r.get(API.mediaBankEntries(':id'), {
    config: { permission: 'intel:read' },
    schema: {
      tags: ['media'], summary: 'Entries of a bank, newest first', params: Id,
      querystring: Type.Object({
        status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('withdrawn'), Type.Literal('all')], { default: 'active' })),
        q: Type.Optional(Type.String({ maxLength: 200, description: 'Text in title, narrative, actor, campaign or source; or a SHA-256 or PDQ' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
      }),
      response: { 200: MediaBankEntryList },
    },
  }, async (req) => {
    const p = principalOf(req);
    const q = req.query;
    const found = await bankEntries(db, p.orgId, req.params.id, { status: q.status ?? 'active', ...(q.q ? { q: q.q } : {}), limit: q.limit ?? 100, offset: q.offset ?? 0 });
    return { entries: found.rows.map(toEntry), total: found.total };
  });

  r.post(API.mediaBankEntries(':id'), {
    config: { permission: 'intel:write' },
    schema: {
      tags: ['media'], summary: 'Add an entry: hashes (or a check\'s hashes) and the disinformation context',
      description: 'The entry is published at once as a STIX indicator with the bank\'s distribution and the entry\'s TLP (default: the bank\'s). DISARM ids are checked against the imported DISARM framework when one is imported.',
      params: Id, body: NewMediaBankEntry, response: { 201: MediaBankEntry },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body;
    if (!b.hashes === !b.checkId) throw errors.invalid('give either hashes or checkId');
    const { bank, hashes, kind } = await db.tx(orgScope(p.orgId), async (tx) => {
      const bank = await liveBankOf(tx, p.orgId, req.params.id);
      if (b.hashes) return { bank, hashes: b.hashes, kind: kindOf(b.hashes, b.kind) };
      const [c] = await rows<{ hashes: MediaHashes; kind: MediaKind }>(tx, sql`select hashes, kind from media_checks where org_id = ${p.orgId} and id = ${b.checkId!}`);
      if (!c) throw errors.notFound('media check');
      return { bank, hashes: c.hashes, kind: b.kind ?? c.kind };
    });
    if (!hashes.sha256 && !hashes.md5 && !hashes.pdq && !hashes.vpdq?.length && !hashes.chromaprint) throw errors.invalid('the entry has no hash: give sha256, md5, pdq, vpdq or chromaprint');
    const now = new Date().toISOString();
    const row: EntryRow = {
      id: randomUUID(), bank_id: bank.id, org_id: p.orgId, status: 'active', kind, title: b.title ?? '', hashes,
      narrative: b.narrative ?? '', actor: b.actor ?? '', campaign: b.campaign ?? '', disarm: [...new Set(b.disarm ?? [])], first_seen: b.firstSeen ?? null,
      source: b.source ?? '', tlp: b.tlp ?? bank.tlp, version: 1, indicator_id: `indicator--${randomUUID()}`, withdraw_reason: null, created_at: now, updated_at: now,
    };
    const modified = await share(undefined, stixOf(row, bank, pdqDistance, now));
    const saved = await db.tx(orgScope(p.orgId), async (tx) => {
      // The bank may have been deleted since it was read: recorded only in a bank still in use.
      await lockBankInUse(tx, p.orgId, bank.id);
      await tx.execute(sql`insert into media_bank_entries (id, bank_id, org_id, status, kind, title, hashes, sha256, narrative, actor, campaign, disarm, first_seen, source, tlp, version, indicator_id, created_by, created_at, updated_at)
        values (${row.id}, ${bank.id}, ${p.orgId}, 'active', ${kind}, ${row.title}, ${JSON.stringify(hashes)}::jsonb, ${hashes.sha256?.toLowerCase() ?? null}, ${row.narrative}, ${row.actor}, ${row.campaign},
          ${JSON.stringify(row.disarm)}::jsonb, ${row.first_seen}, ${row.source}, ${row.tlp}, 1, ${row.indicator_id}, ${by(p)}, ${now}, ${modified})`);
      await recordChange(tx, { id: row.id, orgId: p.orgId, version: 1 }, 'add', by(p), Object.fromEntries(Object.entries(contextOf(row)).map(([k, v]) => [k, { from: null, to: v }])), null);
      await audit(tx, { ...actor(p, req.ip), action: 'media.entry.add', outcome: 'success', details: { bank: bank.id, entry: row.id, indicator: row.indicator_id, kind } });
      return entryOf(tx, p.orgId, row.id);
    }).catch(async (err: unknown) => {
      // Not recorded: take back what was shared (a revoked version), so that nothing matches an entry nobody has.
      const withdrawn = { ...row, status: 'withdrawn' as const };
      await share(stixOf(row, bank, pdqDistance, modified), stixOf(withdrawn, bank, pdqDistance, new Date().toISOString()))
        .catch((undo: unknown) => req.log.error({ err: undo, indicator: row.indicator_id }, 'media entry shared but not recorded, and its withdrawal failed'));
      throw err;
    });
    return reply.code(201).send(toEntry(saved));
  });

  r.get(API.mediaEntry(':id'), {
    config: { permission: 'intel:read' },
    schema: { tags: ['media'], summary: 'One bank entry', params: Id, response: { 200: MediaBankEntry } },
  }, async (req) => {
    const p = principalOf(req);
    return toEntry(await db.tx(orgScope(p.orgId), (tx) => entryOf(tx, p.orgId, req.params.id)));
  });

  /**
   * Applies a change to an entry: publish the new state, then record it if nobody changed the entry
   * meanwhile (the store's transaction cannot nest in ours on the embedded database, hence no row lock).
   */
  const change = async (p: Principal, id: string, ip: string, action: 'edit' | 'withdraw', apply: (e: EntryRow) => { row: EntryRow; note: string | null }, deleting = false) => {
    const { e, bank } = await db.tx(orgScope(p.orgId), async (tx) => {
      const e = await entryOf(tx, p.orgId, id);
      return { e, bank: await bankOf(tx, p.orgId, e.bank_id) };
    });
    if (!deleting) inUse(bank);
    if (e.status === 'withdrawn') {
      if (deleting) return e;
      throw errors.conflict('the entry is withdrawn; withdrawn entries stay as they were');
    }
    const { row, note } = apply(e);
    const fields = action === 'withdraw' ? { status: { from: 'active', to: 'withdrawn' } } : diff(contextOf(e), contextOf(row));
    if (!Object.keys(fields).length) return e;
    const modified = await share(stixOf(e, bank, pdqDistance, new Date(e.updated_at).toISOString()), stixOf(row, bank, pdqDistance, new Date().toISOString()));
    const c: EntryContext = contextOf(row);
    const saved = await db.tx(orgScope(p.orgId), async (tx) => {
      const updated = await rows<{ id: string }>(tx, sql`update media_bank_entries set title = ${c.title}, narrative = ${c.narrative}, actor = ${c.actor}, campaign = ${c.campaign},
        disarm = ${JSON.stringify(c.disarm)}::jsonb, first_seen = ${c.firstSeen}, source = ${c.source}, tlp = ${c.tlp}, status = ${row.status}, withdraw_reason = ${row.withdraw_reason},
        version = version + 1, updated_at = ${modified} where id = ${e.id} and version = ${e.version} returning id`);
      if (!updated.length) return undefined;
      await recordChange(tx, { id: e.id, orgId: p.orgId, version: e.version + 1 }, action, by(p), fields, note);
      await audit(tx, { ...actor(p, ip), action: `media.entry.${action}`, outcome: 'success', details: { entry: e.id, indicator: e.indicator_id, fields: Object.keys(fields) } });
      return entryOf(tx, p.orgId, e.id);
    });
    if (saved) return saved;
    // Someone else recorded a change meanwhile (e.g. a withdrawal by a bank's deletion) and what we shared may
    // be newer than theirs: share the recorded state again, so that the store and the bank agree.
    const now = await db.tx(orgScope(p.orgId), async (tx) => {
      const cur = await entryOf(tx, p.orgId, e.id);
      return { cur, curBank: await bankOf(tx, p.orgId, cur.bank_id) };
    });
    await share(stixOf(row, bank, pdqDistance, modified), stixOf(now.cur, now.curBank, pdqDistance, new Date().toISOString()))
      .catch((err: unknown) => { throw errors.conflict(`the entry was changed by someone else meanwhile, and sharing its recorded state again failed: ${(err as Error).message}`); });
    throw errors.conflict('the entry was changed by someone else meanwhile; reload it and try again');
  };

  r.patch(API.mediaEntry(':id'), {
    config: { permission: 'intel:write' },
    schema: { tags: ['media'], summary: 'Edit an entry\'s context (a new version is shared)', params: Id, body: UpdateMediaBankEntry, response: { 200: MediaBankEntry } },
  }, async (req) => {
    const u = req.body;
    const saved = await change(principalOf(req), req.params.id, req.ip, 'edit', (e) => ({
      row: {
        ...e, title: u.title ?? e.title, narrative: u.narrative ?? e.narrative, actor: u.actor ?? e.actor, campaign: u.campaign ?? e.campaign,
        disarm: u.disarm ? [...new Set(u.disarm)] : e.disarm, first_seen: u.firstSeen === undefined ? e.first_seen : u.firstSeen, source: u.source ?? e.source, tlp: u.tlp ?? e.tlp,
      },
      note: null,
    }));
    return toEntry(saved);
  });

  r.post(API.mediaEntryWithdraw(':id'), {
    config: { permission: 'intel:write' },
    schema: { tags: ['media'], summary: 'Withdraw an entry: its indicator is revoked, here and wherever it was shared', params: Id, body: WithdrawMediaBankEntry, response: { 200: MediaBankEntry } },
  }, async (req) => {
    const reason = req.body.reason;
    const saved = await change(principalOf(req), req.params.id, req.ip, 'withdraw', (e) => ({ row: { ...e, status: 'withdrawn', withdraw_reason: reason }, note: reason }));
    return toEntry(saved);
  });

  /**
   * Deletes a bank: every active entry is withdrawn as a withdrawal of one entry is (a revoked indicator
   * shared wherever the entry went, the live index updated, a history row, the audit), then the bank is
   * marked deleted, in one transaction that also checks that no entry is still active. Each entry is
   * withdrawn in its own steps (the intel store's transaction cannot nest in ours on the embedded database):
   * when a step fails, the entries withdrawn so far stay withdrawn, the bank stays in use, and deleting it
   * again withdraws the rest. Entries added meanwhile are withdrawn in a further round.
   */
  const deleteBank = async (p: Principal, id: string, ip: string, reason: string | undefined) => {
    const bank = inUse(await db.tx(orgScope(p.orgId), (tx) => bankOf(tx, p.orgId, id)));
    const note = reason ? `bank deleted: ${reason}` : 'bank deleted';
    let withdrawn = 0;
    for (let round = 0; round < 3; round++) {
      const active = await db.tx(orgScope(p.orgId), (tx) => rows<{ id: string }>(tx, sql`select id from media_bank_entries
        where org_id = ${p.orgId} and bank_id = ${bank.id} and status = 'active' order by created_at, id`));
      for (const { id: entryId } of active) {
        const saved = await change(p, entryId, ip, 'withdraw', (e) => ({ row: { ...e, status: 'withdrawn', withdraw_reason: note }, note }), true);
        if (saved.status === 'withdrawn' && saved.withdraw_reason === note) withdrawn++;
      }
      const deleted = await db.tx(orgScope(p.orgId), async (tx) => {
        const [locked] = await rows<{ deleted_at: Date | string | null }>(tx, sql`select deleted_at from media_banks where org_id = ${p.orgId} and id = ${bank.id} for update`);
        if (!locked) throw errors.notFound('media bank');
        inUse({ name: bank.name, deleted_at: locked.deleted_at });
        const [left] = await rows<{ n: string | number }>(tx, sql`select count(*) as n from media_bank_entries where org_id = ${p.orgId} and bank_id = ${bank.id} and status = 'active'`);
        if (Number(left?.n ?? 0) > 0) return undefined;
        await tx.execute(sql`update media_banks set deleted_at = now(), updated_at = now() where id = ${bank.id}`);
        await audit(tx, { ...actor(p, ip), action: 'media.bank.delete', target: bank.id, outcome: 'success', details: { bank: bank.id, name: bank.name, withdrawn, ...(reason ? { reason } : {}) } });
        return bankOf(tx, p.orgId, bank.id);
      });
      if (deleted) return { bank: toBank(deleted), withdrawn };
    }
    throw errors.conflict('entries keep being added to the bank while it is being deleted; try again');
  };

  r.delete(API.mediaBank(':id'), {
    config: { permission: 'intel:write' },
    schema: {
      tags: ['media'], summary: 'Delete a bank: its entries are withdrawn here and wherever they were shared',
      description: 'Withdraws every active entry as withdrawing one entry does (a revoked indicator version that federated instances receive as a withdrawal, '
        + 'a history row with the reason, the audit), then marks the bank deleted: it leaves the bank list (`?deleted=true` lists it), matches nothing, '
        + 'takes no entries or changes (409), and its name is free again. The bank, its entries and their history stay readable by id. '
        + 'The reason is optional (a JSON body `{"reason": …}`, `null` or none, or the query `reason`); it becomes each entry\'s withdrawal reason as `bank deleted: <reason>`. '
        + 'When a step fails, the entries withdrawn so far stay withdrawn and the bank stays in use: deleting it again withdraws the rest. '
        + 'A bank already deleted gives 409.',
      params: Id,
      querystring: Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'Why (same as the body\'s reason)' })) }),
      body: Type.Union([Type.Null(), DeleteMediaBank]),
      response: { 200: DeletedMediaBank },
    },
  }, async (req) => {
    const fromBody = req.body?.reason;
    const fromQuery = req.query.reason;
    if (fromBody !== undefined && fromQuery !== undefined && fromBody !== fromQuery) throw errors.invalid('give the reason once: in the body or in the query');
    return deleteBank(principalOf(req), req.params.id, req.ip, fromBody ?? fromQuery);
  });

  r.get(API.mediaEntryHistory(':id'), {
    config: { permission: 'intel:read' },
    schema: { tags: ['media'], summary: 'Every change of an entry, oldest first', params: Id, response: { 200: MediaEntryHistory } },
  }, async (req) => {
    const p = principalOf(req);
    return { changes: await historyOf(db, p.orgId, req.params.id) };
  });

  r.get(API.mediaShared, {
    config: { permission: 'intel:read' },
    schema: {
      tags: ['media'], summary: 'Bank entries shared with you by other organisations and federated instances',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })) }),
      response: { 200: SharedMediaEntryList },
    },
  }, async (req) => ({ entries: await sharedEntries(deps, principalOf(req), req.query.limit ?? 200) }));
}
