// Instance signatures: round trip, every refusal reason, replay and time window, canonicalisation, key
// exchange (JWK, PEM) and fingerprints, with the RFC 8037 Ed25519 vectors.
import { createPrivateKey, sign as edSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint, generateKeyPair, importPrivateKey, importPublicJwk, importPublicKey, jwkThumbprint, privatePem, publicJwk, publicPem } from './keys.ts';
import { MemoryReplayCache } from './replay-cache.ts';
import { sign, verify, type VerifyOptions } from './signing.ts';

const alice = generateKeyPair();
const mallory = generateKeyPair();
const NOW = new Date('2026-05-01T12:00:00Z');

const envelope = {
  objects: [
    { type: 'indicator', spec_version: '2.1', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', confidence: 85, x_score: 0.5, pattern: "[ipv4-addr:value = '203.0.113.7']" },
  ],
};

function options(extra: Partial<VerifyOptions> = {}): VerifyOptions {
  return { publicKeyOf: (kid) => (kid === 'fr-anssi' ? alice.publicKey : undefined), seen: new MemoryReplayCache(), now: NOW, ...extra };
}

const signAlice = (payload: unknown = envelope, extra: { aud?: string; typ?: string; now?: Date } = {}) => sign(payload, { privateKey: alice.privateKey, kid: 'fr-anssi', now: NOW, ...extra });

describe('detached JWS signatures', () => {
  it('signs and verifies a payload; the JWS is <protected>..<signature> with the documented header', async () => {
    const jws = signAlice();
    const [h, middle, s] = jws.split('.');
    expect(middle).toBe('');
    expect(Buffer.from(s!, 'base64url')).toHaveLength(64);
    const header = JSON.parse(Buffer.from(h!, 'base64url').toString()) as Record<string, unknown>;
    expect(header).toEqual({ alg: 'EdDSA', b64: false, crit: ['b64'], kid: 'fr-anssi', iat: NOW.getTime() / 1000, jti: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
    const result = await verify(envelope, jws, options());
    expect(result).toEqual({ ok: true, header });
    // Every signature gets its own jti.
    expect(signAlice().split('.')[0]).not.toBe(h);
  });

  it('verifies what the receiver parses from the wire, whatever its member order and number spelling', async () => {
    const jws = signAlice();
    const wire = '{"objects":[{"x_score":5E-1,"pattern":"[ipv4-addr:value = \'203.0.113.7\']","confidence":85.0,"modified":"2026-01-01T00:00:00.000Z","created":"2026-01-01T00:00:00.000Z","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","spec_version":"2.1","type":"indicator"}]}';
    expect(await verify(JSON.parse(wire), jws, options())).toMatchObject({ ok: true });
  });

  it('refuses a tampered payload, a wrong key and an unknown signer', async () => {
    const jws = signAlice();
    const tampered = structuredClone(envelope);
    tampered.objects[0]!.pattern = "[ipv4-addr:value = '203.0.113.8']";
    expect(await verify(tampered, jws, options())).toMatchObject({ ok: false, reason: 'bad-signature', kid: 'fr-anssi' });
    const forged = sign(envelope, { privateKey: mallory.privateKey, kid: 'fr-anssi', now: NOW });
    expect(await verify(envelope, forged, options())).toMatchObject({ ok: false, reason: 'bad-signature' });
    const stranger = sign(envelope, { privateKey: mallory.privateKey, kid: 'xx-unknown', now: NOW });
    expect(await verify(envelope, stranger, options())).toMatchObject({ ok: false, reason: 'unknown-kid', kid: 'xx-unknown' });
    // A signature transplanted under another header does not verify either.
    const other = signAlice({ objects: [] });
    expect(await verify(envelope, `${other.split('.')[0]}..${jws.split('.')[2]}`, options())).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('accepts any of a signer\'s keys (rotation)', async () => {
    const both = options({ publicKeyOf: async () => [mallory.publicKey, alice.publicKey] });
    expect(await verify(envelope, signAlice(), both)).toMatchObject({ ok: true });
  });

  it('refuses a replay, and remembers only messages that verified', async () => {
    const seen = new MemoryReplayCache();
    const jws = signAlice();
    expect(await verify({ objects: [] }, jws, options({ seen }))).toMatchObject({ reason: 'bad-signature' });
    expect(seen.size).toBe(0);
    expect(await verify(envelope, jws, options({ seen }))).toMatchObject({ ok: true });
    expect(await verify(envelope, jws, options({ seen }))).toMatchObject({ ok: false, reason: 'replayed' });
    // Another signature of the same payload is a new message.
    expect(await verify(envelope, signAlice(), options({ seen }))).toMatchObject({ ok: true });
  });

  it('refuses signatures outside the time window, either way', async () => {
    const old = signAlice(envelope, { now: new Date(NOW.getTime() - 301_000) });
    expect(await verify(envelope, old, options())).toMatchObject({ ok: false, reason: 'too-old' });
    expect(await verify(envelope, old, options({ maxSkewSeconds: 600 }))).toMatchObject({ ok: true });
    const future = signAlice(envelope, { now: new Date(NOW.getTime() + 301_000) });
    expect(await verify(envelope, future, options())).toMatchObject({ ok: false, reason: 'from-future' });
    const edge = signAlice(envelope, { now: new Date(NOW.getTime() - 300_000) });
    expect(await verify(envelope, edge, options())).toMatchObject({ ok: true });
  });

  it('checks typ and aud when the verifier names them', async () => {
    const jws = signAlice(envelope, { aud: 'de-bsi', typ: 'taxii-envelope' });
    expect(await verify(envelope, jws, options({ audience: 'de-bsi', type: 'taxii-envelope' }))).toMatchObject({ ok: true, header: { aud: 'de-bsi', typ: 'taxii-envelope' } });
    expect(await verify(envelope, jws, options({ audience: 'nl-ncsc' }))).toMatchObject({ ok: false, reason: 'wrong-audience' });
    expect(await verify(envelope, signAlice(), options({ audience: 'de-bsi' }))).toMatchObject({ ok: false, reason: 'wrong-audience' });
    expect(await verify(envelope, jws, options({ type: 'change-feed' }))).toMatchObject({ ok: false, reason: 'wrong-type' });
  });

  it('refuses malformed and unsupported signatures with a reason', async () => {
    const jws = signAlice();
    const [h, , s] = jws.split('.') as [string, string, string];
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const good = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
    const cases: Array<[string, string]> = [
      ['', 'malformed'],
      ['abc', 'malformed'],
      [`${h}.${Buffer.from(JSON.stringify(envelope)).toString('base64url')}.${s}`, 'malformed'], // attached payload
      [`${h}..${s}x`, 'malformed'],
      [`${h}..${s.slice(0, -1)}=`, 'malformed'],
      [`${h}!..${s}`, 'malformed'],
      [`${enc('header')}..${s}`, 'malformed'],
      [`${enc({ ...good, alg: 'none' })}..${s}`, 'unsupported'],
      [`${enc({ ...good, alg: 'HS256' })}..${s}`, 'unsupported'],
      [`${enc({ ...good, b64: true })}..${s}`, 'unsupported'],
      [`${enc({ ...good, crit: ['b64', 'exp'] })}..${s}`, 'unsupported'],
      [`${enc({ alg: 'EdDSA' })}..${s}`, 'unsupported'],
      [`${enc({ ...good, kid: '' })}..${s}`, 'malformed'],
      [`${enc({ ...good, iat: '1' })}..${s}`, 'malformed'],
      [`${enc({ ...good, jti: 'short' })}..${s}`, 'malformed'],
      [`${enc({ ...good, ok: true })}..${s}`, 'bad-signature'], // extra members are covered by the signature
    ];
    for (const [bad, reason] of cases) expect(await verify(envelope, bad, options()), bad).toMatchObject({ ok: false, reason });
    expect(await verify({ n: Number.NaN }, jws, options())).toMatchObject({ ok: false, reason: 'malformed', message: expect.stringMatching(/I-JSON/) });
    expect(() => sign({ n: Number.POSITIVE_INFINITY }, { privateKey: alice.privateKey, kid: 'fr-anssi' })).toThrow(/not a JSON number/);
  });
});

describe('instance keys', () => {
  // RFC 8037 appendix A.1-A.4.
  const rfcJwk = { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };

  it('matches the RFC 8037 vectors: public key, RFC 7638 thumbprint, EdDSA signature', async () => {
    const priv = createPrivateKey({ key: rfcJwk, format: 'jwk' });
    expect(publicJwk(priv).x).toBe(rfcJwk.x);
    const pub = importPublicJwk({ kty: 'OKP', crv: 'Ed25519', x: rfcJwk.x });
    expect(jwkThumbprint(pub)).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
    expect(fingerprint(pub)).toBe(Buffer.from('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k', 'base64url').toString('hex').toUpperCase().match(/.{4}/g)!.join(' '));
    const input = 'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc';
    expect(edSign(null, Buffer.from(input), priv).toString('base64url')).toBe('hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg');
    // That JWS is attached and b64=true: not the form federation accepts.
    const result = await verify('Example of Ed25519 signing', `${input}.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg`, options({ publicKeyOf: () => pub }));
    expect(result).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('exchanges public keys as JWK or PEM, and keeps the private key as PEM', async () => {
    const jwk = publicJwk(alice.privateKey, { kid: 'fr-anssi' });
    expect(jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), kid: 'fr-anssi', alg: 'EdDSA', use: 'sig' });
    const fromJwk = importPublicKey(JSON.stringify(jwk));
    const fromPem = importPublicKey(publicPem(alice.publicKey));
    expect(jwkThumbprint(fromJwk)).toBe(jwkThumbprint(alice.publicKey));
    expect(fingerprint(fromPem)).toBe(fingerprint(alice.privateKey));
    expect(fingerprint(alice.publicKey)).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    expect(fingerprint(mallory.publicKey)).not.toBe(fingerprint(alice.publicKey));
    const restored = importPrivateKey(privatePem(alice.privateKey));
    const jws = sign(envelope, { privateKey: restored, kid: 'fr-anssi', now: NOW });
    expect(await verify(envelope, jws, options({ publicKeyOf: () => fromPem }))).toMatchObject({ ok: true });
  });

  it('refuses private JWKs, other curves and malformed keys', () => {
    expect(() => importPublicJwk(rfcJwk)).toThrow(/private key/);
    expect(() => importPublicJwk({ kty: 'OKP', crv: 'X25519', x: rfcJwk.x })).toThrow(/Ed25519/);
    expect(() => importPublicJwk({ kty: 'EC', crv: 'P-256', x: rfcJwk.x })).toThrow(/OKP/);
    expect(() => importPublicJwk({ kty: 'OKP', crv: 'Ed25519', x: 'short' })).toThrow(/32 bytes/);
    expect(() => importPublicJwk('{"kty":"OKP"}')).toThrow(/JSON object/);
    expect(() => importPublicKey('not a key')).toThrow(/PEM/);
    expect(() => importPublicKey('{nope')).toThrow(/JSON/);
    expect(() => importPrivateKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----')).toThrow(/PEM private key/);
  });
});

describe('MemoryReplayCache', () => {
  it('forgets entries once expired, and refuses new ones when full of live entries', () => {
    const cache = new MemoryReplayCache({ maxEntries: 2 });
    expect(cache.claim('a', 100, 0)).toBe('fresh');
    expect(cache.claim('a', 100, 50)).toBe('replayed');
    expect(cache.claim('b', 200, 50)).toBe('fresh');
    expect(cache.claim('c', 300, 50)).toBe('full');
    expect(cache.claim('c', 300, 100)).toBe('fresh'); // 'a' expired and was swept
    expect(cache.size).toBe(2);
    expect(cache.claim('a', 400, 150)).toBe('full');
    expect(cache.claim('a', 400, 250)).toBe('fresh');
  });
});
