// The HTTP paths the CLI calls. They mirror `API` in @bulwark/contracts: the `satisfies` clause makes the
// typechecker reject any fixed path that differs from the contract, and api.test.ts compares the path
// builders. The CLI keeps its own copy (instead of importing contracts at run time) so the packed
// `@bulwark/cli` runs with only its declared dependencies; types still come from contracts.
import type { API as ContractApi } from '@bulwark/contracts';

export const API = {
  session: '/api/v1/auth/session',
  organisations: '/api/v1/organisations',
  users: '/api/v1/users',
  user: (id: string) => `/api/v1/users/${encodeURIComponent(id)}`,
  userPassword: (id: string) => `/api/v1/users/${encodeURIComponent(id)}/password`,
  keys: '/api/v1/keys',
  key: (id: string) => `/api/v1/keys/${encodeURIComponent(id)}`,
  events: '/api/v1/events',
  stream: '/api/v1/stream',
  alerts: '/api/v1/alerts',
  alert: (id: string) => `/api/v1/alerts/${encodeURIComponent(id)}`,
  sigmaPacks: '/api/v1/sigma/packs',
  sigmaPack: (name: string) => `/api/v1/sigma/packs/${encodeURIComponent(name)}`,
  sigmaRules: '/api/v1/sigma/rules',
  sigmaRule: (key: string) => `/api/v1/sigma/rules/${encodeURIComponent(key)}`,
  intelImport: '/api/v1/intel/import',
  intelImportMisp: '/api/v1/intel/import/misp',
  intelExport: '/api/v1/intel/export',
  intelObjects: '/api/v1/intel/objects',
  intelObject: (id: string) => `/api/v1/intel/objects/${encodeURIComponent(id)}`,
  intelSightings: (id: string) => `/api/v1/intel/objects/${encodeURIComponent(id)}/sightings`,
  intelCorrelations: (id: string) => `/api/v1/intel/objects/${encodeURIComponent(id)}/correlations`,
  intelSharingGroups: '/api/v1/intel/sharing-groups',
  intelSharingGroup: (id: string) => `/api/v1/intel/sharing-groups/${encodeURIComponent(id)}`,
  federation: '/api/v1/federation',
  federationPeers: '/api/v1/federation/peers',
  federationPeer: (id: string) => `/api/v1/federation/peers/${encodeURIComponent(id)}`,
  federationSync: (id: string) => `/api/v1/federation/peers/${encodeURIComponent(id)}/sync`,
  federationRotateKey: '/api/v1/federation/rotate-key',
  health: '/api/v1/health',
  audit: '/api/v1/audit',
  auditVerify: '/api/v1/audit/verify',
} as const satisfies Partial<typeof ContractApi>;
