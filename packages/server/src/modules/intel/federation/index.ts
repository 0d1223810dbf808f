// Federation building blocks: instance keys and detached-JWS signatures over RFC 8785 canonical JSON,
// replay protection, and a TAXII 2.1 client (pull and push) over the egress guard. See README.md.
export { canonicalBytes, canonicalize, JcsError } from './jcs.ts';
export {
  fingerprint, generateKeyPair, importPrivateKey, importPublicJwk, importPublicKey, jwkThumbprint, KeyFormatError, privatePem, publicJwk, publicPem,
  type Ed25519PublicJwk, type InstanceKeyPair,
} from './keys.ts';
export { sign, verify, type KeyLookup, type ProtectedHeader, type SignOptions, type VerifyFailure, type VerifyOptions, type VerifyResult } from './signing.ts';
export { MemoryReplayCache, type ClaimResult, type ReplayCache } from './replay-cache.ts';
export { ENVELOPE_TYPE, envelopeVerifier, SIGNATURE_HEADER, signEnvelope, type EnvelopeVerifier, type Signer } from './wire.ts';
export { createTaxiiClient, statusUrlOf, type ObjectsPage, type ObjectsQuery, type TaxiiClient, type TaxiiClientOptions } from './taxii-client.ts';
export type { PullOptions, PullPage, PullResult, PullState } from './taxii-pull.ts';
export { TAXII_MEDIA, type TaxiiAuth, type TaxiiConnection } from './taxii-http.ts';
export { SignatureError, TaxiiClientError, type TaxiiErrorCode, type TaxiiErrorResource } from './taxii-errors.ts';
export type { ApiRoot, CollectionInfo, Discovery, StatusDetail, TaxiiStatus } from './taxii-resources.ts';
export { justBefore, laterOf } from './timestamps.ts';
