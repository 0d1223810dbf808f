import { Type, type Static } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339 timestamp' });

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable machine-readable error code' }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ where: Type.String(), reason: Type.String() }))),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);
export type Problem = Static<typeof Problem>;

export const RoleName = Type.Union([
  Type.Literal('admin'),
  Type.Literal('responder'),
  Type.Literal('analyst'),
  Type.Literal('auditor'),
  Type.Literal('trainee'),
  Type.Literal('federation-peer'),
]);
export type RoleName = Static<typeof RoleName>;

export const Ok = Type.Object({ ok: Type.Boolean() });
