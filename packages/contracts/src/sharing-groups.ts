// Sharing groups (MISP-style): an owner organisation and member organisations of any instance. Objects
// imported with `distribution=group&group=<id>` reach the members (as TLP allows).
import { Type, type Static } from 'typebox';
import { Timestamp } from './common.ts';

export const SharingGroupMember = Type.Object({
  instance: Type.String({ minLength: 1, maxLength: 63, description: 'Instance id of the member organisation' }),
  org: Type.String({ minLength: 1, maxLength: 200, description: 'Organisation id on that instance' }),
});
export type SharingGroupMember = Static<typeof SharingGroupMember>;

export const SharingGroup = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  description: Type.String(),
  releasability: Type.String({ description: 'Who else may be told, in words (MISP releasability)' }),
  ownerInstance: Type.String(),
  ownerOrg: Type.String(),
  members: Type.Array(SharingGroupMember, { description: 'The owner included' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SharingGroup = Static<typeof SharingGroup>;

/** A member as given: `instance` defaults to this instance; a local organisation by id or slug. */
export const SharingGroupMemberInput = Type.Object({
  instance: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$' })),
  org: Type.String({ minLength: 1, maxLength: 200 }),
});
export type SharingGroupMemberInput = Static<typeof SharingGroupMemberInput>;

export const CreateSharingGroup = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  releasability: Type.Optional(Type.String({ maxLength: 5000 })),
  members: Type.Optional(Type.Array(SharingGroupMemberInput, { maxItems: 1000 })),
});
export type CreateSharingGroup = Static<typeof CreateSharingGroup>;

export const UpdateSharingGroup = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  releasability: Type.Optional(Type.String({ maxLength: 5000 })),
  addMembers: Type.Optional(Type.Array(SharingGroupMemberInput, { maxItems: 1000 })),
  removeMembers: Type.Optional(Type.Array(SharingGroupMemberInput, { maxItems: 1000 })),
});
export type UpdateSharingGroup = Static<typeof UpdateSharingGroup>;

export const SharingGroupList = Type.Object({ groups: Type.Array(SharingGroup) });
export type SharingGroupList = Static<typeof SharingGroupList>;
