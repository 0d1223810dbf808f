import type { DataHashCheck } from './datahash.ts';

// Turns a C2PA reader's manifest store (the JSON of c2pa-rs' Reader) into our per-file provenance report:
// claim generator, signer, signing time, validation outcome and the AI-generation assertions.

/** IPTC digital source types that say the content was made by software (C2PA 2.x, actions assertion). */
export const AI_SOURCE_TYPES = ['trainedAlgorithmicMedia', 'compositeWithTrainedAlgorithmicMedia', 'algorithmicMedia'] as const;

export type ProvenanceStatus = 'valid' | 'invalid' | 'no-manifest' | 'error';

export interface ValidationCode {
  readonly code: string;
  readonly explanation?: string;
  /** JUMBF URI of the failing part. */
  readonly url?: string;
  /** 'active' for the active manifest, 'ingredient' for a failure inside an ingredient's manifest. */
  readonly scope: 'active' | 'ingredient';
}

export interface ProvenanceReport {
  readonly file: string;
  readonly format?: string;
  readonly bytes: number;
  readonly status: ProvenanceStatus;
  /** true / false, or null when the reader failed before it could tell. */
  readonly hasManifest: boolean | null;
  /** `valid`, `invalid:<codes>`, `error:<reader error>` or `n/a` (no manifest): one line. */
  readonly validation: string;
  /** Content or manifest altered after signing (a hash or signature mismatch, a missing part). */
  readonly tampered: boolean;
  /** The signer's certificate chains to a configured trust anchor (false when none are configured). */
  readonly signerTrusted: boolean;
  /** A failing code of the signing credential itself (expired, revoked, invalid), other than "not on a trust list". */
  readonly credentialProblem?: string;
  readonly activeManifest?: string;
  readonly manifests: number;
  readonly claimGenerator?: string;
  readonly title?: string;
  readonly signer?: { readonly commonName?: string; readonly issuer?: string; readonly algorithm?: string; readonly serial?: string };
  readonly signingTime?: string;
  /** digitalSourceType terms (short IPTC names) in the active manifest. */
  readonly digitalSourceTypes: readonly string[];
  /** digitalSourceType terms found in the ingredients' manifests. */
  readonly ingredientDigitalSourceTypes: readonly string[];
  /** The active manifest or an ingredient declares AI-generated or algorithmic content. */
  readonly aiGenerated: boolean;
  /** aiGenerated, and the credentials validated: a marker on a tampered file is evidence, not fact. */
  readonly aiGeneratedValidated: boolean;
  /** Failing codes, without "signer not on a trust list". */
  readonly failures: readonly ValidationCode[];
  /** Our own check of the JPEG/PNG data-hash binding (see datahash.ts), when the file has one. */
  readonly dataHash?: DataHashCheck;
  /** The content is bound, but the signed hash also excludes bytes that are not the manifest: they are unprotected. */
  readonly bindingProblem?: string;
  /** Plain-language summary of the validation. */
  readonly summary: string;
  readonly error?: string;
  /** URL of a remote manifest the file points at (never fetched). */
  readonly remoteManifest?: string;
  readonly elapsedMs?: number;
}

export interface ReportLimits {
  readonly maxManifests: number;
  readonly maxAssertions: number;
}

// Codes that mean the content or the manifest changed after it was signed (C2PA 2.x §15 "failure codes").
// Time-stamp and credential codes are about the signature's credentials, not about the content.
const TAMPER = /^(?!timeStamp\.|signingCredential\.)[\w.]+\.(mismatch|missing)$|^assertion\.(notRedactable|selfRedacted)$/;
const UNTRUSTED = new Set(['signingCredential.untrusted', 'cawg.x509.credential.untrusted', 'timeStamp.untrusted']);
const IPTC = /^https?:\/\/cv\.iptc\.org\/newscodes\/digitalsourcetype\//;

interface RawCode {
  code?: unknown;
  explanation?: unknown;
  url?: unknown;
}
interface RawManifest {
  label?: unknown;
  title?: unknown;
  claim_generator?: unknown;
  claim_generator_info?: unknown;
  signature_info?: { alg?: unknown; issuer?: unknown; common_name?: unknown; cert_serial_number?: unknown; time?: unknown };
  assertions?: unknown;
  ingredients?: unknown;
}
interface RawStore {
  active_manifest?: unknown;
  manifests?: Record<string, RawManifest>;
  validation_state?: unknown;
  validation_status?: unknown;
  validation_results?: { activeManifest?: { failure?: unknown }; ingredientDeltas?: unknown };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, 1000) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function shortSourceType(uri: string): string {
  return uri.trim().replace(IPTC, '');
}

function codes(list: unknown, scope: ValidationCode['scope']): ValidationCode[] {
  const out: ValidationCode[] = [];
  for (const c of arr(list) as RawCode[]) {
    const code = str(c?.code);
    if (!code) continue;
    const explanation = str(c.explanation);
    const url = str(c.url);
    out.push({ code, scope, ...(explanation ? { explanation } : {}), ...(url ? { url } : {}) });
  }
  return out;
}

function claimGenerator(m: RawManifest): string | undefined {
  const g = str(m.claim_generator);
  if (g) return g;
  const info = arr(m.claim_generator_info)
    .map((i) => {
      const o = i as { name?: unknown; version?: unknown };
      const name = str(o?.name);
      const version = str(o?.version);
      return name ? (version ? `${name}/${version}` : name) : undefined;
    })
    .filter((x): x is string => x !== undefined);
  return info.length ? info.join(' ') : undefined;
}

/** digitalSourceType values of a manifest's assertions: actions first, then any other assertion naming one. */
function sourceTypes(m: RawManifest, limits: ReportLimits, out: Set<string>): void {
  const assertions = arr(m.assertions).slice(0, limits.maxAssertions) as { label?: unknown; data?: unknown }[];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 12 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v.slice(0, 1000)) visit(x, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === 'digitalSourceType' && typeof x === 'string') out.add(shortSourceType(x));
      else visit(x, depth + 1);
    }
  };
  // Actions (c2pa.actions, c2pa.actions.v2, and their __N instances) before the others, so the order reads naturally.
  const isActions = (a: { label?: unknown }) => typeof a.label === 'string' && /^c2pa\.actions(\.v\d+)?(__\d+)?$/.test(a.label);
  for (const a of assertions.filter(isActions)) visit(a.data, 0);
  for (const a of assertions.filter((a) => !isActions(a))) visit(a.data, 0);
}

/** Labels of the manifests that the ingredients of `label` point at, recursively (bounded, no cycles). */
function ingredientManifests(store: Record<string, RawManifest>, label: string, limits: ReportLimits): string[] {
  const seen = new Set<string>([label]);
  const out: string[] = [];
  const queue = [label];
  while (queue.length && out.length < limits.maxManifests) {
    const m = store[queue.shift()!];
    for (const ing of arr(m?.ingredients)) {
      const l = str((ing as { active_manifest?: unknown })?.active_manifest);
      if (l && !seen.has(l) && Object.hasOwn(store, l)) {
        seen.add(l);
        out.push(l);
        queue.push(l);
      }
    }
  }
  return out;
}

export interface ReportBase {
  readonly file: string;
  readonly format?: string;
  readonly bytes: number;
  readonly elapsedMs?: number;
}

export function noManifestReport(base: ReportBase): ProvenanceReport {
  return { ...base, status: 'no-manifest', hasManifest: false, validation: 'n/a', tampered: false, signerTrusted: false, manifests: 0, digitalSourceTypes: [], ingredientDigitalSourceTypes: [], aiGenerated: false, aiGeneratedValidated: false, failures: [], summary: 'no Content Credentials (C2PA manifest) in this file' };
}

export function errorReport(base: ReportBase, error: string, hasManifest: boolean | null = null): ProvenanceReport {
  const e = error.slice(0, 500);
  return { ...base, status: 'error', hasManifest, validation: `error:${e}`, tampered: false, signerTrusted: false, manifests: 0, digitalSourceTypes: [], ingredientDigitalSourceTypes: [], aiGenerated: false, aiGeneratedValidated: false, failures: [], summary: `the Content Credentials could not be read: ${e}`, error: e };
}

/** Builds the report from the reader's manifest store JSON. */
export function buildReport(base: ReportBase, raw: unknown, limits: ReportLimits, dataHash?: DataHashCheck): ProvenanceReport {
  const store = (raw ?? {}) as RawStore;
  const manifests = store.manifests && typeof store.manifests === 'object' ? store.manifests : {};
  const labels = Object.keys(manifests);
  const active = str(store.active_manifest);
  if (!active || !Object.hasOwn(manifests, active)) return labels.length ? errorReport(base, 'the manifest store has no active manifest', true) : noManifestReport(base);
  if (labels.length > limits.maxManifests) return errorReport(base, `too many manifests (${labels.length}, limit ${limits.maxManifests})`, true);
  const m = manifests[active]!;
  if (arr(m.assertions).length > limits.maxAssertions) return errorReport(base, `too many assertions in the active manifest (limit ${limits.maxAssertions})`, true);

  const all = [...codes(store.validation_results?.activeManifest?.failure, 'active')];
  for (const d of arr(store.validation_results?.ingredientDeltas)) all.push(...codes((d as { validationDeltas?: { failure?: unknown } })?.validationDeltas?.failure, 'ingredient'));
  // Older reader output: a flat validation_status list.
  if (!store.validation_results) all.push(...codes(store.validation_status, 'active'));
  const signerUntrusted = all.some((c) => c.code === 'signingCredential.untrusted');
  const failures = all.filter((c) => !UNTRUSTED.has(c.code));
  const failing = [...new Set(failures.map((c) => c.code))];
  const state = str(store.validation_state);
  const ok = state ? state === 'Valid' || state === 'Trusted' : failing.length === 0;
  // assertion.dataHash.mismatch also stands for "the exclusions do not match the manifest's location".
  // When our own hash over the bound bytes matches, the content is intact: the defect is the binding.
  const overWide = dataHash !== undefined && dataHash.hashMatches && dataHash.excludedBesidesManifest.length > 0 && failing.includes('assertion.dataHash.mismatch');
  const bindingProblem = overWide
    ? `the signed data hash matches, but its exclusions also leave ${dataHash.excludedBesidesManifest.reduce((n, e) => n + e.length, 0)} bytes outside the manifest unprotected (${dataHash.excludedBesidesManifest.map((e) => `${e.start}-${e.start + e.length - 1}`).join(', ')})`
    : undefined;
  const tampered = failing.some((c) => TAMPER.test(c) && !(overWide && c === 'assertion.dataHash.mismatch'));
  const credentialProblem = failing.find((c) => c.startsWith('signingCredential.') || c.startsWith('timeStamp.'));
  const signerTrusted = state === 'Trusted' && !signerUntrusted;

  const dst = new Set<string>();
  sourceTypes(m, limits, dst);
  const ingDst = new Set<string>();
  for (const l of ingredientManifests(manifests, active, limits)) sourceTypes(manifests[l]!, limits, ingDst);
  const isAi = (t: string) => (AI_SOURCE_TYPES as readonly string[]).includes(t);
  const aiGenerated = [...dst, ...ingDst].some(isAi);

  const si = m.signature_info ?? {};
  const signer = { commonName: str(si.common_name), issuer: str(si.issuer), algorithm: str(si.alg), serial: str(si.cert_serial_number) };
  const claim = claimGenerator(m);
  const title = str(m.title);
  const time = str(si.time);
  const validation = ok ? 'valid' : `invalid:${failing.join('|') || 'unknown'}`;
  const who = signer.issuer ?? signer.commonName ?? 'an unknown signer';
  const summary = ok
    ? `signature valid, content unchanged; signed by ${who}${signerTrusted ? ' (on the trust list)' : ', signer not on a trust list'}`
    : tampered
      ? `TAMPERED: the content or its credentials changed after signing (${failing.join(', ')})`
      : bindingProblem
        ? `invalid binding: ${bindingProblem}`
        : credentialProblem
          ? `credentials not valid: ${failing.join(', ')}`
          : `invalid: ${failing.join(', ')}`;
  return {
    ...base,
    status: ok ? 'valid' : 'invalid',
    hasManifest: true,
    validation,
    tampered,
    signerTrusted,
    ...(credentialProblem ? { credentialProblem } : {}),
    activeManifest: active,
    manifests: labels.length,
    ...(claim ? { claimGenerator: claim } : {}),
    ...(title ? { title } : {}),
    signer: Object.fromEntries(Object.entries(signer).filter(([, v]) => v !== undefined)),
    ...(time ? { signingTime: time } : {}),
    digitalSourceTypes: [...dst],
    ingredientDigitalSourceTypes: [...ingDst],
    aiGenerated,
    aiGeneratedValidated: aiGenerated && ok,
    failures,
    ...(dataHash ? { dataHash } : {}),
    ...(bindingProblem ? { bindingProblem } : {}),
    summary: aiGenerated ? `${summary}; declares AI-generated content (${[...dst, ...ingDst].filter(isAi).join(', ')})${ok ? '' : ' — not verified'}` : summary,
  };
}
