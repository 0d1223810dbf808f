// Instance keys: Ed25519 with node:crypto. Public keys travel as JWK (RFC 8037 OKP) or PEM (SPKI);
// private keys are kept as PEM (PKCS #8). Operators compare fingerprints out of band: the RFC 7638 JWK
// thumbprint (SHA-256 over {"crv","kty","x"}), shown as base64url and as grouped hex.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface Ed25519PublicJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid?: string;
  readonly alg?: 'EdDSA';
  readonly use?: 'sig';
}

export interface InstanceKeyPair {
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

export class KeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFormatError';
  }
}

const B64URL_32 = /^[A-Za-z0-9_-]{43}$/;

export function generateKeyPair(): InstanceKeyPair {
  return generateKeyPairSync('ed25519');
}

function isEd25519(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'ed25519';
}

function publicOf(key: KeyObject): KeyObject {
  if (!isEd25519(key)) throw new KeyFormatError(`an Ed25519 key is required, not ${key.asymmetricKeyType ?? key.type}`);
  return key.type === 'private' ? createPublicKey(key) : key;
}

/** The public JWK of a key (given the private key, its public half). */
export function publicJwk(key: KeyObject, extra: { kid?: string } = {}): Ed25519PublicJwk {
  const jwk = publicOf(key).export({ format: 'jwk' });
  return { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x), ...(extra.kid ? { kid: extra.kid } : {}), alg: 'EdDSA', use: 'sig' };
}

/** Imports a peer's public JWK; refuses other key types, malformed `x`, and private JWKs (a `d` member). */
export function importPublicJwk(jwk: unknown): KeyObject {
  if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) throw new KeyFormatError('a JWK must be a JSON object');
  const j = jwk as Record<string, unknown>;
  if (j['kty'] !== 'OKP' || j['crv'] !== 'Ed25519') throw new KeyFormatError('the JWK must be {"kty":"OKP","crv":"Ed25519"}');
  if ('d' in j) throw new KeyFormatError('this JWK holds a private key; share only the public key (without "d")');
  if (typeof j['x'] !== 'string' || !B64URL_32.test(j['x'])) throw new KeyFormatError('"x" must be 32 bytes in base64url without padding');
  if (j['alg'] !== undefined && j['alg'] !== 'EdDSA') throw new KeyFormatError('"alg" must be EdDSA when present');
  if (j['use'] !== undefined && j['use'] !== 'sig') throw new KeyFormatError('"use" must be sig when present');
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: j['x'] }, format: 'jwk' });
  } catch (e) {
    throw new KeyFormatError(`not a valid Ed25519 public key: ${(e as Error).message}`);
  }
}

/** A peer's public key from PEM (SPKI) text, JWK text, or a parsed JWK. */
export function importPublicKey(input: string | Record<string, unknown>): KeyObject {
  if (typeof input !== 'string') return importPublicJwk(input);
  const text = input.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new KeyFormatError('the key is neither PEM nor valid JSON');
    }
    return importPublicJwk(parsed);
  }
  if (!/^-----BEGIN PUBLIC KEY-----/.test(text)) throw new KeyFormatError('a public key must be a JWK or a PEM "BEGIN PUBLIC KEY" block');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: text, format: 'pem' });
  } catch (e) {
    throw new KeyFormatError(`not a valid PEM public key: ${(e as Error).message}`);
  }
  if (!isEd25519(key)) throw new KeyFormatError(`an Ed25519 key is required, not ${key.asymmetricKeyType ?? 'unknown'}`);
  return key;
}

export function publicPem(key: KeyObject): string {
  return String(publicOf(key).export({ format: 'pem', type: 'spki' }));
}

/** PKCS #8 PEM of the private key, for the instance's secret store. */
export function privatePem(key: KeyObject): string {
  if (key.type !== 'private' || !isEd25519(key)) throw new KeyFormatError('an Ed25519 private key is required');
  return String(key.export({ format: 'pem', type: 'pkcs8' }));
}

export function importPrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (e) {
    throw new KeyFormatError(`not a valid PEM private key: ${(e as Error).message}`);
  }
  if (!isEd25519(key)) throw new KeyFormatError(`an Ed25519 key is required, not ${key.asymmetricKeyType ?? 'unknown'}`);
  return key;
}

/** RFC 7638 thumbprint: SHA-256 over {"crv":"Ed25519","kty":"OKP","x":…} (required members, sorted, no spaces), base64url. */
export function jwkThumbprint(key: KeyObject): string {
  return thumbprintBytes(key).toString('base64url');
}

function thumbprintBytes(key: KeyObject): Buffer {
  const { x } = publicJwk(key);
  return createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest();
}

/** The same 32 bytes as upper-case hex in groups of four, easier to read aloud: `A1B2 C3D4 …`. */
export function fingerprint(key: KeyObject): string {
  return thumbprintBytes(key).toString('hex').toUpperCase().match(/.{4}/g)!.join(' ');
}
