// The threat-intelligence API (STIX 2.1 store): imports with their defects, object lists and views.
import { Type, type Static } from 'typebox';
import { Timestamp } from './common.ts';

export const TlpLevel = Type.Union(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'].map((l) => Type.Literal(l)), { description: 'TLP 2.0 level' });
export const Distribution = Type.Union(['organisation', 'community', 'connected', 'all'].map((d) => Type.Literal(d)), {
  description: 'organisation: yours only; community: this instance\'s organisations; connected: and directly federated instances; all: every instance',
});

export const IntelImportQuery = Type.Object({
  tlp: Type.Optional(Type.Union([TlpLevel], { default: 'AMBER', description: 'TLP of objects that carry no TLP marking' })),
  distribution: Type.Optional(Type.Union([Distribution], { default: 'organisation' })),
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
  name: Type.Union([Type.String(), Type.Null()]),
  version: Type.String({ description: 'modified (or created) of the newest version' }),
  revoked: Type.Boolean(),
  tlp: TlpLevel,
  distribution: Type.String(),
  ownerInstance: Type.String(),
  ownerOrg: Type.String(),
  dateAdded: Timestamp,
});
export type IntelObjectSummary = Static<typeof IntelObjectSummary>;

export const IntelObjectQuery = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 250 })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Text in the name, id or pattern' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 100 })),
});
export type IntelObjectQuery = Static<typeof IntelObjectQuery>;

export const IntelObjectPage = Type.Object({ objects: Type.Array(IntelObjectSummary), next: Type.Union([Type.String(), Type.Null()]) });
export type IntelObjectPage = Static<typeof IntelObjectPage>;

export const IntelObjectDetail = Type.Object({
  summary: IntelObjectSummary,
  object: Type.Record(Type.String(), Type.Unknown(), { description: 'The newest version, as stored' }),
  versions: Type.Array(Type.Object({ version: Type.String(), dateAdded: Timestamp })),
  relationships: Type.Array(Type.Object({ id: Type.String(), relationshipType: Type.String(), sourceRef: Type.String(), targetRef: Type.String() })),
});
export type IntelObjectDetail = Static<typeof IntelObjectDetail>;
