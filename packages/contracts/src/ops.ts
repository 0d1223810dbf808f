import { Type, type Static } from 'typebox';
import { Timestamp } from './common.ts';

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  uptimeSeconds: Type.Number(),
  roles: Type.Array(Type.String()),
  database: Type.Object({ kind: Type.String(), ok: Type.Boolean() }),
  bus: Type.Object({ kind: Type.String(), ok: Type.Boolean() }),
  ingest: Type.Object({ inflight: Type.Integer(), accepted: Type.Integer(), rejected: Type.Integer() }),
});
export type Health = Static<typeof Health>;

export const AuditEntry = Type.Object({
  seq: Type.Integer(),
  time: Timestamp,
  orgId: Type.Union([Type.Null(), Type.String()]),
  actorId: Type.Union([Type.Null(), Type.String()]),
  actorKind: Type.String(),
  action: Type.String(),
  target: Type.Union([Type.Null(), Type.String()]),
  outcome: Type.String(),
  ip: Type.Union([Type.Null(), Type.String()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditQuery = Type.Object({
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Entries with a lower sequence number' })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export type AuditQuery = Static<typeof AuditQuery>;
export const AuditPage = Type.Object({ entries: Type.Array(AuditEntry) });
export type AuditPage = Static<typeof AuditPage>;
export const AuditVerification = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBroken: Type.Optional(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
});
export type AuditVerification = Static<typeof AuditVerification>;
