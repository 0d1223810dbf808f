// The signature on the wire: `X-Bulwark-Signature: <detached JWS>` next to a TAXII body — on a POST of
// objects (request body) and on a GET of objects (response body). The JWS covers the RFC 8785 canonical
// JSON of the whole body as parsed (the envelope, `{"objects": [...]}` or `{"more":…,"next":…,"objects":[…]}`),
// so re-serialisation by proxies or a different member order does not break it.
import type { KeyObject } from 'node:crypto';
import { sign, verify, type ProtectedHeader, type VerifyOptions } from './signing.ts';
import { SignatureError } from './taxii-errors.ts';

export const SIGNATURE_HEADER = 'X-Bulwark-Signature';
/** `typ` of a signed TAXII envelope. */
export const ENVELOPE_TYPE = 'bulwark-taxii-envelope';

export interface Signer {
  readonly privateKey: KeyObject;
  /** This instance's id. */
  readonly kid: string;
}

/** The X-Bulwark-Signature value for a TAXII body; `aud` names the receiving instance. */
export function signEnvelope(envelope: unknown, signer: Signer, aud?: string): string {
  return sign(envelope, { privateKey: signer.privateKey, kid: signer.kid, typ: ENVELOPE_TYPE, ...(aud !== undefined ? { aud } : {}) });
}

/** Checks the signature of a received TAXII body; throws SignatureError. Undefined when unsigned and not required. */
export type EnvelopeVerifier = (envelope: unknown, signature: string | undefined, url: string) => Promise<ProtectedHeader | undefined>;

/**
 * A verifier for the bodies of one peer. `required`: refuse unsigned bodies (the default for Bulwark
 * peers; plain TAXII peers do not sign). `expectKid`: the peer's instance id, so that a body signed by
 * another federated instance (relayed or replayed) is refused even though its key is known.
 */
export function envelopeVerifier(opts: Omit<VerifyOptions, 'type'> & { readonly required?: boolean; readonly expectKid?: string }): EnvelopeVerifier {
  return async (envelope, signature, url) => {
    if (signature === undefined || signature.trim() === '') {
      if (opts.required ?? true) throw new SignatureError(url, 'missing', `no ${SIGNATURE_HEADER} header`);
      return undefined;
    }
    const result = await verify(envelope, signature, { ...opts, type: ENVELOPE_TYPE });
    if (!result.ok) throw new SignatureError(url, result.reason, result.message);
    if (opts.expectKid !== undefined && result.header.kid !== opts.expectKid) throw new SignatureError(url, 'unknown-kid', `signed by ${result.header.kid}, expected ${opts.expectKid}`);
    return result.header;
  };
}
