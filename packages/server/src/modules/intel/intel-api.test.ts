// The intel API from outside: knowledge bundles (ATT&CK ICS, ATLAS, DISARM) import as they are,
// defects reported object by object (lenient) or nothing stored (strict); exports validate against the
// OASIS schemas and carry OASIS TLP 2.0 markings; another organisation receives only what TLP and
// distribution allow it, by every route.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntelImportReport, IntelObjectDetail, IntelObjectPage } from '@bulwark/contracts';
import { databaseTiers } from '../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../testing/app.ts';
import { oasisValidator } from './stix/oasis-schemas.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? join(import.meta.dirname, '../../../../../../shared/corpora');
const BUNDLES = join(CORPORA, 'stix/bundles');
const present = existsSync(BUNDLES);
if (!present) console.log(`STIX bundle tests skipped: ${BUNDLES} is absent (set BULWARK_CORPORA).`);

const TLP1_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
const TLP2_AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';

type Call = ReturnType<typeof client>;

describe.runIf(present)('intel API', () => {
  let t: TestApp;
  let root: Call;
  let other: Call;
  let otherToken: string;
  const send = (call: Call, path: string, body: unknown) => call<IntelImportReport>('POST', path, JSON.stringify(body), { 'content-type': 'application/json' });

  beforeAll(async () => {
    t = await startTestApp(databaseTiers()[0]!);
    root = client(t.url, { token: t.adminToken });
    const org = await root<{ id: string }>('POST', '/api/v1/organisations', { name: 'Agency B', slug: 'agency-b' });
    const user = await root<{ password: string }>('POST', '/api/v1/users', { email: 'analyst@b.example', role: 'analyst', organisationId: org.body.id });
    const login = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'analyst@b.example', password: user.body.password }) });
    const info = (await login.json()) as { csrfToken: string };
    const key = await client(t.url, { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: info.csrfToken })<{ token: string }>('POST', '/api/v1/keys', { name: 'test' });
    otherToken = key.body.token;
    other = client(t.url, { token: otherToken });
  }, 120_000);
  afterAll(async () => t?.close());

  it('imports ATT&CK ICS and DISARM as they are, and again without storing anything twice', async () => {
    for (const file of ['mitre-attack/ics-attack.json', 'disarm/DISARM.json']) {
      const bundle = JSON.parse(readFileSync(join(BUNDLES, file), 'utf8')) as { objects: unknown[] };
      const first = await send(root, '/api/v1/intel/import?tlp=CLEAR&distribution=all', bundle);
      expect(first.status, file).toBe(200);
      expect(first.body.rejected, JSON.stringify(first.body.defects.filter((d) => d.severity === 'error').slice(0, 3))).toBe(0);
      expect(first.body.stored).toBe(bundle.objects.length);
      const again = await send(root, '/api/v1/intel/import?tlp=CLEAR&distribution=all', bundle);
      expect(again.body).toMatchObject({ stored: 0, unchanged: bundle.objects.length, rejected: 0 });
    }
  }, 120_000);

  it('reports ATLAS\'s defects object by object, storing the rest (lenient) or nothing (strict)', async () => {
    const bundle = JSON.parse(readFileSync(join(BUNDLES, 'mitre-atlas/stix-atlas.json'), 'utf8')) as { objects: unknown[] };
    const strict = await send(root, '/api/v1/intel/import?tlp=CLEAR&distribution=all&strict=true', bundle);
    expect(strict.body.stored).toBe(0);
    const lenient = await send(root, '/api/v1/intel/import?tlp=CLEAR&distribution=all', bundle);
    const errors = lenient.body.defects.filter((d) => d.severity === 'error');
    expect(errors.filter((d) => d.code === 'time-order')).toHaveLength(2);
    // Relationship ids reused with the same `modified` but other content: the first is stored, the others refused.
    expect(errors.filter((d) => d.code === 'version-conflict').length).toBeGreaterThan(0);
    expect(lenient.body.stored + lenient.body.rejected + lenient.body.unchanged).toBe(bundle.objects.length);
    expect(lenient.body.stored).toBeGreaterThan(400);
  }, 120_000);

  it('exports objects that validate against the OASIS schemas, with OASIS TLP 2.0 markings', async () => {
    const id = `indicator--${randomUUID()}`;
    const marked = {
      type: 'indicator', spec_version: '2.1', id, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
      pattern: "[domain-name:value = 'evil.example']", pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z', object_marking_refs: [TLP1_AMBER],
    };
    const imported = await send(root, '/api/v1/intel/import?distribution=community', { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [marked] });
    expect(imported.body.stored).toBe(1);
    const res = await fetch(`${t.url}/api/v1/intel/export`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(res.headers.get('content-type')).toMatch(/application\/stix\+json/);
    const bundle = (await res.json()) as { type: string; objects: Array<Record<string, unknown>> };
    expect(bundle.type).toBe('bundle');
    const validate = oasisValidator();
    const invalid = bundle.objects.map((o) => ({ id: o['id'], errors: validate(o) })).filter((r) => r.errors.length > 0);
    expect(invalid.slice(0, 3)).toEqual([]);
    const out = bundle.objects.find((o) => o['id'] === id)!;
    expect(out['object_marking_refs']).toEqual([TLP2_AMBER]);
    expect(bundle.objects.some((o) => o['id'] === TLP2_AMBER)).toBe(true);
  }, 120_000);

  it('gives another organisation only what TLP and distribution allow, by every route', async () => {
    const mine = (n: string, extra: Record<string, unknown> = {}) => ({
      type: 'malware', spec_version: '2.1', id: `malware--${randomUUID()}`, created: '2026-01-02T00:00:00.000Z', modified: '2026-01-02T00:00:00.000Z', name: n, is_family: true, ...extra,
    });
    const secret = mine('kept in the organisation');
    const amber = mine('amber to the community', { object_marking_refs: [TLP2_AMBER] });
    const green = mine('green to the community');
    await send(root, '/api/v1/intel/import?tlp=GREEN&distribution=organisation', { objects: [secret] });
    await send(root, '/api/v1/intel/import?tlp=GREEN&distribution=community', { objects: [amber, green] });
    const listed = async (call: Call) => (await call<IntelObjectPage>('GET', '/api/v1/intel/objects?type=malware&limit=1000')).body.objects.map((o) => o.id);
    expect(await listed(root)).toEqual(expect.arrayContaining([secret.id, amber.id, green.id]));
    const theirs = await listed(other);
    expect(theirs).toContain(green.id);
    expect(theirs).not.toContain(secret.id);
    expect(theirs).not.toContain(amber.id); // AMBER needs a named recipient or a sharing group
    for (const hidden of [secret, amber]) {
      expect((await other('GET', `/api/v1/intel/objects/${hidden.id}`)).status).toBe(404);
      const taxii = await fetch(`${t.url}/taxii2/api/collections/5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d01/objects/${hidden.id}/`, { headers: { authorization: `Bearer ${otherToken}`, accept: 'application/taxii+json;version=2.1' } });
      expect(taxii.status).toBe(404);
    }
    const exported = (await other<{ objects: Array<{ id: string }> }>('GET', '/api/v1/intel/export?type=malware')).body.objects.map((o) => o.id);
    expect(exported).toContain(green.id);
    expect(exported).not.toContain(secret.id);
    expect(exported).not.toContain(amber.id);
    const detail = await other<IntelObjectDetail>('GET', `/api/v1/intel/objects/${green.id}`);
    expect(detail.body.summary).toMatchObject({ tlp: 'GREEN', distribution: 'community' });
  });

  it('refuses what is not a bundle, with the reason', async () => {
    const res = await root<{ detail: string }>('POST', '/api/v1/intel/import', '{"objects": [', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    const wrongType = await root('POST', '/api/v1/intel/import', 'hello', { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
  });
});
