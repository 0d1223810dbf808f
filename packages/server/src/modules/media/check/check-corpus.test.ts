// Media checks on real files (../shared/corpora): Content Credentials that declare AI generation give
// the `ai-generated` verdict (a claim when they fail validation); a recording banked from its original
// is found again in its MP3 re-encoding by audio fingerprint and not in another recording; a video
// banked from one encoding is found in another by vPDQ, and not in an unrelated video.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaBank, MediaBankEntry, MediaCheck } from '@bulwark/contracts';
import { databaseTiers } from '../../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../testing/app.ts';
import { ffmpegPath } from '../audio/decode.ts';
import { spawnSync } from 'node:child_process';

const CORPORA = process.env['BULWARK_CORPORA'] ?? join(import.meta.dirname, '../../../../../../../shared/corpora');
const need = ['c2pa/generated/synthetic-trainedAlgorithmicMedia.jpg', 'audio/clips/s1_orig.wav', 'vpdq/videos/chair-19-sd-bar.mp4'].map((f) => join(CORPORA, f));
const present = need.every((f) => existsSync(f));
const ffmpeg = spawnSync(ffmpegPath(), ['-version']).status === 0;
if (!present) console.log(`media check corpus test skipped: ${need.find((f) => !existsSync(f))} is absent (set BULWARK_CORPORA).`);
else if (!ffmpeg) console.log('media check corpus test skipped: ffmpeg is not installed (apt-get install ffmpeg).');

describe.runIf(present && ffmpeg)('media checks on the corpora', () => {
  let t: TestApp;
  let root: ReturnType<typeof client>;
  let bank: MediaBank;
  beforeAll(async () => {
    t = await startTestApp(databaseTiers()[0]!, { env: { BULWARK_MEDIA_MAX_UPLOAD_BYTES: String(50 * 1024 * 1024) } });
    root = client(t.url, { token: t.adminToken });
    bank = (await root<MediaBank>('POST', '/api/v1/media/banks', { name: 'Corpus fakes' })).body;
  }, 120_000);
  afterAll(async () => t?.close());

  const check = async (file: string): Promise<MediaCheck> => {
    const res = await fetch(`${t.url}/api/v1/media/check?name=${encodeURIComponent(file)}`, { method: 'POST', headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/octet-stream' }, body: readFileSync(join(CORPORA, file)) });
    expect(res.status).toBe(200);
    return (await res.json()) as MediaCheck;
  };
  const bankIt = async (c: MediaCheck, title: string) => {
    const e = await root<MediaBankEntry>('POST', `/api/v1/media/banks/${bank.id}/entries`, { checkId: c.id, title });
    expect(e.status, JSON.stringify(e.body)).toBe(201);
    return e.body;
  };

  it('reads AI-generation markers from Content Credentials', async () => {
    const ai = await check('c2pa/generated/synthetic-trainedAlgorithmicMedia.jpg');
    expect(ai.verdict).toBe('ai-generated');
    expect(ai.provenance).toMatchObject({ hasManifest: true, tampered: false, aiGenerated: true, aiGeneratedValidated: true, digitalSourceTypes: ['trainedAlgorithmicMedia'] });
    expect(ai.summary).toContain('credentials are valid');
    const tampered = await check('c2pa/generated/synthetic-trainedAlgorithmicMedia-tampered.jpg');
    expect(tampered.verdict).toBe('ai-generated');
    expect(tampered.provenance).toMatchObject({ tampered: true, aiGenerated: true, aiGeneratedValidated: false });
    expect(tampered.summary).toContain('a claim, not proof');
  }, 120_000);

  it('finds a banked recording in its MP3 re-encoding, not in another recording', async () => {
    const orig = await check('audio/clips/s1_orig.wav');
    expect(orig.kind).toBe('audio');
    expect(orig.hashes.chromaprint).toMatch(/^[A-Za-z0-9_-]+$/);
    const entry = await bankIt(orig, 'cloned voice clip');
    const mp3 = await check('audio/clips/s1_mp3_32k.mp3');
    expect(mp3.verdict).not.toBe('unknown');
    expect(mp3.matches[0]).toMatchObject({ algorithm: 'chromaprint', entryId: entry.id });
    expect(mp3.matches[0]!.ber).toBeLessThanOrEqual(0.15);
    const other = await check('audio/clips/s2_orig.wav');
    expect(other.matches.filter((m) => m.entryId === entry.id)).toEqual([]);
  }, 120_000);

  it('finds a banked video in another encoding by vPDQ, not in an unrelated video', async () => {
    const orig = await check('vpdq/videos/chair-19-sd-bar.mp4');
    expect(orig.kind).toBe('video');
    expect(orig.hashes.vpdq!.length).toBeGreaterThan(10);
    const entry = await bankIt(orig, 'doctored chair video');
    const grey = await check('vpdq/videos/chair-22-sd-grey-bar.mp4');
    const hit = grey.matches.find((m) => m.entryId === entry.id && m.algorithm === 'vpdq');
    expect(hit, JSON.stringify(grey.matches)).toBeDefined();
    expect(Math.max(hit!.queryShare!, hit!.entryShare!)).toBeGreaterThanOrEqual(0.8);
    expect(grey.verdict).not.toBe('unknown');
    const unrelated = await check('vpdq/videos/doorknob-hd-no-bar.mp4');
    expect(unrelated.matches.filter((m) => m.entryId === entry.id)).toEqual([]);
  }, 180_000);
});
