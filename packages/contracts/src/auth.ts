import { Type, type Static } from 'typebox';
import { RoleName, Uuid } from './common.ts';

export const LoginRequest = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 320 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});
export type LoginRequest = Static<typeof LoginRequest>;

export const OrgMembership = Type.Object({ id: Uuid, name: Type.String(), slug: Type.String(), role: RoleName });
export type OrgMembership = Static<typeof OrgMembership>;

export const SessionInfo = Type.Object({
  user: Type.Object({ id: Uuid, email: Type.String(), displayName: Type.String() }),
  organisation: OrgMembership,
  organisations: Type.Array(OrgMembership),
  instanceAdmin: Type.Boolean(),
  permissions: Type.Array(Type.String()),
  via: Type.Union([Type.Literal('session'), Type.Literal('key')]),
  csrfToken: Type.Optional(Type.String({ description: 'Send as X-CSRF-Token on unsafe requests made with the session cookie' })),
});
export type SessionInfo = Static<typeof SessionInfo>;

export const SwitchOrgRequest = Type.Object({ organisationId: Uuid });
export type SwitchOrgRequest = Static<typeof SwitchOrgRequest>;

export const ChangeOwnPasswordRequest = Type.Object({
  currentPassword: Type.String({ maxLength: 1024 }),
  newPassword: Type.String({ minLength: 12, maxLength: 1024 }),
});
export type ChangeOwnPasswordRequest = Static<typeof ChangeOwnPasswordRequest>;
