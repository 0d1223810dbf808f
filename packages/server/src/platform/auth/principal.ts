import type { RoleName } from './roles.ts';

/** Who is calling, resolved once per request by authenticate.ts. */
export interface Principal {
  readonly kind: 'session' | 'key';
  readonly userId: string;
  readonly email: string;
  readonly orgId: string;
  readonly role: RoleName;
  /** An administrator of the organisation that runs the instance: manages every organisation. */
  readonly instanceAdmin: boolean;
  readonly keyId?: string;
  readonly sessionHash?: string;
  readonly csrfToken?: string;
}
