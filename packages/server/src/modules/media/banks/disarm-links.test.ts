// With the DISARM framework imported, a bank entry's technique ids become `indicates` relationships to
// DISARM's own attack-pattern ids (so they line up with any instance that imported the same bundle),
// and an id the framework does not have is refused with its name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntelObjectDetail, MediaBank, MediaBankEntry } from '@bulwark/contracts';
import { databaseTiers } from '../../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../testing/app.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? join(import.meta.dirname, '../../../../../../../shared/corpora');
const FILE = join(CORPORA, 'disarm/DISARM.json');
let bundle: { objects: Array<Record<string, unknown>> } | undefined;
try {
  bundle = JSON.parse(readFileSync(FILE, 'utf8')) as typeof bundle;
} catch {
  console.log(`DISARM links test skipped: ${FILE} is absent (set BULWARK_CORPORA).`);
}

describe.runIf(bundle)('bank entries and the DISARM framework', () => {
  let t: TestApp;
  let root: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp(databaseTiers()[0]!);
    root = client(t.url, { token: t.adminToken });
    const imported = await root('POST', '/api/v1/media/disarm', JSON.stringify(bundle), { 'content-type': 'application/json' });
    expect(imported.status).toBe(200);
  }, 120_000);
  afterAll(async () => t?.close());

  it('links the entry to DISARM attack patterns by their STIX ids, and refuses unknown technique ids', async () => {
    const pattern = (id: string) => bundle!.objects.find((o) => o['type'] === 'attack-pattern' && (o['external_references'] as Array<{ external_id?: string }>).some((r) => r.external_id === id))!['id'];
    const bank = await root<MediaBank>('POST', '/api/v1/media/banks', { name: 'Deepfakes' });
    const entry = await root<MediaBankEntry>('POST', `/api/v1/media/banks/${bank.body.id}/entries`, { hashes: { sha256: '12'.repeat(32) }, disarm: ['T0086.002', 'T0087'] });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    const ind = await root<IntelObjectDetail>('GET', `/api/v1/intel/objects/${entry.body.indicatorId}`);
    const targets = ind.body.relationships.filter((r) => r.relationshipType === 'indicates').map((r) => r.targetRef).sort();
    expect(targets).toEqual([pattern('T0086.002'), pattern('T0087')].sort());
    const refused = await root<{ detail: string }>('POST', `/api/v1/media/banks/${bank.body.id}/entries`, { hashes: { sha256: '34'.repeat(32) }, disarm: ['T0086.002', 'T9999.001'] });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain('T9999.001');
    // Dropping a technique revokes its relationship (a new, revoked version).
    await root('PATCH', `/api/v1/media/entries/${entry.body.id}`, { disarm: ['T0087'] });
    const after = await root<IntelObjectDetail>('GET', `/api/v1/intel/objects/${entry.body.indicatorId}`);
    const live = [];
    for (const r of after.body.relationships.filter((x) => x.relationshipType === 'indicates')) {
      const rel = await root<IntelObjectDetail>('GET', `/api/v1/intel/objects/${r.id}`);
      if (!rel.body.summary.revoked) live.push(r.targetRef);
    }
    expect(live).toEqual([pattern('T0087')]);
  }, 60_000);
});
