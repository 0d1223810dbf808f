// Chromaprint-compatible fingerprints against fpcalc's output, and re-identification of every
// transformed clip of ../shared/corpora/audio (or BULWARK_CORPORA) as its source and no other.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AudioFingerprintIndex, audioFingerprintBytes, audioFingerprintFile, compressFingerprint, decodeAudio, decompressFingerprint, matchFingerprints, MediaDecodeError, popcount32, rawFromBase64, rawToBase64, type AudioFingerprint } from './index.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../../shared/corpora/', import.meta.url));
const AUDIO = `${CORPORA}/audio`;
const hasCorpus = existsSync(`${AUDIO}/expected.csv`);
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
if (!hasCorpus) console.log(`Audio fingerprint corpus test skipped: ${AUDIO}/expected.csv is absent (set BULWARK_CORPORA).`);
if (!hasFfmpeg) console.log('Audio fingerprint tests that decode skipped: ffmpeg is not installed (apt-get install ffmpeg).');

interface Row {
  file: string;
  source: string;
  transform: string;
  fpcalc: string;
  offset: number;
}

function rows(): Row[] {
  const lines = readFileSync(`${AUDIO}/expected.csv`, 'utf8').trim().split('\n');
  const head = lines[0]!.split(',');
  return lines.slice(1).map((line) => {
    // The detail column is quoted and may hold commas: split it off.
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        cells.push(cur);
        cur = '';
      } else cur += ch;
    }
    cells.push(cur);
    const get = (name: string) => cells[head.indexOf(name)]!;
    return { file: get('file'), source: get('source_clip'), transform: get('transform'), fpcalc: get('fpcalc_json'), offset: Number(get('best_offset_items')) };
  });
}

describe('audio fingerprint (pure parts)', () => {
  it('popcount', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
  });
  it('compressed string round trip', () => {
    const raw = Uint32Array.from([0, 0xffffffff, 0x80000000, 1, 0x12345678, 0x12345678, 0xdeadbeef]);
    const { algorithm, raw: back } = decompressFingerprint(compressFingerprint(raw));
    expect(algorithm).toBe(1);
    expect([...back]).toEqual([...raw]);
    expect([...rawFromBase64(rawToBase64(raw))]).toEqual([...raw]);
    expect(() => decompressFingerprint('AQAA!')).toThrow();
    expect(() => decompressFingerprint('AQAB')).toThrow(); // claims items it does not hold
  });
  it('alignment finds a shifted copy and rejects unrelated words', () => {
    let s = 12345;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s);
    const ref = Array.from({ length: 60 }, rnd);
    const query = ref.slice(7, 47).map((v, i) => (i % 5 === 0 ? v ^ 1 : v)); // 8 flipped bits
    const m = matchFingerprints(query, ref);
    expect(m).toMatchObject({ match: true, offset: 7, overlapItems: 40 });
    expect(m.ber).toBeCloseTo(8 / (40 * 32));
    const other = Array.from({ length: 40 }, rnd);
    const n = matchFingerprints(other, ref);
    expect(n.match).toBe(false);
    expect(n.matchedSeconds).toBe(0);
    expect(matchFingerprints([], ref)).toMatchObject({ match: false, ber: 1 });
  });
});

describe('audio fingerprint index', () => {
  it('finds a noisy shifted excerpt among many, and forgets withdrawn entries', () => {
    let s = 99;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s);
    const index = new AudioFingerprintIndex();
    const prints = Array.from({ length: 300 }, () => Array.from({ length: 80 }, rnd));
    prints.forEach((p, i) => index.add(`r${i}`, p));
    // items 20..59 of r123 with one bit in four items flipped in the low bits, and in one high bit
    const query = prints[123]!.slice(20, 60).map((v, i) => (i % 4 === 0 ? (v ^ 0x10) >>> 0 : i % 9 === 0 ? (v ^ 0x80000000) >>> 0 : v));
    const hits = index.search(query);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ id: 'r123', offset: 20, match: true });
    expect(index.remove('r123')).toBe(true);
    expect(index.search(query)).toEqual([]);
    expect(index.remove('r123')).toBe(false);
    index.add('again', prints[123]!);
    expect(index.search(query)[0]!.id).toBe('again');
    expect(index.size).toBe(300);
  });
});

describe.skipIf(!hasFfmpeg)('audio decoding', () => {
  it('reports missing files, non-audio input and an absent ffmpeg clearly', async () => {
    await expect(decodeAudio({ path: '/nonexistent/x.wav' })).rejects.toBeInstanceOf(MediaDecodeError);
    await expect(decodeAudio({ data: Buffer.from('not audio at all') })).rejects.toBeInstanceOf(MediaDecodeError);
    await expect(decodeAudio({ data: Buffer.alloc(10) }, { maxInputBytes: 5 })).rejects.toMatchObject({ code: 'too-large' });
    await expect(decodeAudio({ path: '/x.wav' }, { ffmpeg: '/nonexistent/ffmpeg' })).rejects.toMatchObject({ code: 'ffmpeg-missing' });
  });
  it('limits seconds and time; refuses playlists and scripts that would make ffmpeg open other files or URLs', async () => {
    // Without the format allow-list ffmpeg 5.1 decodes both lists below (they name a segment beside them).
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-audio-'));
    const segment = join(dir, 'seg.ts');
    expect(spawnSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=5', '-c:a', 'aac', '-f', 'mpegts', segment]).status).toBe(0);
    expect((await decodeAudio({ path: segment })).length).toBeGreaterThan(4 * 11025);
    // Limits: seconds decoded, and the time-out (ffmpeg is killed).
    expect((await decodeAudio({ path: segment }, { maxSeconds: 2 })).length).toBe(2 * 11025);
    await expect(decodeAudio({ path: segment }, { timeoutMs: 1 })).rejects.toMatchObject({ code: 'timeout' });
    const playlist = '#EXTM3U\n#EXT-X-TARGETDURATION:5\n#EXTINF:5,\nseg.ts\n#EXT-X-ENDLIST\n';
    writeFileSync(join(dir, 'list.m3u8'), playlist);
    await expect(decodeAudio({ path: join(dir, 'list.m3u8') })).rejects.toMatchObject({ code: 'decode-failed' });
    await expect(decodeAudio({ data: Buffer.from(playlist) })).rejects.toMatchObject({ code: 'decode-failed' });
    writeFileSync(join(dir, 'list.ffconcat'), "ffconcat version 1.0\nfile 'seg.ts'\n");
    await expect(decodeAudio({ path: join(dir, 'list.ffconcat') })).rejects.toMatchObject({ code: 'decode-failed' });
  });
});

describe.skipIf(!hasCorpus || !hasFfmpeg)('audio corpus: fpcalc agreement and re-identification', () => {
  const all = hasCorpus ? rows() : [];
  const prints = new Map<string, AudioFingerprint>();
  const fp = async (file: string) => {
    let p = prints.get(file);
    if (!p) prints.set(file, (p = await audioFingerprintFile(`${AUDIO}/${file}`)));
    return p;
  };

  it('our raw fingerprints equal fpcalc -raw (resampled input within 1% BER)', async () => {
    for (const r of all) {
      const ours = await fp(r.file);
      const ref = (JSON.parse(readFileSync(`${AUDIO}/${r.fpcalc}`, 'utf8')) as { fingerprint: number[] }).fingerprint;
      expect(ours.raw.length, r.file).toBe(ref.length);
      let bits = 0;
      for (let i = 0; i < ref.length; i++) bits += popcount32((ours.raw[i]! ^ ref[i]!) >>> 0);
      const ber = bits / (32 * ref.length);
      // ffmpeg and fpcalc resample differently; every 11,025 Hz input is bit-exact.
      if (r.transform === 'resample8k') expect(ber, r.file).toBeLessThan(0.01);
      else expect(ber, r.file).toBe(0);
    }
  }, 120_000);

  it('bytes through stdin give the same fingerprint as the file path', async () => {
    const file = all.find((r) => r.transform === 'ogg_q1')!.file;
    const fromBytes = await audioFingerprintBytes(readFileSync(`${AUDIO}/${file}`));
    expect(fromBytes.chromaprint).toBe((await fp(file)).chromaprint);
  });

  it('the compressed string decodes to the raw fingerprint', async () => {
    const p = await fp(all[0]!.file);
    expect([...decompressFingerprint(p.chromaprint).raw]).toEqual([...p.raw]);
  });

  it('the index finds the source of each clip, and only it', async () => {
    const index = new AudioFingerprintIndex();
    for (const src of new Set(all.map((r) => r.source))) index.add(src, (await fp(src)).raw);
    for (const r of all) {
      const hits = index.search((await fp(r.file)).raw, { maxOffset: 40 });
      expect(hits.map((h) => h.id), r.file).toEqual([r.source]);
    }
  });

  it('each transformed clip matches its source, at the expected offset, and no other source', async () => {
    const sources = [...new Set(all.map((r) => r.source))];
    for (const r of all) {
      const q = await fp(r.file);
      for (const s of sources) {
        const m = matchFingerprints(q.raw, (await fp(s)).raw, { maxOffset: 40 });
        if (s === r.source) {
          expect(m.match, `${r.file} against its source`).toBe(true);
          expect(m.offset, r.file).toBe(r.offset);
          expect(m.matchedSeconds).toBeGreaterThan(3);
        } else {
          expect(m.match, `${r.file} against ${s}`).toBe(false);
          expect(m.ber).toBeGreaterThan(0.3);
        }
      }
    }
  }, 120_000);
});
