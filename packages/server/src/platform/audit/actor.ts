import type { Principal } from '../auth/principal.ts';
import type { AuditEntry } from './audit.ts';

/** The audit fields that say who acted. */
export function actor(p: Principal, ip?: string): Pick<AuditEntry, 'orgId' | 'actorId' | 'actorKind' | 'ip'> {
  return { orgId: p.orgId, actorId: p.kind === 'key' ? `${p.userId}/key:${p.keyId}` : p.userId, actorKind: p.kind === 'key' ? 'key' : 'user', ip: ip ?? null };
}
