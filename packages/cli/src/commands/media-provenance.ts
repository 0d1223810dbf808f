// `bulwark media provenance <files...> [--json] [--trust-anchors <pem>]`: reads and validates each file's
// C2PA Content Credentials locally and offline: claim generator, signer, signing time, validation
// (valid / invalid with the failing codes / error), tampering, and AI-generation assertions.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { printNdjson, printTable, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';
import { loadServerPackage } from '../server-package.ts';

interface Report {
  readonly file: string;
  readonly format?: string;
  readonly bytes: number;
  readonly status: string;
  readonly hasManifest: boolean | null;
  readonly validation: string;
  readonly tampered: boolean;
  readonly signerTrusted: boolean;
  readonly credentialProblem?: string;
  readonly activeManifest?: string;
  readonly manifests: number;
  readonly claimGenerator?: string;
  readonly title?: string;
  readonly signer?: { readonly commonName?: string; readonly issuer?: string; readonly algorithm?: string; readonly serial?: string };
  readonly signingTime?: string;
  readonly digitalSourceTypes: readonly string[];
  readonly ingredientDigitalSourceTypes: readonly string[];
  readonly aiGenerated: boolean;
  readonly aiGeneratedValidated: boolean;
  readonly failures: readonly { code: string; explanation?: string; url?: string; scope: string }[];
  readonly dataHash?: { alg: string; hashMatches: boolean; excludedBesidesManifest: readonly { start: number; length: number }[] };
  readonly bindingProblem?: string;
  readonly remoteManifest?: string;
  readonly summary: string;
  readonly error?: string;
}
interface ProvenanceApi {
  mediaProvenance(paths: readonly string[], opts: { trustAnchorsPem?: string; timeoutMs?: number; maxFileBytes?: number; threads?: number }): Promise<Report[]>;
}

interface Options {
  trustAnchors?: string;
  fileTimeout?: string;
  maxBytes?: string;
}

function positive(value: string | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new UsageError(`${name} takes a number above 0 and at most ${max}`);
  return n;
}

/** The report as one JSON line (snake_case, as the other media commands). */
export function provenanceJson(r: Report): Record<string, unknown> {
  return {
    file: r.file,
    ...(r.format ? { format: r.format } : {}),
    has_manifest: r.hasManifest,
    status: r.status,
    validation: r.validation,
    tampered: r.tampered,
    signer_trusted: r.signerTrusted,
    ...(r.credentialProblem ? { credential_problem: r.credentialProblem } : {}),
    ...(r.activeManifest ? { active_manifest: r.activeManifest, manifests: r.manifests } : {}),
    ...(r.claimGenerator ? { claim_generator: r.claimGenerator } : {}),
    ...(r.signer ? { signer: r.signer } : {}),
    ...(r.signingTime ? { signing_time: r.signingTime } : {}),
    digital_source_type: r.digitalSourceTypes,
    ingredient_digital_source_type: r.ingredientDigitalSourceTypes,
    ai_generated: r.aiGenerated,
    ai_generated_validated: r.aiGeneratedValidated,
    failures: r.failures,
    ...(r.dataHash ? { data_hash: { alg: r.dataHash.alg, matches: r.dataHash.hashMatches, excluded_besides_manifest: r.dataHash.excludedBesidesManifest } } : {}),
    ...(r.bindingProblem ? { binding_problem: r.bindingProblem } : {}),
    ...(r.remoteManifest ? { remote_manifest: r.remoteManifest } : {}),
    summary: r.summary,
    ...(r.error ? { error: r.error } : {}),
  };
}

function aiCell(r: Report): string {
  const terms = [...r.digitalSourceTypes, ...r.ingredientDigitalSourceTypes.map((t) => `ingredient:${t}`)];
  if (!r.aiGenerated) return terms.length ? `no (${terms.join(', ')})` : '';
  return `${r.aiGeneratedValidated ? 'YES' : 'claimed, not verified'} (${terms.join(', ')})`;
}

export function registerMediaProvenance(media: Command, app: App): void {
  media
    .command('provenance')
    .description('read and validate C2PA Content Credentials offline: signer, claim generator, validation (tampered?), AI-generation assertions')
    .argument('<files...>', 'media files (JPEG, PNG, WebP, GIF, TIFF, HEIF/AVIF, MP4/MOV, WAV, MP3, PDF, SVG)')
    .option('--trust-anchors <pem-file>', 'PEM certificates that signers must chain to (default: $BULWARK_MEDIA_C2PA_TRUST_ANCHORS); without them no signer is reported as trusted')
    .option('--file-timeout <s>', 'seconds allowed for reading one file before it is reported as an error (default 20)')
    .option('--max-bytes <n>', 'larger files are refused without reading (default 209715200)')
    .addHelpText('after', '\nExit status 1 when a file could not be read; invalid or tampered credentials are results, not errors.')
    .action(async (files: string[], o: Options, cmd: Command) => {
      const ctx = app.ctx(cmd);
      const timeout = positive(o.fileTimeout, '--file-timeout', 600);
      const maxBytes = positive(o.maxBytes, '--max-bytes', 2 ** 32);
      let trustAnchorsPem: string | undefined;
      o.trustAnchors ??= process.env['BULWARK_MEDIA_C2PA_TRUST_ANCHORS'] || undefined;
      if (o.trustAnchors !== undefined) {
        try {
          trustAnchorsPem = readFileSync(o.trustAnchors, 'utf8');
        } catch (e) {
          throw new UsageError(`--trust-anchors ${o.trustAnchors}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
        }
        if (!trustAnchorsPem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--trust-anchors ${o.trustAnchors}: no PEM certificate in it`);
      }
      const api = await loadServerPackage<ProvenanceApi>('media provenance', ['mediaProvenance']);
      const reports = await api.mediaProvenance(files, {
        ...(trustAnchorsPem ? { trustAnchorsPem } : {}),
        ...(timeout ? { timeoutMs: Math.round(timeout * 1000) } : {}),
        ...(maxBytes ? { maxFileBytes: Math.floor(maxBytes) } : {}),
      });
      if (reports.some((r) => r.status === 'error')) ctx.exit(1);
      if (ctx.json) {
        for (const r of reports) printNdjson(ctx.out, provenanceJson(r));
        return;
      }
      printTable(ctx.out, reports, [
        { header: 'file', value: (r) => sanitize(r.file), max: 200 },
        { header: 'validation', value: (r) => (r.tampered ? `TAMPERED ${r.validation}` : r.validation), max: 70 },
        { header: 'signer', value: (r) => (r.signer ? `${r.signer.commonName ?? ''}${r.signer.issuer ? ` / ${r.signer.issuer}` : ''}${r.signerTrusted ? ' (trusted)' : r.hasManifest ? ' (not on a trust list)' : ''}` : ''), max: 60 },
        { header: 'signed', value: (r) => r.signingTime ?? '' },
        { header: 'ai-generated', value: aiCell, max: 70 },
        { header: 'claim generator', value: (r) => r.claimGenerator ?? '', max: 60 },
      ]);
    });
}
