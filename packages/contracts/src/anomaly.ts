import { Type, type Static } from 'typebox';
import { Timestamp, Uuid } from './common.ts';
import { Alert } from './alerts.ts';

export const AnomalyEntityKind = Type.Union([Type.Literal('user'), Type.Literal('host'), Type.Literal('source')]);
export type AnomalyEntityKind = Static<typeof AnomalyEntityKind>;

const JobName = Type.String({ pattern: '^[a-z_]{1,64}$' });

export const AnomalyJob = Type.Object({
  name: JobName,
  title: Type.String(),
  description: Type.String(),
  entityKind: AnomalyEntityKind,
  learning: Type.String({ description: 'When the job starts to report' }),
  allowList: Type.String({ description: 'What allow-list values mean for this job' }),
  enabled: Type.Boolean(),
  threshold: Type.Integer({ minimum: 0, maximum: 100, description: 'Findings scoring below this raise no alert (the organisation\'s, or the default)' }),
  defaultThreshold: Type.Integer({ minimum: 0, maximum: 100 }),
});
export type AnomalyJob = Static<typeof AnomalyJob>;

export const AnomalyJobList = Type.Object({ jobs: Type.Array(AnomalyJob) });
export type AnomalyJobList = Static<typeof AnomalyJobList>;

export const UpdateAnomalyJob = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  threshold: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 0, maximum: 100 })], { description: 'null: back to the default' })),
}, { additionalProperties: false });
export type UpdateAnomalyJob = Static<typeof UpdateAnomalyJob>;

export const NewAnomalyAllowEntry = Type.Object({
  job: Type.String({ pattern: '^([a-z_]{1,64}|\\*)$', description: 'A job name, or * for every job' }),
  entity: Type.String({ minLength: 1, maxLength: 200, description: 'The user, host or source address, or * for every entity' }),
  value: Type.String({ minLength: 1, maxLength: 200, description: 'An address, IPv4 or IPv6 CIDR network, country code, ASN (AS64500), process, hour…, or * for anything' }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export type NewAnomalyAllowEntry = Static<typeof NewAnomalyAllowEntry>;

export const AnomalyAllowEntry = Type.Object({
  id: Uuid,
  job: Type.String(),
  entity: Type.String(),
  value: Type.String(),
  note: Type.String(),
  createdAt: Timestamp,
});
export type AnomalyAllowEntry = Static<typeof AnomalyAllowEntry>;

export const AnomalyAllowList = Type.Object({ entries: Type.Array(AnomalyAllowEntry) });
export type AnomalyAllowList = Static<typeof AnomalyAllowList>;

export const MarkFalsePositive = Type.Object({
  alertId: Type.String({ pattern: '^[0-9a-f]{40}$' }),
}, { additionalProperties: false });
export type MarkFalsePositive = Static<typeof MarkFalsePositive>;

export const AnomalySuppression = Type.Object({
  job: Type.String(),
  entity: Type.String(),
  feature: Type.String({ description: 'Later findings of this job, entity and feature raise no alert' }),
  alertId: Type.String(),
  createdAt: Timestamp,
});
export type AnomalySuppression = Static<typeof AnomalySuppression>;

export const AnomalyEntityParams = Type.Object({
  kind: AnomalyEntityKind,
  entity: Type.String({ minLength: 1, maxLength: 200 }),
});
export type AnomalyEntityParams = Static<typeof AnomalyEntityParams>;

export const AnomalyRiskPoint = Type.Object({
  day: Type.String({ description: 'UTC day, YYYY-MM-DD' }),
  risk: Type.Integer({ minimum: 0, maximum: 100, description: 'Highest finding score that day' }),
  findings: Type.Integer(),
});
export type AnomalyRiskPoint = Static<typeof AnomalyRiskPoint>;

export const AnomalyEntity = Type.Object({
  kind: AnomalyEntityKind,
  entity: Type.String(),
  risk: Type.Integer({ minimum: 0, maximum: 100, description: 'Current risk: the finding scores of the last 30 days, decayed by age (half-life 7 days), highest first' }),
  timeline: Type.Array(AnomalyRiskPoint),
  findings: Type.Array(Alert, { description: 'The anomaly alerts about this entity, newest first (at most 200)' }),
});
export type AnomalyEntity = Static<typeof AnomalyEntity>;

export const AnomalyEntitySummary = Type.Object({
  kind: AnomalyEntityKind,
  entity: Type.String(),
  risk: Type.Integer({ minimum: 0, maximum: 100 }),
  findings: Type.Integer(),
  last: Timestamp,
});
export type AnomalyEntitySummary = Static<typeof AnomalyEntitySummary>;

export const AnomalyEntityList = Type.Object({ entities: Type.Array(AnomalyEntitySummary) });
export type AnomalyEntityList = Static<typeof AnomalyEntityList>;
