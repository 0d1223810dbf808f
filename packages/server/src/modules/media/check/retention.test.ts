// Media retention: off by default (covered in banks-api.test.ts: `retained: false`); with
// media_retention_days set, the checked file is kept, served back to its organisation only as an
// attachment, and dropped once its time is over (the worker's sweep), while the check itself stays.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaCheck } from '@bulwark/contracts';
import { INSTANCE } from '../../../platform/index.ts';
import { databaseTiers } from '../../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../testing/app.ts';
import { purgeExpiredMedia } from './store.ts';
import { pictureRgba, png } from './test-images.ts';

describe('media retention', () => {
  let t: TestApp;
  let off: TestApp;
  beforeAll(async () => {
    t = await startTestApp(databaseTiers()[0]!, { env: { BULWARK_MEDIA_RETENTION_DAYS: '2' } });
    off = await startTestApp(databaseTiers()[0]!);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([t?.close(), off?.close()]);
  });

  const upload = async (app: TestApp, bytes: Uint8Array) => {
    // Retried while the server sheds load (503): two embedded databases just started in this process.
    for (let i = 0; ; i++) {
      const res = await fetch(`${app.url}/api/v1/media/check?name=kept.png`, { method: 'POST', headers: { authorization: `Bearer ${app.adminToken}`, 'content-type': 'application/octet-stream' }, body: bytes });
      if (res.status !== 503 || i === 10) {
        expect(res.status).toBe(200);
        return (await res.json()) as MediaCheck;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  };

  it('keeps the file for the configured days, then only the hashes and verdict', async () => {
    const image = png(64, 64, pictureRgba(64, 64, 3));
    const kept = await upload(t, image);
    expect(kept.retained).toBe(true);
    const res = await fetch(`${t.url}/api/v1/media/checks/${kept.id}/media`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe('attachment');
    expect(Buffer.from(await res.arrayBuffer()).equals(image)).toBe(true);

    const [row] = await t.platform.db.tx(INSTANCE, async (tx) => (await tx.execute(sql`select media_expires_at - checked_at as ttl from media_checks where id = ${kept.id}`)) as unknown as { rows: Array<{ ttl: unknown }> }).then((r) => r.rows);
    expect(String(row!.ttl)).toMatch(/2 days|48:00:00/);
    await t.platform.db.tx(INSTANCE, (tx) => tx.execute(sql`update media_checks set media_expires_at = now() - interval '1 second' where id = ${kept.id}`));
    expect((await fetch(`${t.url}/api/v1/media/checks/${kept.id}/media`, { headers: { authorization: `Bearer ${t.adminToken}` } })).status).toBe(404);
    expect(await t.platform.db.tx(INSTANCE, (tx) => purgeExpiredMedia(tx))).toBe(1);
    const after = await client(t.url, { token: t.adminToken })<MediaCheck>('GET', `/api/v1/media/checks/${kept.id}`);
    expect(after.body).toMatchObject({ retained: false, verdict: kept.verdict, hashes: kept.hashes });

    // Off by default: nothing is stored to serve.
    const notKept = await upload(off, image);
    expect(notKept.retained).toBe(false);
    expect((await fetch(`${off.url}/api/v1/media/checks/${notKept.id}/media`, { headers: { authorization: `Bearer ${off.adminToken}` } })).status).toBe(404);
  }, 60_000);
});
