import { Type, type Static } from 'typebox';
import { RoleName, Timestamp, Uuid } from './common.ts';

export const Organisation = Type.Object({ id: Uuid, name: Type.String(), slug: Type.String(), isHome: Type.Boolean(), createdAt: Timestamp });
export type Organisation = Static<typeof Organisation>;
export const CreateOrganisation = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
});
export type CreateOrganisation = Static<typeof CreateOrganisation>;

export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  role: RoleName,
  disabled: Type.Boolean(),
  createdAt: Timestamp,
});
export type User = Static<typeof User>;
export const CreateUser = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' }),
  displayName: Type.Optional(Type.String({ maxLength: 200 })),
  role: RoleName,
  password: Type.Optional(Type.String({ minLength: 12, maxLength: 1024, description: 'Omit to have one generated and returned once' })),
  organisationId: Type.Optional(Uuid),
});
export type CreateUser = Static<typeof CreateUser>;
export const CreatedUser = Type.Object({ user: User, password: Type.Optional(Type.String({ description: 'Shown once, when generated' })) });
export type CreatedUser = Static<typeof CreatedUser>;
export const UpdateUser = Type.Object({
  displayName: Type.Optional(Type.String({ maxLength: 200 })),
  role: Type.Optional(RoleName),
  disabled: Type.Optional(Type.Boolean()),
});
export type UpdateUser = Static<typeof UpdateUser>;
export const SetPassword = Type.Object({ password: Type.String({ minLength: 12, maxLength: 1024 }) });
export type SetPassword = Static<typeof SetPassword>;

export const ApiKey = Type.Object({
  id: Uuid,
  name: Type.String(),
  userId: Uuid,
  role: RoleName,
  createdAt: Timestamp,
  expiresAt: Type.Union([Type.Null(), Timestamp]),
  revokedAt: Type.Union([Type.Null(), Timestamp]),
  lastUsedAt: Type.Union([Type.Null(), Timestamp]),
});
export type ApiKey = Static<typeof ApiKey>;
export const CreateApiKey = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  role: Type.Optional(RoleName),
  userId: Type.Optional(Uuid),
  expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
});
export type CreateApiKey = Static<typeof CreateApiKey>;
export const CreatedApiKey = Type.Object({ key: ApiKey, token: Type.String({ description: 'Shown once' }) });
export type CreatedApiKey = Static<typeof CreatedApiKey>;
