// Roles and what each may do. Authorization is decided here and nowhere else (see policy.ts).
export const ROLES = ['admin', 'responder', 'analyst', 'auditor', 'trainee', 'federation-peer'] as const;
export type RoleName = (typeof ROLES)[number];

/** A role may only manage credentials of roles at or below its own rank. */
export const RANK: Record<RoleName, number> = {
  admin: 100,
  responder: 60,
  analyst: 50,
  auditor: 40,
  trainee: 20,
  'federation-peer': 10,
};

export const PERMISSIONS = [
  'session',
  'health:read',
  'metrics:read',
  'events:read',
  'events:write',
  'alerts:read',
  'alerts:write',
  'rules:read',
  'rules:write',
  'intel:read',
  'intel:write',
  /** Define sharing groups for one's organisation (and change their members). */
  'intel:share',
  'federation:manage',
  /** The AI gateway's request log, accounts and block lists. */
  'aiguard:read',
  /** Issue gateway keys, block accounts, decide reviews. */
  'aiguard:manage',
  /** Incidents, their timelines and NIS2 reports. */
  'incidents:read',
  /** Work incidents: notes, status, owner, merge and split, reports, manual block-list entries. */
  'incidents:write',
  /** Write playbooks and grouping settings. */
  'playbooks:write',
  /** Approve or reject a playbook step that waits for approval. */
  'playbooks:approve',
  /** Fetch the block list (firewalls and proxies, with a read-only key). */
  'blocklist:read',
  'keys:own',
  'users:read',
  'users:manage',
  'keys:manage',
  'audit:read',
  'organisations:read',
  'instance:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const base: Permission[] = ['session', 'health:read', 'organisations:read'];

export const GRANTS: Record<RoleName, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([...base, 'metrics:read', 'events:read', 'events:write', 'alerts:read', 'alerts:write', 'rules:read', 'rules:write', 'intel:read', 'intel:write', 'intel:share', 'federation:manage', 'aiguard:read', 'aiguard:manage', 'incidents:read', 'incidents:write', 'playbooks:write', 'playbooks:approve', 'blocklist:read', 'keys:own', 'users:read', 'users:manage', 'keys:manage', 'audit:read']),
  responder: new Set<Permission>([...base, 'events:read', 'events:write', 'alerts:read', 'alerts:write', 'rules:read', 'intel:read', 'intel:write', 'aiguard:read', 'aiguard:manage', 'incidents:read', 'incidents:write', 'playbooks:write', 'playbooks:approve', 'blocklist:read', 'keys:own']),
  analyst: new Set<Permission>([...base, 'events:read', 'events:write', 'alerts:read', 'alerts:write', 'rules:read', 'rules:write', 'intel:read', 'intel:write', 'aiguard:read', 'incidents:read', 'incidents:write', 'blocklist:read', 'keys:own']),
  auditor: new Set<Permission>([...base, 'metrics:read', 'events:read', 'alerts:read', 'rules:read', 'intel:read', 'aiguard:read', 'incidents:read', 'blocklist:read', 'users:read', 'audit:read']),
  trainee: new Set<Permission>([...base, 'events:read', 'alerts:read', 'rules:read', 'intel:read', 'incidents:read']),
  // A federated instance: reads and adds intelligence over TAXII, as the access model allows a peer.
  'federation-peer': new Set<Permission>(['session', 'health:read', 'intel:read', 'intel:write']),
};

export function isRole(x: unknown): x is RoleName {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}
