// Sightings (true positives), false positives, decay scores and correlations of intel objects.
import { Type, type Static } from 'typebox';
import { Timestamp } from './common.ts';

export const IntelDecay = Type.Object({
  model: Type.Union([Type.Literal('exponential'), Type.Literal('polynomial'), Type.Literal('none')]),
  observable: Type.String({ description: 'The object type the model is chosen by: the first one the pattern tests' }),
  halfLifeDays: Type.Optional(Type.Number()),
  lifetimeDays: Type.Optional(Type.Number()),
  threshold: Type.Number({ description: 'A score below it is 0 (expired)' }),
  baseScore: Type.Integer({ description: 'The indicator\'s confidence, or 100' }),
  lastSighting: Type.Union([Type.Null(), Timestamp], { description: 'When it was last seen, by the sightings you may receive' }),
  falsePositive: Type.Union([Type.Null(), Timestamp], { description: 'A false positive stated after the last sighting (the score is then 0)' }),
});
export type IntelDecay = Static<typeof IntelDecay>;

export const SightingKind = Type.Union([Type.Literal('true-positive'), Type.Literal('false-positive')]);
export type SightingKind = Static<typeof SightingKind>;

export const NewSighting = Type.Object({
  kind: SightingKind,
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999, description: 'True positive: times seen (default 1)' })),
  firstSeen: Type.Optional(Type.String({ format: 'date-time', description: 'True positive: default lastSeen, else now' })),
  lastSeen: Type.Optional(Type.String({ format: 'date-time', description: 'True positive: default firstSeen, else now' })),
  note: Type.Optional(Type.String({ maxLength: 5000 })),
}, { additionalProperties: false });
export type NewSighting = Static<typeof NewSighting>;

export const IntelSighting = Type.Object({
  id: Type.String({ description: 'The STIX sighting, or for a false positive the STIX opinion' }),
  kind: SightingKind,
  automatic: Type.Boolean({ description: 'Recorded by the indicator detector on a match' }),
  count: Type.Integer(),
  firstSeen: Type.Union([Type.Null(), Timestamp]),
  lastSeen: Type.Union([Type.Null(), Timestamp]),
  recorded: Timestamp,
  note: Type.Union([Type.Null(), Type.String()]),
  ownerInstance: Type.String(),
  ownerOrg: Type.String(),
  tlp: Type.String(),
  distribution: Type.String(),
});
export type IntelSighting = Static<typeof IntelSighting>;

export const RecordedSighting = Type.Object({
  created: Type.Boolean({ description: 'False when the same report was already recorded (nothing stored twice)' }),
  sighting: IntelSighting,
});
export type RecordedSighting = Static<typeof RecordedSighting>;

export const IntelSightingList = Type.Object({
  counts: Type.Object({ truePositive: Type.Integer(), falsePositive: Type.Integer() }, { description: 'All you may receive' }),
  sightings: Type.Array(IntelSighting, { description: 'Newest first, at most 500' }),
});
export type IntelSightingList = Static<typeof IntelSightingList>;

export const IntelCorrelation = Type.Object({
  kind: Type.String({ description: 'ipv4-addr, ipv6-addr, domain-name, url, email-addr or hash:<algorithm>' }),
  value: Type.String(),
  count: Type.Integer({ description: 'Objects you may receive that hold the value, this one included' }),
  overCorrelated: Type.Boolean({ description: 'Held by more objects than the correlation limit: the objects are not listed' }),
  objects: Type.Array(Type.Object({ id: Type.String(), type: Type.String(), name: Type.Union([Type.Null(), Type.String()]) })),
});
export type IntelCorrelation = Static<typeof IntelCorrelation>;

export const IntelCorrelations = Type.Object({
  limit: Type.Integer({ description: 'The over-correlation limit' }),
  values: Type.Array(IntelCorrelation),
});
export type IntelCorrelations = Static<typeof IntelCorrelations>;
