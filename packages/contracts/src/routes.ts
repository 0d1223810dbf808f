// The HTTP API surface in one place (paths are relative to the server root). Path functions take an
// id, or a `:name` placeholder when the server registers the route.
const seg = (id: string): string => (id.startsWith(':') ? id : encodeURIComponent(id));

export const API = {
  login: '/api/v1/auth/login',
  logout: '/api/v1/auth/logout',
  session: '/api/v1/auth/session',
  switchOrg: '/api/v1/auth/switch',
  ownPassword: '/api/v1/auth/password',
  organisations: '/api/v1/organisations',
  users: '/api/v1/users',
  user: (id: string) => `/api/v1/users/${seg(id)}`,
  userPassword: (id: string) => `/api/v1/users/${seg(id)}/password`,
  keys: '/api/v1/keys',
  key: (id: string) => `/api/v1/keys/${seg(id)}`,
  events: '/api/v1/events',
  stream: '/api/v1/stream',
  alerts: '/api/v1/alerts',
  alert: (id: string) => `/api/v1/alerts/${seg(id)}`,
  sigmaPacks: '/api/v1/sigma/packs',
  sigmaPack: (name: string) => `/api/v1/sigma/packs/${seg(name)}`,
  sigmaRules: '/api/v1/sigma/rules',
  sigmaRule: (key: string) => `/api/v1/sigma/rules/${seg(key)}`,
  intelImport: '/api/v1/intel/import',
  intelImportMisp: '/api/v1/intel/import/misp',
  intelExport: '/api/v1/intel/export',
  intelObjects: '/api/v1/intel/objects',
  intelObject: (id: string) => `/api/v1/intel/objects/${seg(id)}`,
  intelSightings: (id: string) => `/api/v1/intel/objects/${seg(id)}/sightings`,
  intelCorrelations: (id: string) => `/api/v1/intel/objects/${seg(id)}/correlations`,
  taxiiDiscovery: '/taxii2/',
  federation: '/api/v1/federation',
  federationPeers: '/api/v1/federation/peers',
  federationPeer: (id: string) => `/api/v1/federation/peers/${seg(id)}`,
  federationSync: (id: string) => `/api/v1/federation/peers/${seg(id)}/sync`,
  health: '/api/v1/health',
  audit: '/api/v1/audit',
  auditVerify: '/api/v1/audit/verify',
  livez: '/livez',
  readyz: '/readyz',
  metrics: '/metrics',
  docs: '/docs',
  openapi: '/openapi.json',
} as const;

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'bulwark_session';
