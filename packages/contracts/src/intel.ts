// The threat-intelligence API (STIX 2.1 store): imports with their defects, object lists and views.
import { Type, type Static } from 'typebox';
import { Timestamp } from './common.ts';
import { IntelDecay } from './intel-signals.ts';

export const TlpLevel = Type.Union([Type.Literal('CLEAR'), Type.Literal('GREEN'), Type.Literal('AMBER'), Type.Literal('AMBER+STRICT'), Type.Literal('RED')], { description: 'TLP 2.0 level' });
export const Distribution = Type.Union([Type.Literal('organisation'), Type.Literal('community'), Type.Literal('connected'), Type.Literal('all')], {
  description: 'organisation: yours only; community: this instance\'s organisations; connected: and directly federated instances; all: every instance',
});

export const IntelImportQuery = Type.Object({
  tlp: Type.Optional(Type.Union([TlpLevel], { default: 'AMBER', description: 'TLP of objects that carry no TLP marking' })),
  distribution: Type.Optional(Type.Union([...Distribution.anyOf, Type.Literal('group')], { description: 'Default organisation; group: the sharing group named by `group` (implied by it)' })),
  group: Type.Optional(Type.String({ format: 'uuid', description: 'A sharing group you own or belong to (with distribution=group; implies it)' })),
  strict: Type.Optional(Type.Boolean({ default: false, description: 'Store nothing when any object has an error' })),
});
export type IntelImportQuery = Static<typeof IntelImportQuery>;

export const IntelDefect = Type.Object({
  index: Type.Integer({ description: 'Position of the object in the bundle' }),
  id: Type.Optional(Type.String()),
  path: Type.String(),
  code: Type.String(),
  message: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
});

export const IntelImportReport = Type.Object({
  received: Type.Integer(),
  stored: Type.Integer({ description: 'New versions stored' }),
  unchanged: Type.Integer({ description: 'Versions already stored with the same content' }),
  rejected: Type.Integer(),
  defects: Type.Array(IntelDefect),
});
export type IntelImportReport = Static<typeof IntelImportReport>;

export const MispImportQuery = Type.Object({
  tlp: Type.Optional(Type.Union([TlpLevel], { default: 'AMBER', description: 'TLP of objects whose event and attribute carry no tlp tag' })),
  distribution: Type.Optional(Type.Union([Distribution], { default: 'organisation', description: 'The widest distribution objects may get; each keeps its MISP distribution when narrower' })),
});
export type MispImportQuery = Static<typeof MispImportQuery>;

export const MispImportReport = Type.Object({
  received: Type.Integer({ description: 'STIX objects the event converted to' }),
  stored: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  unmapped: Type.Integer({ description: 'MISP attributes or objects without a STIX mapping (kept as notes or custom properties)' }),
  problems: Type.Array(Type.Object({ level: Type.Union([Type.Literal('error'), Type.Literal('warning')]), code: Type.String(), message: Type.String(), path: Type.Optional(Type.String()) })),
  defects: Type.Array(IntelDefect),
});
export type MispImportReport = Static<typeof MispImportReport>;

export const IntelObjectSummary = Type.Object({
  id: Type.String(),
  type: Type.String(),
  name: Type.Union([Type.Null(), Type.String()]),
  version: Type.String({ description: 'modified (or created) of the newest version' }),
  revoked: Type.Boolean(),
  tlp: TlpLevel,
  distribution: Type.String(),
  ownerInstance: Type.String(),
  ownerOrg: Type.String(),
  dateAdded: Timestamp,
  score: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'Indicators: the decayed score for you (0: expired, or a false positive)' })),
  decay: Type.Optional(IntelDecay),
});
export type IntelObjectSummary = Static<typeof IntelObjectSummary>;

export const IntelObjectQuery = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 250 })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Text in the name, id or pattern' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 100 })),
});
export type IntelObjectQuery = Static<typeof IntelObjectQuery>;

export const IntelObjectPage = Type.Object({ objects: Type.Array(IntelObjectSummary), next: Type.Union([Type.Null(), Type.String()]) });
export type IntelObjectPage = Static<typeof IntelObjectPage>;

export const IntelObjectDetail = Type.Object({
  summary: IntelObjectSummary,
  object: Type.Record(Type.String(), Type.Unknown(), { description: 'The newest version, as stored' }),
  versions: Type.Array(Type.Object({ version: Type.String(), dateAdded: Timestamp })),
  relationships: Type.Array(Type.Object({ id: Type.String(), relationshipType: Type.String(), sourceRef: Type.String(), targetRef: Type.String() })),
});
export type IntelObjectDetail = Static<typeof IntelObjectDetail>;

export const PeerDirection = Type.Union([Type.Literal('pull'), Type.Literal('push'), Type.Literal('both')]);
export const PeerTrust = Type.Union([Type.Literal('trusted'), Type.Literal('restricted')], {
  description: 'trusted: objects keep the sharing scope the peer signed (owner, distribution, sharing group, recipients); restricted: they get this peer\'s defaults',
});

export const AddPeer = Type.Object({
  instanceId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$', description: 'The peer\'s own instance id' }),
  url: Type.String({ format: 'uri', maxLength: 2000, description: 'The peer\'s TAXII discovery URL, e.g. https://peer.example/taxii2/' }),
  token: Type.String({ minLength: 16, maxLength: 512, description: 'The API key the peer issued to this instance' }),
  username: Type.Optional(Type.String({ maxLength: 200, description: 'Send the token as HTTP Basic with this user name (default: Bearer)' })),
  publicKey: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'The peer\'s Ed25519 public key (JWK), or several as a JWK Set ({"keys": [...]}) during a rotation; signatures are required when set. Kept current from the key set the peer publishes, when a key already trusted signs it.' })),
  collections: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50, description: 'Collection ids to pull (default: the peer\'s federation collection)' })),
  direction: Type.Optional(PeerDirection),
  trust: Type.Optional(PeerTrust),
  tlp: Type.Optional(Type.Union([TlpLevel], { description: 'TLP of received objects without a TLP marking (default GREEN)' })),
  distribution: Type.Optional(Type.Union([Distribution], { description: 'Distribution of received objects without a signed scope (default community)' })),
  tls: Type.Optional(Type.Object({ cert: Type.Optional(Type.String({ maxLength: 20_000 })), key: Type.Optional(Type.String({ maxLength: 20_000 })), ca: Type.Optional(Type.String({ maxLength: 100_000 })) }, { description: 'PEM client certificate, key and trusted CA for this peer' })),
});
export type AddPeer = Static<typeof AddPeer>;

export const FederationPeer = Type.Object({
  id: Type.String(),
  instanceId: Type.String(),
  url: Type.String(),
  collections: Type.Array(Type.String()),
  direction: PeerDirection,
  trust: PeerTrust,
  signed: Type.Boolean({ description: 'A public key is set: every page must be signed by it' }),
  lastSyncAt: Type.Union([Type.Null(), Timestamp]),
  lastError: Type.Union([Type.Null(), Type.String()]),
  lastPulled: Type.Integer(),
  lastPushed: Type.Integer(),
  lagSeconds: Type.Union([Type.Null(), Type.Number()], { description: 'Since the newest object added at the peer that we have' }),
});
export type FederationPeer = Static<typeof FederationPeer>;

export const AddedPeer = Type.Object({
  peer: FederationPeer,
  inboundToken: Type.String({ description: 'Give this to the peer: its key to call this instance (shown once)' }),
});
export type AddedPeer = Static<typeof AddedPeer>;

export const FederationStatus = Type.Object({
  instanceId: Type.String(),
  publicKey: Type.Record(Type.String(), Type.Unknown(), { description: 'This instance\'s Ed25519 public key (JWK), for peers' }),
  fingerprint: Type.String({ description: 'Compare it with the peer out of band' }),
  retiredKeys: Type.Array(Type.Object({ fingerprint: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }), { description: 'Previous signing keys still published after a rotation, until their expiry' }),
  peers: Type.Array(FederationPeer),
});
export type FederationStatus = Static<typeof FederationStatus>;

export const SyncResult = Type.Object({
  pulled: Type.Integer(),
  stored: Type.Integer(),
  rejected: Type.Integer(),
  retracted: Type.Integer({ description: 'Objects removed because the peer retracted them or took them out of our reach' }),
  pushed: Type.Integer({ description: 'Objects the peer accepted from us' }),
  error: Type.Union([Type.Null(), Type.String()]),
});
export type SyncResult = Static<typeof SyncResult>;

export const UpdatePeer = Type.Object({
  url: Type.Optional(Type.String({ format: 'uri', maxLength: 2000 })),
  token: Type.Optional(Type.String({ minLength: 16, maxLength: 512 })),
  username: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200 })])),
  publicKey: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
  collections: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })),
  direction: Type.Optional(PeerDirection),
  trust: Type.Optional(PeerTrust),
});
export type UpdatePeer = Static<typeof UpdatePeer>;
