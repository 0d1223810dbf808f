// The organisation's asset owners over HTTP: read (incidents:read), replace the list (playbooks:write).
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API, AssetOwners, type AssetOwner } from '@bulwark/contracts';
import { actor, audit, errors, orgScope, principalOf, rows, type Platform, type Tx } from '../../../platform/index.ts';
import { AssetListError, compileAssets } from './owners.ts';

export async function assetsOf(tx: Tx, orgId: string): Promise<AssetOwner[]> {
  const [row] = await rows<{ assets: AssetOwner[] }>(tx, sql`select assets from respond_settings where org_id = ${orgId}`);
  return Array.isArray(row?.assets) ? row.assets : [];
}

export function assetRoutes(app: FastifyInstance, platform: Platform): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = platform;
  r.get(API.assetOwners, {
    config: { permission: 'incidents:read' },
    schema: { tags: ['incidents'], summary: 'Who owns which hosts and networks (what enrich.owner answers)', response: { 200: AssetOwners } },
  }, async (req) => {
    const p = principalOf(req);
    return { assets: await db.tx(orgScope(p.orgId), (tx) => assetsOf(tx, p.orgId)) };
  });
  r.put(API.assetOwners, {
    config: { permission: 'playbooks:write' },
    schema: { tags: ['incidents'], summary: 'Replace the asset owner list (checked in order)', body: AssetOwners, response: { 200: AssetOwners } },
  }, async (req) => {
    const p = principalOf(req);
    try {
      compileAssets(req.body.assets);
    } catch (err) {
      if (err instanceof AssetListError) throw errors.invalid(err.message);
      throw err;
    }
    await db.tx(orgScope(p.orgId), async (tx) => {
      await tx.execute(sql`insert into respond_settings (org_id, assets, updated_by) values (${p.orgId}, ${JSON.stringify(req.body.assets)}::jsonb, ${p.userId ?? null})
        on conflict (org_id) do update set assets = excluded.assets, updated_by = excluded.updated_by, updated_at = now()`);
      await audit(tx, { ...actor(p, req.ip), action: 'assets.owners', outcome: 'success', details: { entries: req.body.assets.length } });
    });
    return req.body;
  });
}
