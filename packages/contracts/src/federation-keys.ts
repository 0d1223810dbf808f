// Rotation of this instance's signing key: the new key is current, the previous ones stay published
// (at /taxii2/x-bulwark-keys/) until their grace period ends.
import { Type, type Static } from 'typebox';
import { Timestamp } from './common.ts';

export const RetiredKeyInfo = Type.Object({
  fingerprint: Type.String(),
  publicKey: Type.Record(Type.String(), Type.Unknown(), { description: 'Ed25519 public key (JWK)' }),
  expiresAt: Timestamp,
});

export const RotatedKey = Type.Object({
  instanceId: Type.String(),
  fingerprint: Type.String({ description: 'Of the new current key' }),
  publicKey: Type.Record(Type.String(), Type.Unknown(), { description: 'The new current public key (JWK)' }),
  previousFingerprint: Type.String(),
  retired: Type.Array(RetiredKeyInfo, { description: 'Previous keys still published, newest first' }),
});
export type RotatedKey = Static<typeof RotatedKey>;
