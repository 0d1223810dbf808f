// The disinformation-incident API: the DISARM framework as an instance-wide catalogue (imported from
// DISARM's STIX bundle), and an organisation's FIMI incidents (narratives, channels, actors, DISARM
// techniques, linked media), exportable as a STIX 2.1 bundle.
import { Type, type Static } from 'typebox';
import { Timestamp, Uuid } from './common.ts';
import { TlpLevel } from './intel.ts';

/** A DISARM technique or sub-technique id (T0086, T0086.002). */
export const DisarmTechniqueId = Type.String({ pattern: '^T\\d{4}(\\.\\d{3})?$', description: 'DISARM technique id, e.g. T0086.002' });

export const DisarmTactic = Type.Object({
  id: Type.String({ description: 'DISARM tactic id, e.g. TA06' }),
  name: Type.String(),
  shortname: Type.String({ description: 'The kill-chain phase name techniques use, e.g. develop-content' }),
  description: Type.String({ description: 'Plain text (HTML of the source removed)' }),
  position: Type.Integer({ description: 'Order in the DISARM matrix, from 0' }),
  stixId: Type.String(),
  techniques: Type.Integer({ description: 'Techniques and sub-techniques of this tactic' }),
});
export type DisarmTactic = Static<typeof DisarmTactic>;

export const DisarmTechnique = Type.Object({
  id: DisarmTechniqueId,
  name: Type.String(),
  description: Type.String({ description: 'Plain text (HTML of the source removed); untrusted text' }),
  tacticId: Type.Union([Type.Null(), Type.String()]),
  tacticName: Type.Union([Type.Null(), Type.String()]),
  tacticShortname: Type.Union([Type.Null(), Type.String()]),
  parentId: Type.Union([DisarmTechniqueId, Type.Null()], { description: 'The parent technique of a sub-technique' }),
  subtechnique: Type.Boolean(),
  stixId: Type.String({ description: 'The attack-pattern id in DISARM\'s own bundle' }),
  url: Type.Union([Type.Null(), Type.String()]),
});
export type DisarmTechnique = Static<typeof DisarmTechnique>;

export const DisarmCatalogue = Type.Object({
  tactics: Type.Array(DisarmTactic),
  techniques: Type.Array(DisarmTechnique),
  total: Type.Integer({ description: 'Techniques in the catalogue (before filters)' }),
  importedAt: Type.Union([Type.Null(), Timestamp], { description: 'Last import; null when DISARM was never imported' }),
  attribution: Type.String({ description: 'Source and licence of the catalogue' }),
});
export type DisarmCatalogue = Static<typeof DisarmCatalogue>;

export const DisarmQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Text in the id, name or description' })),
  tactic: Type.Optional(Type.String({ maxLength: 100, description: 'Tactic id (TA06), shortname (develop-content) or name' })),
});
export type DisarmQuery = Static<typeof DisarmQuery>;

export const DisarmDefect = Type.Object({
  index: Type.Union([Type.Null(), Type.Integer()], { description: 'Position of the object in the bundle\'s objects (null: the bundle itself)' }),
  id: Type.Optional(Type.String()),
  path: Type.String({ description: 'JSON path, e.g. $.objects[12].kill_chain_phases' }),
  message: Type.String(),
});
export type DisarmDefect = Static<typeof DisarmDefect>;

export const DisarmImportReport = Type.Object({
  received: Type.Integer({ description: 'Objects in the bundle' }),
  techniques: Type.Integer({ description: 'Techniques read from the bundle' }),
  tactics: Type.Integer({ description: 'Tactics read from the bundle' }),
  added: Type.Integer({ description: 'Techniques and tactics new to the catalogue' }),
  updated: Type.Integer({ description: 'Techniques and tactics whose content changed' }),
  unchanged: Type.Integer(),
  defects: Type.Array(DisarmDefect, { description: 'Objects skipped or read with a problem' }),
});
export type DisarmImportReport = Static<typeof DisarmImportReport>;

export const IncidentStatus = Type.Union([Type.Literal('open'), Type.Literal('investigating'), Type.Literal('closed')]);
export type IncidentStatus = Static<typeof IncidentStatus>;

export const ChannelKind = Type.Union([
  Type.Literal('social-media-account'), Type.Literal('website'), Type.Literal('messaging-channel'), Type.Literal('video-channel'),
  Type.Literal('forum'), Type.Literal('news-outlet'), Type.Literal('advertising'), Type.Literal('other'),
]);
export type ChannelKind = Static<typeof ChannelKind>;

/** How a channel is tied to a state actor, in the categories of the EEAS FIMI threat reports. */
export const ChannelAttribution = Type.Union([
  Type.Literal('official'), Type.Literal('state-controlled'), Type.Literal('state-linked'), Type.Literal('state-aligned'), Type.Literal('unattributed'),
], { description: 'official state channel, state-controlled or state-linked outlet, state-aligned channel, or not attributed' });
export type ChannelAttribution = Static<typeof ChannelAttribution>;

export const FimiChannel = Type.Object({
  platform: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. X, Telegram, TikTok, web' }),
  name: Type.String({ minLength: 1, maxLength: 300, description: 'Name or handle' }),
  url: Type.Optional(Type.String({ format: 'uri', maxLength: 2048 })),
  kind: ChannelKind,
  attribution: Type.Optional(ChannelAttribution),
  actor: Type.Optional(Type.String({ maxLength: 300, description: 'The actor (by name, one of the incident\'s) behind the channel' })),
}, { additionalProperties: false });
export type FimiChannel = Static<typeof FimiChannel>;

export const FimiActor = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 300 }),
  confidence: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'Confidence of the attribution (0-100, STIX confidence scale)' })),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
}, { additionalProperties: false });
export type FimiActor = Static<typeof FimiActor>;

const Narrative = Type.String({ minLength: 1, maxLength: 4000 });
const Fields = {
  summary: Type.String({ maxLength: 20_000 }),
  status: IncidentStatus,
  firstSeen: Type.Union([Type.Null(), Timestamp]),
  lastSeen: Type.Union([Type.Null(), Timestamp]),
  tlp: TlpLevel,
  campaign: Type.String({ maxLength: 300, description: 'The campaign the incident belongs to, when known' }),
  narratives: Type.Array(Narrative, { maxItems: 100 }),
  channels: Type.Array(FimiChannel, { maxItems: 500 }),
  actors: Type.Array(FimiActor, { maxItems: 100 }),
  techniques: Type.Array(DisarmTechniqueId, { maxItems: 200, description: 'DISARM technique ids; checked against the imported catalogue when there is one' }),
  mediaEntries: Type.Array(Uuid, { maxItems: 500, description: 'Hash-bank entries of your organisation' }),
  mediaChecks: Type.Array(Uuid, { maxItems: 500, description: 'Media checks of your organisation' }),
  notes: Type.String({ maxLength: 20_000 }),
};

export const NewMediaIncident = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  summary: Type.Optional(Fields.summary),
  status: Type.Optional(Type.Union([IncidentStatus], { default: 'open' })),
  firstSeen: Type.Optional(Fields.firstSeen),
  lastSeen: Type.Optional(Fields.lastSeen),
  tlp: Type.Optional(Type.Union([TlpLevel], { default: 'AMBER' })),
  campaign: Type.Optional(Fields.campaign),
  narratives: Type.Optional(Fields.narratives),
  channels: Type.Optional(Fields.channels),
  actors: Type.Optional(Fields.actors),
  techniques: Type.Optional(Fields.techniques),
  mediaEntries: Type.Optional(Fields.mediaEntries),
  mediaChecks: Type.Optional(Fields.mediaChecks),
  notes: Type.Optional(Fields.notes),
}, { additionalProperties: false });
export type NewMediaIncident = Static<typeof NewMediaIncident>;

export const UpdateMediaIncident = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  summary: Type.Optional(Fields.summary),
  status: Type.Optional(IncidentStatus),
  firstSeen: Type.Optional(Fields.firstSeen),
  lastSeen: Type.Optional(Fields.lastSeen),
  tlp: Type.Optional(TlpLevel),
  campaign: Type.Optional(Fields.campaign),
  narratives: Type.Optional(Fields.narratives),
  channels: Type.Optional(Fields.channels),
  actors: Type.Optional(Fields.actors),
  techniques: Type.Optional(Fields.techniques),
  mediaEntries: Type.Optional(Fields.mediaEntries),
  mediaChecks: Type.Optional(Fields.mediaChecks),
  notes: Type.Optional(Fields.notes),
}, { additionalProperties: false, description: 'Fields given replace the stored ones (lists as a whole)' });
export type UpdateMediaIncident = Static<typeof UpdateMediaIncident>;

export const IncidentTechnique = Type.Object({
  id: DisarmTechniqueId,
  name: Type.Union([Type.Null(), Type.String()], { description: 'From the catalogue; null when it lacks the id' }),
  tacticId: Type.Union([Type.Null(), Type.String()]),
});
export type IncidentTechnique = Static<typeof IncidentTechnique>;

export const MediaIncident = Type.Object({
  id: Uuid,
  title: Type.String(),
  ...Fields,
  techniqueDetails: Type.Array(IncidentTechnique),
  createdAt: Timestamp,
  createdBy: Type.Union([Type.Null(), Type.String()], { description: 'User id' }),
  updatedAt: Timestamp,
  updatedBy: Type.Union([Type.Null(), Type.String()], { description: 'User id' }),
});
export type MediaIncident = Static<typeof MediaIncident>;

export const MediaIncidentSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  status: IncidentStatus,
  tlp: TlpLevel,
  firstSeen: Type.Union([Type.Null(), Timestamp]),
  lastSeen: Type.Union([Type.Null(), Timestamp]),
  campaign: Type.String(),
  narratives: Type.Integer(),
  channels: Type.Integer(),
  actors: Type.Array(Type.String()),
  techniques: Type.Array(Type.String()),
  media: Type.Integer({ description: 'Linked bank entries and checks' }),
  updatedAt: Timestamp,
});
export type MediaIncidentSummary = Static<typeof MediaIncidentSummary>;

export const MediaIncidentList = Type.Object({ incidents: Type.Array(MediaIncidentSummary), total: Type.Integer() });
export type MediaIncidentList = Static<typeof MediaIncidentList>;

export const MediaIncidentQuery = Type.Object({
  status: Type.Optional(IncidentStatus),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Text in the title, summary, narratives, campaign, actors or channels' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});
export type MediaIncidentQuery = Static<typeof MediaIncidentQuery>;
