import { Type, type Static } from 'typebox';
import { Timestamp, Uuid } from './common.ts';

export const AlertStatus = Type.Union([Type.Literal('open'), Type.Literal('acknowledged'), Type.Literal('closed')]);
export type AlertStatus = Static<typeof AlertStatus>;
export const Severity = Type.Union([
  Type.Literal('informational'),
  Type.Literal('low'),
  Type.Literal('medium'),
  Type.Literal('high'),
  Type.Literal('critical'),
]);
export type Severity = Static<typeof Severity>;

export const Alert = Type.Object({
  id: Type.String({ description: 'Deterministic: hash of organisation, detector, rule and event ids' }),
  detector: Type.String(),
  ruleId: Type.String(),
  title: Type.String(),
  severity: Severity,
  status: AlertStatus,
  assigneeId: Type.Union([Type.Null(), Uuid]),
  eventIds: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  references: Type.Array(Type.String()),
  fields: Type.Record(Type.String(), Type.Unknown()),
  eventTime: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Alert = Static<typeof Alert>;

export const AlertQuery = Type.Object({
  status: Type.Optional(AlertStatus),
  severity: Type.Optional(Severity),
  detector: Type.Optional(Type.String()),
  assigneeId: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
});
export type AlertQuery = Static<typeof AlertQuery>;

export const AlertPage = Type.Object({ alerts: Type.Array(Alert), next: Type.Union([Type.Null(), Type.String()]) });
export type AlertPage = Static<typeof AlertPage>;

export const UpdateAlert = Type.Object({
  status: Type.Optional(AlertStatus),
  assigneeId: Type.Optional(Type.Union([Type.Null(), Uuid])),
});
export type UpdateAlert = Static<typeof UpdateAlert>;
