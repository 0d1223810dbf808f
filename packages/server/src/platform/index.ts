// The kernel's public face: modules import the platform through this file only.
export type { Platform } from './context.ts';
export type { Config, Role } from './config/config.ts';
export type { Logger } from './log/log.ts';
export { AppError, errors } from './errors/errors.ts';
export { INSTANCE, orgScope, rows, type Db, type Queryable, type Scope, type Tx } from './db/db.ts';
export { SUBJECTS, type Bus, type BusMessage, type Handler } from './bus/port.ts';
export { audit, type AuditEntry } from './audit/audit.ts';
export { actor } from './audit/actor.ts';
export { canonicalJson } from './audit/canonical.ts';
export { can, principalOf } from './auth/policy.ts';
export type { Principal } from './auth/principal.ts';
export type { Permission, RoleName } from './auth/roles.ts';
export { sendProblem } from './http/problem.ts';
export { egressFetch, egressErrors, type EgressOptions, type EgressResponse } from './egress/egress.ts';
export { egressStream, type EgressStream, type EgressStreamOptions } from './egress/stream.ts';
export { parseAllowList, refusal } from './egress/address.ts';
export { PartitionLeases, type LeaseOptions } from './coord/leases.ts';
export { issueKey } from './identity/key-routes.ts';
