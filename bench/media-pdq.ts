// `npm run bench:media-pdq`: PDQ hashes per second on one core over the PDQ corpus images
// (../shared/corpora/pdq or BULWARK_CORPORA), decoding and hashing measured separately, beside
// JSON.parse of JSON documents of the same byte sizes in the same run. Best of 3 rounds each.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage, pdqHash, type DecodedImage } from '../packages/server/src/modules/media/index.ts';
import { describeMachine, machine } from './lib/machine.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../shared/corpora/', import.meta.url));
const PDQ = join(CORPORA, 'pdq');
const ROUNDS = 3;

if (!existsSync(join(PDQ, 'expected.csv'))) {
  console.log(`bench:media-pdq skipped: ${PDQ} is absent (set BULWARK_CORPORA).`);
  process.exit(0);
}

function images(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...images(p));
    else if (/\.(jpe?g|png|gif|bmp|webp)$/i.test(name)) out.push(p);
  }
  return out.sort();
}

const files = images(PDQ).map((p) => ({ name: relative(PDQ, p), bytes: readFileSync(p) }));
const fmt = (n: number) => Math.round(n).toLocaleString('en');

function best(fn: () => void): number {
  let bestMs = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    fn();
    bestMs = Math.min(bestMs, performance.now() - t);
  }
  return bestMs;
}
async function bestAsync(fn: () => Promise<void>): Promise<number> {
  let bestMs = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    await fn();
    bestMs = Math.min(bestMs, performance.now() - t);
  }
  return bestMs;
}

// A JSON document of about `size` bytes: an array of event-like records.
function jsonOfSize(size: number): string {
  const rec = (i: number) => ({ id: i, host: `host-${i % 97}.example.org`, user: `user${i % 131}`, bytes: (i * 7919) % 100000, ok: i % 3 === 0, tags: ['a', 'bb', 'ccc'] });
  const one = JSON.stringify(rec(0)).length + 1;
  const n = Math.max(1, Math.round(size / one));
  return JSON.stringify(Array.from({ length: n }, (_, i) => rec(i)));
}

console.log(describeMachine(machine()));
console.log(`\n${files.length} images, ${fmt(files.reduce((s, f) => s + f.bytes.length, 0))} bytes; best of ${ROUNDS} rounds, one core\n`);

// group by size class so the figure is not dominated by the three 12-megapixel photos
type Group = { label: string; files: typeof files; decoded: DecodedImage[] };
const groups: Group[] = [];
const decodedAll: DecodedImage[] = [];
for (const f of files) decodedAll.push(await decodeImage(f.bytes));
const classOf = (img: DecodedImage) => {
  const mp = (img.width * img.height) / 1e6;
  return mp < 0.3 ? 'small (≤ 0.3 MP: 256×256, 160×100, 224×399…)' : mp < 3 ? 'medium (0.7–2 MP: 1600×1004, 924×735…)' : 'large (12 MP phone photos, 4032×3024)';
};
for (let i = 0; i < files.length; i++) {
  const label = classOf(decodedAll[i]!);
  let g = groups.find((x) => x.label === label);
  if (!g) groups.push((g = { label, files: [], decoded: [] }));
  g.files.push(files[i]!);
  g.decoded.push(decodedAll[i]!);
}
groups.push({ label: 'all corpus images', files, decoded: decodedAll });

const rows: string[] = [];
for (const g of groups) {
  const n = g.files.length;
  const decodeMs = await bestAsync(async () => {
    for (const f of g.files) await decodeImage(f.bytes);
  });
  const hashMs = best(() => {
    for (const img of g.decoded) pdqHash(img);
  });
  const dihedralMs = best(() => {
    for (const img of g.decoded) pdqHash(img, { dihedral: true });
  });
  const docs = g.files.map((f) => jsonOfSize(f.bytes.length));
  const jsonMs = best(() => {
    for (const d of docs) JSON.parse(d);
  });
  const mp = g.decoded.reduce((s, d) => s + d.width * d.height, 0) / 1e6;
  const perS = (ms: number) => fmt((n / ms) * 1000);
  rows.push(
    `| ${g.label} | ${n} | ${(mp / n).toFixed(2)} | ${perS(decodeMs)} | ${perS(hashMs)} | ${perS(dihedralMs)} | ${perS(decodeMs + hashMs)} | ${perS(jsonMs)} |`,
  );
  console.log(
    `${g.label}: ${n} images, ${(mp / n).toFixed(2)} MP avg; decode ${perS(decodeMs)}/s, PDQ ${perS(hashMs)}/s (${((mp / hashMs) * 1000).toFixed(0)} MP/s), PDQ+dihedral ${perS(dihedralMs)}/s, decode+PDQ ${perS(decodeMs + hashMs)}/s; JSON.parse of same-size JSON ${perS(jsonMs)}/s`,
  );
}

// the hash step alone at 64×64 input (no filtering needed): the cost of DCT, median and quality
const tiny = { data: new Uint8Array(64 * 64 * 3).map((_, i) => (i * 31) & 255), width: 64, height: 64, channels: 3 };
const tinyN = 20_000;
const tinyMs = best(() => {
  for (let i = 0; i < tinyN; i++) pdqHash(tiny);
});
console.log(`64×64 input (DCT + median + quality only): ${fmt((tinyN / tinyMs) * 1000)} hashes/s`);

console.log('\n| images | n | MP avg | decode/s | PDQ/s | PDQ + 8 dihedral/s | decode + PDQ/s | JSON.parse of same-size JSON/s |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
