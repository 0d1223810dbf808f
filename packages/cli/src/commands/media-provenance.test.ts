// `bulwark media provenance`: the real command on corpus files (../shared/corpora/c2pa, or
// BULWARK_CORPORA; skipped when absent) and on files made here: one JSON line per file with the
// validation, tampering and AI markers; a table for people; usage errors for bad options.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));
const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../shared/corpora/', import.meta.url));
const C2PA = join(CORPORA, 'c2pa');
const present = existsSync(join(C2PA, 'expected.csv'));
if (!present) console.log(`media provenance CLI corpus cases skipped: ${C2PA} is absent (set BULWARK_CORPORA).`);

const dir = mkdtempSync(join(tmpdir(), 'bw-prov-'));
const plain = join(dir, 'plain.jpg');
writeFileSync(plain, Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]));
const text = join(dir, 'notes.txt');
writeFileSync(text, 'not media');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'media', 'provenance', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bulwark media provenance', () => {
  it('reports a file without credentials, and refuses what it cannot read with exit status 1', () => {
    const ok = run(plain, '--json');
    expect(ok.code, ok.stderr).toBe(0);
    const r = JSON.parse(ok.stdout) as Record<string, unknown>;
    expect(r).toMatchObject({ file: plain, has_manifest: false, validation: 'n/a', tampered: false, ai_generated: false });
    const bad = run(plain, text, '--json');
    expect(bad.code).toBe(1);
    const lines = bad.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['validation'])).toEqual(['n/a', 'error:unsupported media type']);
  }, 60_000);

  it.skipIf(!present)('reads signed, tampered and AI-marked corpus files', () => {
    const files = ['c2pa-rs/C.jpg', 'generated/synthetic-trainedAlgorithmicMedia.jpg', 'generated/synthetic-trainedAlgorithmicMedia-tampered.jpg', 'c2pa-rs/no_alg.jpg'].map((f) => join(C2PA, f));
    const r = run('--json', ...files);
    expect(r.code).toBe(1); // no_alg.jpg cannot be read
    const [c, ai, tampered, noAlg] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(c).toMatchObject({ has_manifest: true, validation: 'valid', signer_trusted: false, claim_generator: 'make_test_images/0.33.1 c2pa-rs/0.33.1', digital_source_type: ['algorithmicMedia'], ai_generated: true });
    expect((c!['signer'] as Record<string, string>)['issuer']).toBe('C2PA Test Signing Cert');
    expect(c!['summary']).toContain('signer not on a trust list');
    expect(ai).toMatchObject({ validation: 'valid', digital_source_type: ['trainedAlgorithmicMedia'], ai_generated_validated: true });
    expect(tampered).toMatchObject({ validation: 'invalid:assertion.dataHash.mismatch', tampered: true, ai_generated: true, ai_generated_validated: false });
    expect(noAlg).toMatchObject({ status: 'error', validation: 'error:UnknownAlgorithm' });

    const table = run(...files.slice(0, 3));
    expect(table.stdout).toMatch(/^FILE\s+VALIDATION\s+SIGNER/);
    expect(table.stdout).toContain('TAMPERED invalid:assertion.dataHash.mismatch');
    expect(table.stdout).toContain('claimed, not verified (trainedAlgorithmicMedia)');
  }, 60_000);

  it('refuses bad options', () => {
    expect(run(plain, '--file-timeout', '0').stderr).toMatch(/--file-timeout takes a number/);
    expect(run(plain, '--trust-anchors', text).stderr).toMatch(/no PEM certificate/);
    expect(run(plain, '--trust-anchors', join(dir, 'missing.pem')).stderr).toMatch(/ENOENT/);
  }, 60_000);
});
