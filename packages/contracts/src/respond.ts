// Respond: incidents (alerts grouped by configurable keys), their timelines, grouping settings and the
// block list that firewalls and proxies fetch.
import { Type, type Static } from 'typebox';
import { Alert, Severity } from './alerts.ts';
import { Timestamp, Uuid } from './common.ts';

export const IncidentWorkStatus = Type.Union([
  Type.Literal('new'),
  Type.Literal('in_progress'),
  Type.Literal('contained'),
  Type.Literal('resolved'),
  Type.Literal('closed'),
  Type.Literal('merged'),
], { description: 'merged: folded into another incident (mergedInto); alerts of a closed incident\'s key open a new one' });
export type IncidentWorkStatus = Static<typeof IncidentWorkStatus>;

export const IncidentEntities = Type.Object({
  hosts: Type.Array(Type.String()),
  users: Type.Array(Type.String()),
  ips: Type.Array(Type.String()),
  indicators: Type.Array(Type.String(), { description: 'Ids of intel indicators that matched' }),
}, { description: 'What the incident\'s alerts and their events name (at most 100 of each)' });
export type IncidentEntities = Static<typeof IncidentEntities>;

export const IncidentLink = Type.Object({
  kind: Type.Union([Type.Literal('intel'), Type.Literal('media-check'), Type.Literal('media-incident'), Type.Literal('aiguard-request'), Type.Literal('url')]),
  ref: Type.String({ minLength: 1, maxLength: 2048, description: 'STIX id, media check id, gateway request id or URL' }),
  title: Type.Optional(Type.String({ maxLength: 300 })),
});
export type IncidentLink = Static<typeof IncidentLink>;

export const Incident = Type.Object({
  id: Uuid,
  number: Type.Integer({ description: 'Shown as INC-<number>' }),
  title: Type.String(),
  severity: Severity,
  status: IncidentWorkStatus,
  ownerId: Type.Union([Type.Null(), Uuid]),
  groupKey: Type.Union([Type.Null(), Type.String()], { description: 'The grouping key the incident was opened for (null: opened by hand or by a split)' }),
  firstAlertAt: Type.Union([Type.Null(), Timestamp]),
  lastAlertAt: Type.Union([Type.Null(), Timestamp]),
  alertCount: Type.Integer(),
  tactics: Type.Array(Type.String(), { description: 'ATT&CK tactics of its alerts, in the order they first appeared' }),
  techniques: Type.Array(Type.String()),
  entities: IncidentEntities,
  mergedInto: Type.Union([Type.Null(), Uuid]),
  reportable: Type.Boolean({ description: 'A significant incident under NIS2: the reporting clocks run' }),
  awareAt: Type.Union([Type.Null(), Timestamp], { description: 'When the entity became aware of the significant incident (NIS2 clocks start here)' }),
  links: Type.Array(IncidentLink),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Incident = Static<typeof Incident>;

export const IncidentList = Type.Object({ incidents: Type.Array(Incident), next: Type.Union([Type.Null(), Type.String()]) });
export type IncidentList = Static<typeof IncidentList>;

export const TimelineKind = Type.Union([
  Type.Literal('alert'), Type.Literal('note'), Type.Literal('status'), Type.Literal('owner'), Type.Literal('severity'), Type.Literal('change'),
  Type.Literal('merge'), Type.Literal('split'), Type.Literal('action'), Type.Literal('playbook'), Type.Literal('report'), Type.Literal('reminder'), Type.Literal('link'),
]);
export type TimelineKind = Static<typeof TimelineKind>;

export const TimelineEntry = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  kind: TimelineKind,
  actorId: Type.Union([Type.Null(), Uuid], { description: 'Null: the platform (grouping, a playbook)' }),
  body: Type.Record(Type.String(), Type.Unknown()),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const IncidentDetail = Type.Object({
  incident: Incident,
  alerts: Type.Array(Alert, { description: 'The newest 500 alerts' }),
  timeline: Type.Array(TimelineEntry, { description: 'The newest 1,000 entries, oldest first' }),
});
export type IncidentDetail = Static<typeof IncidentDetail>;

export const IncidentCreate = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  severity: Severity,
  alertIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 1000, description: 'Alerts moved into the new incident from wherever they are' })),
});
export type IncidentCreate = Static<typeof IncidentCreate>;

export const IncidentPatch = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  severity: Type.Optional(Severity),
  status: Type.Optional(Type.Union([Type.Literal('new'), Type.Literal('in_progress'), Type.Literal('contained'), Type.Literal('resolved'), Type.Literal('closed')])),
  ownerId: Type.Optional(Type.Union([Type.Null(), Uuid])),
  reportable: Type.Optional(Type.Boolean()),
  awareAt: Type.Optional(Type.Union([Type.Null(), Timestamp])),
  links: Type.Optional(Type.Array(IncidentLink, { maxItems: 200 })),
}, { additionalProperties: false });
export type IncidentPatch = Static<typeof IncidentPatch>;

export const IncidentNote = Type.Object({ text: Type.String({ minLength: 1, maxLength: 20_000 }) });
export type IncidentNote = Static<typeof IncidentNote>;

export const IncidentMerge = Type.Object({
  from: Type.Array(Uuid, { minItems: 1, maxItems: 50, description: 'Incidents folded into this one (their alerts and timelines move; they stay as merged)' }),
});
export type IncidentMerge = Static<typeof IncidentMerge>;

export const IncidentSplit = Type.Object({
  alertIds: Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 1000 }),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
});
export type IncidentSplit = Static<typeof IncidentSplit>;

export const GroupingKey = Type.Union([
  Type.Literal('host'), Type.Literal('user'), Type.Literal('src_ip'), Type.Literal('dst_ip'), Type.Literal('ip'), Type.Literal('indicator'),
  Type.Literal('rule'), Type.Literal('detector'), Type.Literal('tactic'),
], { description: 'host, user, src_ip, dst_ip: from the alert\'s events (OCSF) or fields; ip: source else destination; indicator: the matched indicator; rule, detector: the alert\'s; tactic: its first ATT&CK tactic' });
export type GroupingKey = Static<typeof GroupingKey>;

export const GroupingSettings = Type.Object({
  rules: Type.Array(Type.Object({
    by: Type.Array(GroupingKey, { minItems: 1, maxItems: 4, description: 'An alert groups by the first rule for which it has every key' }),
    windowMinutes: Type.Integer({ minimum: 1, maximum: 43_200, description: 'An alert joins the open incident of its key when it comes within this time of the incident\'s last alert' }),
  }), { maxItems: 20 }),
  fallbackWindowMinutes: Type.Integer({ minimum: 1, maximum: 43_200, description: 'Alerts no rule applies to group by detector and rule within this window' }),
});
export type GroupingSettings = Static<typeof GroupingSettings>;

export const BlocklistKind = Type.Union([Type.Literal('ipv4'), Type.Literal('ipv6'), Type.Literal('cidr'), Type.Literal('domain'), Type.Literal('url')]);
export type BlocklistKind = Static<typeof BlocklistKind>;

export const BlocklistEntry = Type.Object({
  kind: BlocklistKind,
  value: Type.String(),
  reason: Type.String(),
  incidentId: Type.Union([Type.Null(), Uuid]),
  source: Type.String({ description: 'manual, or playbook:<id>@<version>' }),
  createdAt: Timestamp,
  expiresAt: Type.Union([Type.Null(), Timestamp]),
});
export type BlocklistEntry = Static<typeof BlocklistEntry>;
export const BlocklistList = Type.Object({ entries: Type.Array(BlocklistEntry) });
export type BlocklistList = Static<typeof BlocklistList>;

export const BlocklistCreate = Type.Object({
  value: Type.String({ minLength: 1, maxLength: 2048, description: 'An IPv4/IPv6 address, a CIDR network, a domain or a URL (the kind is read from it)' }),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
  incidentId: Type.Optional(Uuid),
  ttlMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 5_256_000 })),
});
export type BlocklistCreate = Static<typeof BlocklistCreate>;

export const AssetOwner = Type.Object({
  match: Type.String({ minLength: 1, maxLength: 300, description: 'A host name pattern (* matches any characters, case-insensitive), an IP address or a CIDR network' }),
  owner: Type.String({ minLength: 1, maxLength: 200, description: 'Team or person responsible' }),
  contact: Type.Optional(Type.String({ maxLength: 300, description: 'E-mail address, phone or channel' })),
  criticality: Type.Optional(Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high'), Type.Literal('critical')])),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
});
export type AssetOwner = Static<typeof AssetOwner>;
export const AssetOwners = Type.Object({ assets: Type.Array(AssetOwner, { maxItems: 10_000, description: 'Checked in order: the first entry that matches answers' }) });
export type AssetOwners = Static<typeof AssetOwners>;
