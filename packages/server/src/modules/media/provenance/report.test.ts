// buildReport on hand-made manifest stores: which codes mean tampering, which are credential problems,
// "not on a trust list" is no failure, digitalSourceType from actions and ingredients, limits.
import { describe, expect, it } from 'vitest';
import { buildReport } from './report.ts';

const LIMITS = { maxManifests: 10, maxAssertions: 10 };
const base = { file: 'x.jpg', format: 'image/jpeg', bytes: 1 };
const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

function store(failure: string[], extra: Record<string, unknown> = {}) {
  return {
    active_manifest: 'urn:a',
    manifests: {
      'urn:a': {
        claim_generator_info: [{ name: 'Gen', version: '1.0' }, { name: 'c2pa-rs' }],
        signature_info: { issuer: 'Issuer', common_name: 'Signer', time: '2026-01-01T00:00:00+00:00' },
        assertions: [{ label: 'c2pa.actions.v2', data: { actions: [{ action: 'c2pa.edited', digitalSourceType: `${IPTC}compositeWithTrainedAlgorithmicMedia` }] } }],
        ingredients: [{ active_manifest: 'urn:b' }],
      },
      'urn:b': { assertions: [{ label: 'c2pa.actions', data: { actions: [{ action: 'c2pa.created', digitalSourceType: `${IPTC}trainedAlgorithmicMedia` }] } }], ingredients: [{ active_manifest: 'urn:a' }] },
    },
    validation_state: failure.filter((c) => c !== 'signingCredential.untrusted').length ? 'Invalid' : 'Valid',
    validation_results: { activeManifest: { failure: failure.map((code) => ({ code })) } },
    ...extra,
  };
}

describe('buildReport', () => {
  it('reads generator, signer and AI markers, following ingredients without looping', () => {
    const r = buildReport(base, store(['signingCredential.untrusted']), LIMITS);
    expect(r).toMatchObject({ status: 'valid', validation: 'valid', claimGenerator: 'Gen/1.0 c2pa-rs', signer: { issuer: 'Issuer', commonName: 'Signer' }, signerTrusted: false, aiGenerated: true, aiGeneratedValidated: true });
    expect(r.digitalSourceTypes).toEqual(['compositeWithTrainedAlgorithmicMedia']);
    expect(r.ingredientDigitalSourceTypes).toEqual(['trainedAlgorithmicMedia']);
    expect(r.failures).toEqual([]);
    expect(r.summary).toContain('signer not on a trust list');
    expect(buildReport(base, store([], { validation_state: 'Trusted' }), LIMITS).signerTrusted).toBe(true);
  });

  it('calls hash and signature mismatches tampering, and credential or time-stamp problems not', () => {
    for (const code of ['assertion.dataHash.mismatch', 'claimSignature.mismatch', 'assertion.hashedURI.mismatch', 'ingredient.manifest.missing', 'assertion.bmffHash.mismatch']) {
      const r = buildReport(base, store(['signingCredential.untrusted', code]), LIMITS);
      expect(r, code).toMatchObject({ status: 'invalid', validation: `invalid:${code}`, tampered: true, aiGeneratedValidated: false });
    }
    for (const code of ['signingCredential.expired', 'signingCredential.revoked', 'timeStamp.mismatch']) {
      const r = buildReport(base, store([code]), LIMITS);
      expect(r, code).toMatchObject({ status: 'invalid', tampered: false, credentialProblem: code });
    }
  });

  it('enforces the limits on manifests and assertions', () => {
    expect(buildReport(base, store([]), { maxManifests: 1, maxAssertions: 10 }).error).toMatch(/too many manifests/);
    expect(buildReport(base, store([]), { maxManifests: 10, maxAssertions: 0 }).error).toMatch(/too many assertions/);
    expect(buildReport(base, { manifests: {} }, LIMITS).status).toBe('no-manifest');
  });
});
