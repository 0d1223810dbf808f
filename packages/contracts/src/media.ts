// The media API: hash banks of known synthetic or manipulated media (entries with their disinformation
// context and history), and checks of a file against the banks this organisation may read.
import { Type, type Static } from 'typebox';
import { Timestamp, Uuid } from './common.ts';
import { Distribution, TlpLevel } from './intel.ts';

const Hex = (n: number) => Type.String({ pattern: `^[0-9a-fA-F]{${n}}$` });
export const MediaKind = Type.Union([Type.Literal('image'), Type.Literal('video'), Type.Literal('audio'), Type.Literal('other')]);
export type MediaKind = Static<typeof MediaKind>;

export const VpdqFrame = Type.Object({
  frame: Type.Integer({ minimum: 0 }),
  quality: Type.Integer({ minimum: 0, maximum: 100 }),
  pdq: Hex(64),
  seconds: Type.Number({ minimum: 0 }),
});
export type VpdqFrame = Static<typeof VpdqFrame>;

export const MediaHashes = Type.Object({
  sha256: Type.Optional(Hex(64)),
  md5: Type.Optional(Hex(32)),
  pdq: Type.Optional(Type.String({ ...Hex(64), description: 'PDQ of an image, 64 hex characters' })),
  pdqQuality: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  vpdq: Type.Optional(Type.Array(VpdqFrame, { maxItems: 20_000, description: 'vPDQ frame hashes of a video' })),
  chromaprint: Type.Optional(Type.String({ maxLength: 200_000, pattern: '^[A-Za-z0-9_-]+$', description: 'Chromaprint fingerprint, compressed and URL-safe base64 as fpcalc prints it' })),
  duration: Type.Optional(Type.Number({ minimum: 0 })),
}, { additionalProperties: false });
export type MediaHashes = Static<typeof MediaHashes>;

const Text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });
const DisarmIds = Type.Array(Type.String({ pattern: '^T\\d{4}(\\.\\d{3})?$' }), { maxItems: 50, description: 'DISARM technique ids, e.g. T0086.002' });

/** Who receives a bank's entries: a distribution, or `group` (the bank's sharing group). */
export const BankDistribution = Type.Union([...Distribution.anyOf, Type.Literal('group')], {
  description: 'organisation: yours only; community: this instance\'s organisations; connected: and directly federated instances; all: every instance; group: the members of the bank\'s sharing group',
});
const BankGroup = Type.String({ format: 'uuid', description: 'A sharing group your organisation owns or belongs to: its members receive the entries (implies distribution group)' });

export const MediaBank = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  tlp: TlpLevel,
  distribution: BankDistribution,
  group: Type.Union([Type.Null(), Uuid], { description: 'The sharing group whose members receive the entries (distribution group); null otherwise' }),
  entries: Type.Integer({ description: 'Active entries' }),
  withdrawn: Type.Integer({ description: 'Withdrawn entries' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deletedAt: Type.Union([Type.Null(), Timestamp], { description: 'When the bank was deleted (its entries were withdrawn); null while it is in use' }),
});
export type MediaBank = Static<typeof MediaBank>;

export const MediaBankList = Type.Object({ banks: Type.Array(MediaBank) });
export type MediaBankList = Static<typeof MediaBankList>;

export const DeleteMediaBank = Type.Object({
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'Why (kept as the withdrawal reason of every entry and in the audit log)' })),
}, { additionalProperties: false });
export type DeleteMediaBank = Static<typeof DeleteMediaBank>;

export const DeletedMediaBank = Type.Object({
  bank: MediaBank,
  withdrawn: Type.Integer({ description: 'Entries this deletion withdrew' }),
});
export type DeletedMediaBank = Static<typeof DeletedMediaBank>;

export const NewMediaBank = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Text(4000)),
  tlp: Type.Optional(Type.Union([TlpLevel], { default: 'AMBER', description: 'Default TLP of the entries' })),
  distribution: Type.Optional(Type.Union([BankDistribution], { description: 'Who receives the entries (as STIX, hashes only): organisation when not given (group when `group` is given); group needs `group`' })),
  group: Type.Optional(BankGroup),
}, { additionalProperties: false });
export type NewMediaBank = Static<typeof NewMediaBank>;

export const UpdateMediaBank = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  description: Type.Optional(Text(4000)),
  tlp: Type.Optional(TlpLevel),
  distribution: Type.Optional(Type.Union([BankDistribution], { description: 'group needs `group`; another distribution leaves the sharing group' })),
  group: Type.Optional(BankGroup),
}, { additionalProperties: false });
export type UpdateMediaBank = Static<typeof UpdateMediaBank>;

const EntryContext = {
  title: Type.Optional(Text(300)),
  narrative: Type.Optional(Text(4000, 'The disinformation narrative the media carries')),
  actor: Type.Optional(Text(300, 'The threat actor behind it, when known')),
  campaign: Type.Optional(Text(300, 'The campaign it belongs to, when known')),
  disarm: Type.Optional(DisarmIds),
  firstSeen: Type.Optional(Type.Union([Type.Null(), Timestamp])),
  source: Type.Optional(Text(1000, 'Where it was found (platform, URL, report)')),
  tlp: Type.Optional(TlpLevel),
};

export const NewMediaBankEntry = Type.Object({
  ...EntryContext,
  kind: Type.Optional(MediaKind),
  hashes: Type.Optional(MediaHashes),
  checkId: Type.Optional(Type.Union([Uuid], { description: 'Take the hashes of one of your organisation\'s checks instead' })),
}, { additionalProperties: false });
export type NewMediaBankEntry = Static<typeof NewMediaBankEntry>;

export const UpdateMediaBankEntry = Type.Object(EntryContext, { additionalProperties: false });
export type UpdateMediaBankEntry = Static<typeof UpdateMediaBankEntry>;

export const WithdrawMediaBankEntry = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 1000 }),
}, { additionalProperties: false });
export type WithdrawMediaBankEntry = Static<typeof WithdrawMediaBankEntry>;

export const MediaBankEntry = Type.Object({
  id: Uuid,
  bankId: Uuid,
  status: Type.Union([Type.Literal('active'), Type.Literal('withdrawn')]),
  kind: MediaKind,
  title: Type.String(),
  hashes: MediaHashes,
  narrative: Type.String(),
  actor: Type.String(),
  campaign: Type.String(),
  disarm: Type.Array(Type.String()),
  firstSeen: Type.Union([Type.Null(), Timestamp]),
  source: Type.String(),
  tlp: TlpLevel,
  version: Type.Integer(),
  indicatorId: Type.String({ description: 'The STIX indicator that shares the entry' }),
  withdrawReason: Type.Union([Type.Null(), Type.String()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type MediaBankEntry = Static<typeof MediaBankEntry>;

export const MediaBankEntryList = Type.Object({ entries: Type.Array(MediaBankEntry), total: Type.Integer() });
export type MediaBankEntryList = Static<typeof MediaBankEntryList>;

export const MediaEntryChange = Type.Object({
  version: Type.Integer(),
  action: Type.Union([Type.Literal('add'), Type.Literal('edit'), Type.Literal('withdraw'), Type.Literal('republish')]),
  at: Timestamp,
  by: Type.Union([Type.Null(), Type.String()], { description: 'User id' }),
  fields: Type.Record(Type.String(), Type.Object({ from: Type.Unknown(), to: Type.Unknown() })),
  note: Type.Union([Type.Null(), Type.String()]),
});
export type MediaEntryChange = Static<typeof MediaEntryChange>;

export const MediaEntryHistory = Type.Object({ changes: Type.Array(MediaEntryChange) });
export type MediaEntryHistory = Static<typeof MediaEntryHistory>;

export const MediaProvenance = Type.Object({
  status: Type.String({ description: 'none, valid, invalid, error' }),
  hasManifest: Type.Union([Type.Null(), Type.Boolean()]),
  validation: Type.String(),
  tampered: Type.Boolean(),
  signerTrusted: Type.Boolean(),
  credentialProblem: Type.Optional(Type.String()),
  claimGenerator: Type.Optional(Type.String()),
  signer: Type.Optional(Type.Object({ commonName: Type.Optional(Type.String()), issuer: Type.Optional(Type.String()) })),
  signingTime: Type.Optional(Type.String()),
  digitalSourceTypes: Type.Array(Type.String()),
  ingredientDigitalSourceTypes: Type.Array(Type.String()),
  aiGenerated: Type.Boolean(),
  aiGeneratedValidated: Type.Boolean(),
  summary: Type.String(),
});
export type MediaProvenance = Static<typeof MediaProvenance>;

export const MediaMatch = Type.Object({
  indicatorId: Type.String(),
  algorithm: Type.Union([Type.Literal('sha256'), Type.Literal('md5'), Type.Literal('pdq'), Type.Literal('vpdq'), Type.Literal('chromaprint')]),
  strength: Type.Union([Type.Literal('exact'), Type.Literal('near')], { description: 'exact: the same file or a copy within the tight threshold; near: within the match threshold' }),
  distance: Type.Optional(Type.Integer({ description: 'PDQ: bits of 256' })),
  transform: Type.Optional(Type.String({ description: 'PDQ: the rotation or mirror of the query that matched' })),
  queryShare: Type.Optional(Type.Number({ description: 'vPDQ: share of the query\'s frames found in the entry' })),
  entryShare: Type.Optional(Type.Number({ description: 'vPDQ: share of the entry\'s frames found in the query' })),
  ber: Type.Optional(Type.Number({ description: 'Audio: bit error rate at the best alignment' })),
  offsetSeconds: Type.Optional(Type.Number()),
  matchedSeconds: Type.Optional(Type.Number()),
  bank: Type.String({ description: 'The bank the entry belongs to' }),
  entryId: Type.Union([Type.Null(), Uuid], { description: 'Your organisation\'s entry, when it is one' }),
  ownerInstance: Type.String(),
  ownerOrg: Type.String(),
  local: Type.Boolean({ description: 'From this instance (else received from a federated instance)' }),
  title: Type.String(),
  narrative: Type.String(),
  actor: Type.String(),
  campaign: Type.String(),
  disarm: Type.Array(Type.String()),
  firstSeen: Type.Union([Type.Null(), Timestamp]),
  source: Type.String(),
  tlp: TlpLevel,
});
export type MediaMatch = Static<typeof MediaMatch>;

export const MediaVerdict = Type.Union([Type.Literal('known-fake'), Type.Literal('near-match'), Type.Literal('ai-generated'), Type.Literal('unknown')]);
export type MediaVerdict = Static<typeof MediaVerdict>;

export const MediaCheck = Type.Object({
  id: Uuid,
  name: Type.String({ description: 'The file name given (untrusted text)' }),
  kind: MediaKind,
  type: Type.String({ description: 'Media type from the file\'s bytes' }),
  bytes: Type.Integer(),
  hashes: MediaHashes,
  verdict: MediaVerdict,
  summary: Type.String({ description: 'The verdict in one sentence' }),
  matches: Type.Array(MediaMatch),
  provenance: Type.Union([MediaProvenance, Type.Null()]),
  problems: Type.Array(Type.String(), { description: 'Parts that could not be computed (decoding, provenance)' }),
  retained: Type.Boolean({ description: 'The media itself is kept (retention on)' }),
  checkedAt: Timestamp,
  checkedBy: Type.Union([Type.Null(), Type.String()]),
});
export type MediaCheck = Static<typeof MediaCheck>;

export const MediaCheckList = Type.Object({ checks: Type.Array(MediaCheck) });
export type MediaCheckList = Static<typeof MediaCheckList>;

export const MediaCheckQuery = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 255, description: 'The file name, for the record' })),
});
export type MediaCheckQuery = Static<typeof MediaCheckQuery>;

export const MediaCheckUrl = Type.Object({
  url: Type.String({ format: 'uri', maxLength: 2048, description: 'http(s) URL, fetched through the egress guard' }),
}, { additionalProperties: false });
export type MediaCheckUrl = Static<typeof MediaCheckUrl>;

export const MediaCheckHashes = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 255 })),
  kind: Type.Optional(MediaKind),
  hashes: MediaHashes,
}, { additionalProperties: false });
export type MediaCheckHashes = Static<typeof MediaCheckHashes>;

export const SharedMediaEntry = Type.Object({
  indicatorId: Type.String(),
  kind: MediaKind,
  bank: Type.String(),
  ownerInstance: Type.String(),
  ownerOrg: Type.String(),
  local: Type.Boolean(),
  title: Type.String(),
  narrative: Type.String(),
  actor: Type.String(),
  campaign: Type.String(),
  disarm: Type.Array(Type.String()),
  firstSeen: Type.Union([Type.Null(), Timestamp]),
  source: Type.String(),
  tlp: TlpLevel,
  hashes: MediaHashes,
  modified: Timestamp,
});
export type SharedMediaEntry = Static<typeof SharedMediaEntry>;

export const SharedMediaEntryList = Type.Object({ entries: Type.Array(SharedMediaEntry) });
export type SharedMediaEntryList = Static<typeof SharedMediaEntryList>;
