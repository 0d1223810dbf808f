// Instance signatures: a detached JWS (RFC 7515 compact serialisation, Appendix F: `<protected>..<signature>`)
// with EdDSA over Ed25519 (RFC 8037) and an unencoded payload (RFC 7797: "b64": false, "crit": ["b64"]).
// The payload is the RFC 8785 canonical JSON of a value (jcs.ts); the JWS signing input is
//   ASCII(BASE64URL(UTF8(protected header))) || "." || canonical JSON bytes.
// Why b64=false: the payload is detached and never travels inside the JWS, so base64url-encoding it would
// only cost a third more bytes hashed and a second copy of a bundle of up to 64 MiB in memory, for nothing
// a receiver needs; both ends are ours, and "crit" makes a verifier that does not know RFC 7797 refuse the
// signature instead of misreading it. Only this one form is produced and accepted (no alg or b64 choice
// left to the sender).
//
// Protected header: {"alg":"EdDSA","b64":false,"crit":["b64"],"kid":<instance id>,"iat":<seconds>,
// "jti":<random>} plus optional "typ" (what the payload is) and "aud" (the instance it is meant for).
import { randomBytes, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';
import { canonicalBytes, JcsError } from './jcs.ts';
import type { ReplayCache } from './replay-cache.ts';

export interface ProtectedHeader {
  readonly alg: 'EdDSA';
  readonly b64: false;
  readonly crit: readonly ['b64'];
  readonly kid: string;
  readonly iat: number;
  readonly jti: string;
  readonly typ?: string;
  readonly aud?: string;
}

export interface SignOptions {
  readonly privateKey: KeyObject;
  /** This instance's id. */
  readonly kid: string;
  /** What the payload is, e.g. `taxii-envelope`; a verifier may insist on it. */
  readonly typ?: string;
  /** The instance the message is for; a verifier that names itself refuses messages for others. */
  readonly aud?: string;
  /** Signing time (default: now). */
  readonly now?: Date;
}

/** Public keys of a signer: during a key rotation a peer may have two. */
export type KeyLookup = KeyObject | readonly KeyObject[] | undefined;

export interface VerifyOptions {
  readonly publicKeyOf: (kid: string) => KeyLookup | Promise<KeyLookup>;
  readonly seen: ReplayCache;
  /** Default: now. */
  readonly now?: Date;
  /** Largest accepted distance between `iat` and now, either way (default 300 s). */
  readonly maxSkewSeconds?: number;
  /** When set, `aud` must be present and equal. */
  readonly audience?: string;
  /** When set, `typ` must be present and equal. */
  readonly type?: string;
}

export type VerifyFailure =
  | 'malformed' // not a detached compact JWS, bad base64url, header not JSON, payload not I-JSON
  | 'unsupported' // another alg, b64, or critical extension
  | 'unknown-kid'
  | 'bad-signature'
  | 'wrong-type'
  | 'wrong-audience'
  | 'too-old'
  | 'from-future'
  | 'replayed'
  | 'replay-cache-full';

export type VerifyResult =
  | { readonly ok: true; readonly header: ProtectedHeader }
  | { readonly ok: false; readonly reason: VerifyFailure; readonly message: string; readonly kid?: string };

const DEFAULT_SKEW = 300;
const MAX_HEADER_CHARS = 2048;
const SIGNATURE_CHARS = 86; // 64 bytes
const B64URL = /^[A-Za-z0-9_-]*$/;
const KID = /^[\x21-\x7e]{1,256}$/;
const JTI = /^[A-Za-z0-9_-]{16,128}$/;

function signingInput(encodedHeader: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${encodedHeader}.`, 'ascii'), payload]);
}

/** A detached JWS over the canonical JSON of `payload`. Throws JcsError when the payload is not I-JSON. */
export function sign(payload: unknown, opts: SignOptions): string {
  if (!KID.test(opts.kid)) throw new Error('kid must be 1-256 printable ASCII characters');
  const header: ProtectedHeader = {
    alg: 'EdDSA', b64: false, crit: ['b64'], kid: opts.kid,
    iat: Math.floor((opts.now ?? new Date()).getTime() / 1000), jti: randomBytes(16).toString('base64url'),
    ...(opts.typ !== undefined ? { typ: opts.typ } : {}), ...(opts.aud !== undefined ? { aud: opts.aud } : {}),
  };
  const encoded = Buffer.from(JSON.stringify(header), 'utf8').toString('base64url');
  const signature = edSign(null, signingInput(encoded, canonicalBytes(payload)), opts.privateKey);
  return `${encoded}..${signature.toString('base64url')}`;
}

/** Strict base64url: the alphabet only, no padding, and canonical trailing bits. */
function decode(part: string): Buffer | undefined {
  if (!B64URL.test(part) || part.length % 4 === 1) return undefined;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : undefined;
}

const fail = (reason: VerifyFailure, message: string, kid?: string): VerifyResult => ({ ok: false, reason, message, ...(kid !== undefined ? { kid } : {}) });

function parseHeader(encoded: string): { header: ProtectedHeader } | { failure: VerifyResult } {
  const no = (reason: VerifyFailure, message: string, kid?: string) => ({ failure: fail(reason, message, kid) });
  if (encoded.length > MAX_HEADER_CHARS) return no('malformed', 'protected header too long');
  const bytes = decode(encoded);
  if (!bytes) return no('malformed', 'protected header is not base64url');
  let h: unknown;
  try {
    h = JSON.parse(bytes.toString('utf8'));
  } catch {
    return no('malformed', 'protected header is not JSON');
  }
  if (!h || typeof h !== 'object' || Array.isArray(h)) return no('malformed', 'protected header is not a JSON object');
  const r = h as Record<string, unknown>;
  if (r['alg'] !== 'EdDSA') return no('unsupported', `alg ${JSON.stringify(r['alg'])} is not accepted; only EdDSA`);
  const crit = r['crit'];
  if (!Array.isArray(crit) || crit.length !== 1 || crit[0] !== 'b64' || r['b64'] !== false) {
    return no('unsupported', 'only an unencoded payload is accepted: "b64": false with "crit": ["b64"]');
  }
  if (typeof r['kid'] !== 'string' || !KID.test(r['kid'])) return no('malformed', 'kid missing or not printable ASCII');
  const kid = r['kid'];
  if (typeof r['iat'] !== 'number' || !Number.isSafeInteger(r['iat']) || r['iat'] < 0) return no('malformed', 'iat missing or not whole seconds', kid);
  if (typeof r['jti'] !== 'string' || !JTI.test(r['jti'])) return no('malformed', 'jti missing or not 16-128 base64url characters', kid);
  if (r['typ'] !== undefined && typeof r['typ'] !== 'string') return no('malformed', 'typ is not a string', kid);
  if (r['aud'] !== undefined && typeof r['aud'] !== 'string') return no('malformed', 'aud is not a string', kid);
  const header: ProtectedHeader = {
    alg: 'EdDSA', b64: false, crit: ['b64'], kid, iat: r['iat'], jti: r['jti'],
    ...(typeof r['typ'] === 'string' ? { typ: r['typ'] } : {}), ...(typeof r['aud'] === 'string' ? { aud: r['aud'] } : {}),
  };
  return { header };
}

/**
 * Checks a detached JWS against the canonical JSON of `payload`, in this order: form, header, signer's
 * key, signature, typ and aud, time window, replay. The replay cache is only written for a message that
 * passed every other check, so forged messages cannot fill it.
 */
export async function verify(payload: unknown, jws: string, opts: VerifyOptions): Promise<VerifyResult> {
  if (typeof jws !== 'string') return fail('malformed', 'no signature');
  const parts = jws.trim().split('.');
  if (parts.length !== 3) return fail('malformed', 'not a compact JWS (three parts separated by dots)');
  const [encodedHeader = '', attached = '', encodedSignature = ''] = parts;
  if (attached !== '') return fail('malformed', 'the payload must be detached (empty middle part)');
  const parsed = parseHeader(encodedHeader);
  if ('failure' in parsed) return parsed.failure;
  const { header } = parsed;
  const { kid } = header;
  if (encodedSignature.length !== SIGNATURE_CHARS) return fail('malformed', 'an Ed25519 signature is 64 bytes', kid);
  const signature = decode(encodedSignature);
  if (!signature) return fail('malformed', 'signature is not base64url', kid);
  let content: Buffer;
  try {
    content = canonicalBytes(payload);
  } catch (e) {
    if (e instanceof JcsError) return fail('malformed', `payload is not I-JSON: ${e.message}`, kid);
    throw e;
  }
  const found = await opts.publicKeyOf(kid);
  const keys = found === undefined ? [] : Array.isArray(found) ? (found as readonly KeyObject[]) : [found as KeyObject];
  if (!keys.length) return fail('unknown-kid', `no public key known for ${kid}`, kid);
  const input = signingInput(encodedHeader, content);
  if (!keys.some((k) => k.asymmetricKeyType === 'ed25519' && edVerify(null, input, k, signature))) {
    return fail('bad-signature', `signature does not match the payload and the key of ${kid}`, kid);
  }
  if (opts.type !== undefined && header.typ !== opts.type) return fail('wrong-type', `typ ${JSON.stringify(header.typ)} is not ${opts.type}`, kid);
  if (opts.audience !== undefined && header.aud !== opts.audience) return fail('wrong-audience', `aud ${JSON.stringify(header.aud)} is not ${opts.audience}`, kid);
  const skew = opts.maxSkewSeconds ?? DEFAULT_SKEW;
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (header.iat < now - skew) return fail('too-old', `signed ${now - header.iat} s ago; at most ${skew} s accepted`, kid);
  if (header.iat > now + skew) return fail('from-future', `signed ${header.iat - now} s in the future; at most ${skew} s accepted`, kid);
  // Remembered until the message would be too old anyway.
  const claimed = await opts.seen.claim(`${kid} ${header.jti}`, header.iat + skew + 1, now);
  if (claimed === 'replayed') return fail('replayed', `jti ${header.jti} of ${kid} was already accepted`, kid);
  if (claimed === 'full') return fail('replay-cache-full', 'the replay cache is full; retry later', kid);
  return { ok: true, header };
}
