// Tables managed by drizzle-kit. The day-partitioned `events` table, row-level security, the
// application role and the audit triggers are written by hand in the custom migration that follows.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, foreignKey, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull(),
  isHome: boolean('is_home').notNull().default(false),
  createdAt: tz('created_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('organisations_slug_key').on(t.slug)]);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash'),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: tz('created_at').notNull().defaultNow(),
  passwordChangedAt: tz('password_changed_at'),
}, (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)]);

export const memberships = pgTable('memberships', {
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  role: text('role').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.userId, t.orgId] }), index('memberships_org_idx').on(t.orgId)]);

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  role: text('role').notNull(),
  lookup: text('lookup').notNull(),
  secretHash: text('secret_hash').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  expiresAt: tz('expires_at'),
  revokedAt: tz('revoked_at'),
  lastUsedAt: tz('last_used_at'),
}, (t) => [uniqueIndex('api_keys_lookup_key').on(t.lookup), index('api_keys_org_idx').on(t.orgId), index('api_keys_user_idx').on(t.userId)]);

export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  expiresAt: tz('expires_at').notNull(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

export const auditLog = pgTable('audit_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  time: tz('time').notNull(),
  orgId: uuid('org_id'),
  actorId: text('actor_id'),
  actorKind: text('actor_kind').notNull(),
  action: text('action').notNull(),
  target: text('target'),
  outcome: text('outcome').notNull(),
  ip: text('ip'),
  details: jsonb('details').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [index('audit_log_org_idx').on(t.orgId, t.seq)]);

export const outbox = pgTable('outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  msgId: text('msg_id').notNull(),
  subject: text('subject').notNull(),
  payload: jsonb('payload').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  claimedUntil: tz('claimed_until'),
  relayedAt: tz('relayed_at'),
}, (t) => [index('outbox_unrelayed_idx').on(t.id).where(sql`relayed_at is null`), index('outbox_relayed_idx').on(t.relayedAt)]);

export const eventKeys = pgTable('event_keys', {
  orgId: uuid('org_id').notNull(),
  eventId: text('event_id').notNull(),
  time: tz('time').notNull(),
}, (t) => [primaryKey({ columns: [t.orgId, t.eventId] }), index('event_keys_time_idx').on(t.time)]);

export const alerts = pgTable('alerts', {
  id: text('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  detector: text('detector').notNull(),
  ruleId: text('rule_id').notNull(),
  title: text('title').notNull(),
  severity: text('severity').notNull(),
  severityId: integer('severity_id').notNull(),
  status: text('status').notNull().default('open'),
  assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
  eventIds: text('event_ids').array().notNull(),
  tags: text('tags').array().notNull(),
  references: text('references').array().notNull(),
  fields: jsonb('fields').notNull(),
  eventTime: tz('event_time').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [index('alerts_org_created_idx').on(t.orgId, t.createdAt), index('alerts_org_status_idx').on(t.orgId, t.status)]);

/** State a detector keeps across restarts (e.g. Sigma correlation windows), per organisation. */
export const detectorState = pgTable('detector_state', {
  detector: text('detector').notNull(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  state: jsonb('state').notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.detector, t.orgId] })]);

/** Sigma rule packs an organisation uploaded (packs from the instance's directories are read from disk). */
export const sigmaPacks = pgTable('sigma_packs', {
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  files: jsonb('files').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.name] })]);

/** An organisation's settings for one Sigma rule (from any pack), by rule key (id, or title without id). */
export const sigmaRuleSettings = pgTable('sigma_rule_settings', {
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  ruleKey: text('rule_key').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  level: text('level'),
  updatedBy: uuid('updated_by'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.ruleKey] })]);

/** Counters per organisation and rule, added to by every worker. */
export const sigmaRuleStats = pgTable('sigma_rule_stats', {
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  ruleKey: text('rule_key').notNull(),
  hits: bigint('hits', { mode: 'number' }).notNull().default(0),
  evaluations: bigint('evaluations', { mode: 'number' }).notNull().default(0),
  costNs: bigint('cost_ns', { mode: 'number' }).notNull().default(0),
  lastHitAt: tz('last_hit_at'),
}, (t) => [primaryKey({ columns: [t.orgId, t.ruleKey] })]);

/** Which process owns which partition of a piece of work (e.g. Sigma correlation state), for a while. */
export const workLeases = pgTable('work_leases', {
  name: text('name').notNull(),
  part: integer('part').notNull(),
  owner: text('owner').notNull(),
  expiresAt: tz('expires_at').notNull(),
}, (t) => [primaryKey({ columns: [t.name, t.part] })]);

/** Processes taking part in a piece of work, with their last heartbeat (to share partitions fairly). */
export const workMembers = pgTable('work_members', {
  name: text('name').notNull(),
  owner: text('owner').notNull(),
  seenAt: tz('seen_at').notNull(),
}, (t) => [primaryKey({ columns: [t.name, t.owner] })]);

/** Facts about this instance (e.g. its id in the federation), written once. */
export const instanceMeta = pgTable('instance_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * STIX objects, every version kept (key: id + version). The sharing scope of each version is explicit
 * (owner, TLP, distribution, sharing group, named recipients); `seq` orders additions for TAXII cursors.
 */
export const intelObjects = pgTable('intel_objects', {
  id: text('id').notNull(),
  version: text('version').notNull(),
  type: text('type').notNull(),
  specVersion: text('spec_version').notNull().default('2.1'),
  object: jsonb('object').notNull(),
  revoked: boolean('revoked').notNull().default(false),
  ownerInstance: text('owner_instance').notNull(),
  ownerOrg: text('owner_org').notNull(),
  tlp: text('tlp').notNull(),
  distribution: text('distribution').notNull(),
  groupId: text('group_id'),
  groupMembers: jsonb('group_members').notNull().default(sql`'[]'::jsonb`),
  recipients: jsonb('recipients').notNull().default(sql`'[]'::jsonb`),
  source: text('source').notNull(),
  dateAdded: tz('date_added').notNull(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  /** The newest (and the oldest) stored version of its id; kept up to date by every write. */
  isLatest: boolean('is_latest').notNull(),
  isFirst: boolean('is_first').notNull(),
}, (t) => [
  primaryKey({ columns: [t.id, t.version] }),
  uniqueIndex('intel_objects_seq_key').on(t.seq),
  index('intel_objects_latest_idx').on(t.seq).where(sql`is_latest`),
  index('intel_objects_type_idx').on(t.type, t.seq),
  /** added_after: the last seq at or before a time (see store/query.ts). */
  index('intel_objects_date_added_idx').on(t.dateAdded, t.seq),
  /** Sightings of an object, and opinions about it (false positives): found by the object they refer to. */
  index('intel_objects_sighting_of_idx').on(sql`(${t.object}->>'sighting_of_ref')`).where(sql`type = 'sighting'`),
  index('intel_objects_opinion_refs_idx').using('gin', sql`(${t.object}->'object_refs')`).where(sql`type = 'opinion'`),
]);

/**
 * Correlation: the comparable values of each stored version (indicator pattern values, observable values
 * and hashes), canonical for their kind; objects sharing a value correlate. Filled when a version is stored.
 */
export const intelValues = pgTable('intel_values', {
  id: text('id').notNull(),
  version: text('version').notNull(),
  kind: text('kind').notNull(),
  value: text('value').notNull(),
}, (t) => [
  primaryKey({ columns: [t.id, t.version, t.kind, t.value] }),
  index('intel_values_value_idx').on(t.kind, t.value),
  foreignKey({ columns: [t.id, t.version], foreignColumns: [intelObjects.id, intelObjects.version], name: 'intel_values_object_fk' }).onDelete('cascade'),
]);

/**
 * Receipts: an organisation of this instance sent a version that another organisation already held, with
 * the same content; that version is visible to it from then on (store/import.ts, store/scope-sql.ts).
 */
export const intelReceipts = pgTable('intel_receipts', {
  objectId: text('object_id').notNull(),
  objectVersion: text('object_version').notNull(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  receivedAt: tz('received_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.objectId, t.objectVersion, t.orgId] }),
  index('intel_receipts_org_idx').on(t.orgId),
  foreignKey({ columns: [t.objectId, t.objectVersion], foreignColumns: [intelObjects.id, intelObjects.version], name: 'intel_receipts_object_fk' }).onDelete('cascade'),
]);

/**
 * Sharing groups defined on this instance (MISP-style): an owner organisation and member organisations of
 * any instance. Objects shared with a group store its id and the members at the time of each version.
 */
export const sharingGroups = pgTable('sharing_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  releasability: text('releasability').notNull().default(''),
  ownerInstance: text('owner_instance').notNull(),
  ownerOrg: text('owner_org').notNull(),
  /** `[{instance, org}]`, the owner included. */
  members: jsonb('members').notNull().default(sql`'[]'::jsonb`),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/** Signature ids (`kid jti`) already accepted, shared by every process of the instance until they expire. */
export const federationReplay = pgTable('federation_replay', {
  key: text('key').primaryKey(),
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
}, (t) => [index('federation_replay_expires_idx').on(t.expiresAt)]);

/** TAXII status resources of object additions (kept so that any process can answer GET status). */
export const taxiiStatus = pgTable('taxii_status', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  status: jsonb('status').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
});

/** Federated instances: where to reach them, how, what to pull and push, and how far the sync got. */
export const federationPeers = pgTable('federation_peers', {
  id: uuid('id').primaryKey().defaultRandom(),
  instanceId: text('instance_id').notNull(),
  url: text('url').notNull(),
  /** Outbound credentials (`{kind: 'bearer'|'basic', token, user?}`); never returned by the API. */
  auth: jsonb('auth').notNull(),
  tls: jsonb('tls'),
  collections: jsonb('collections').notNull(),
  direction: text('direction').notNull(),
  trust: text('trust').notNull(),
  publicKey: jsonb('public_key'),
  /** The organisation whose federation-peer key the peer uses to call us. */
  orgId: uuid('org_id').references(() => organisations.id, { onDelete: 'set null' }),
  defaultTlp: text('default_tlp').notNull(),
  defaultDistribution: text('default_distribution').notNull(),
  pullState: jsonb('pull_state').notNull().default(sql`'{}'::jsonb`),
  tombstoneSeq: bigint('tombstone_seq', { mode: 'number' }).notNull().default(0),
  /** The last of our objects (by seq) pushed to this peer. */
  pushSeq: bigint('push_seq', { mode: 'number' }).notNull().default(0),
  lastPushed: integer('last_pushed').notNull().default(0),
  lastSyncAt: tz('last_sync_at'),
  lastError: text('last_error'),
  lastPulled: integer('last_pulled').notNull().default(0),
  createdAt: tz('created_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('federation_peers_instance_key').on(t.instanceId)]);

/** Retractions: an object deleted, or a new version narrower than the one before (who lost it is decided per peer). */
export const intelTombstones = pgTable('intel_tombstones', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  id: text('id').notNull(),
  reason: text('reason').notNull(),
  before: jsonb('before').notNull(),
  after: jsonb('after'),
  at: tz('at').notNull().defaultNow(),
});

/** Anomaly job state (baselines), per organisation, job and entity partition. */
export const anomalyState = pgTable('anomaly_state', {
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  job: text('job').notNull(),
  part: integer('part').notNull(),
  state: jsonb('state').notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.job, t.part] })]);

/** An organisation's tuning of an anomaly job (absent: the job's defaults). */
export const anomalyJobSettings = pgTable('anomaly_job_settings', {
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  job: text('job').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  threshold: integer('threshold'),
  updatedBy: uuid('updated_by'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.job] })]);

/** Allow-listed values per job and entity ('*' for any): known VPN egress, known locations, expected processes. */
export const anomalyAllow = pgTable('anomaly_allow', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  job: text('job').notNull(),
  entity: text('entity').notNull(),
  value: text('value').notNull(),
  note: text('note').notNull().default(''),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('anomaly_allow_key').on(t.orgId, t.job, t.entity, t.value)]);

/** Findings marked as false positives: later findings of the same job, entity and key feature are suppressed. */
export const anomalySuppressions = pgTable('anomaly_suppressions', {
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  job: text('job').notNull(),
  entity: text('entity').notNull(),
  feature: text('feature').notNull(),
  alertId: text('alert_id').notNull(),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.job, t.entity, t.feature] })]);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Hash banks of known synthetic or manipulated media: an organisation's, shared with its TLP and distribution. */
export const mediaBanks = pgTable('media_banks', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  tlp: text('tlp').notNull(),
  distribution: text('distribution').notNull(),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  /** With distribution `group`: the intel sharing group its entries are shared with. */
  groupId: uuid('group_id'),
  /** Set when the bank was deleted: its entries are withdrawn, the bank and their history are kept. */
  deletedAt: tz('deleted_at'),
}, (t) => [uniqueIndex('media_banks_name_key').on(t.orgId, sql`lower(${t.name})`).where(sql`${t.deletedAt} is null`)]);

/** A bank entry: the hashes of one piece of media and its disinformation context; shared as a STIX indicator. */
export const mediaBankEntries = pgTable('media_bank_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  bankId: uuid('bank_id').notNull().references(() => mediaBanks.id, { onDelete: 'cascade' }),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  status: text('status').notNull().default('active'),
  kind: text('kind').notNull(),
  title: text('title').notNull().default(''),
  hashes: jsonb('hashes').notNull(),
  sha256: text('sha256'),
  narrative: text('narrative').notNull().default(''),
  actor: text('actor').notNull().default(''),
  campaign: text('campaign').notNull().default(''),
  disarm: jsonb('disarm').notNull().default(sql`'[]'::jsonb`),
  firstSeen: tz('first_seen'),
  source: text('source').notNull().default(''),
  tlp: text('tlp').notNull(),
  version: integer('version').notNull().default(1),
  indicatorId: text('indicator_id').notNull(),
  withdrawReason: text('withdraw_reason'),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('media_bank_entries_indicator_key').on(t.indicatorId), index('media_bank_entries_bank_idx').on(t.bankId, t.createdAt), index('media_bank_entries_sha256_idx').on(t.orgId, t.sha256)]);

/** Every change of a bank entry: who, when, which fields from what to what. */
export const mediaEntryHistory = pgTable('media_entry_history', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  entryId: uuid('entry_id').notNull().references(() => mediaBankEntries.id, { onDelete: 'cascade' }),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  action: text('action').notNull(),
  at: tz('at').notNull().defaultNow(),
  by: uuid('by'),
  fields: jsonb('fields').notNull(),
  note: text('note'),
}, (t) => [index('media_entry_history_entry_idx').on(t.entryId, t.version)]);

/** Media checks: hashes, verdict and evidence; the media itself only while retention keeps it. */
export const mediaChecks = pgTable('media_checks', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  name: text('name').notNull().default(''),
  kind: text('kind').notNull(),
  type: text('type').notNull(),
  bytes: bigint('bytes', { mode: 'number' }).notNull(),
  hashes: jsonb('hashes').notNull(),
  verdict: text('verdict').notNull(),
  summary: text('summary').notNull(),
  matches: jsonb('matches').notNull(),
  provenance: jsonb('provenance'),
  problems: jsonb('problems').notNull().default(sql`'[]'::jsonb`),
  media: bytea('media'),
  mediaExpiresAt: tz('media_expires_at'),
  checkedBy: uuid('checked_by'),
  checkedAt: tz('checked_at').notNull().defaultNow(),
}, (t) => [index('media_checks_org_idx').on(t.orgId, t.checkedAt), index('media_checks_expiry_idx').on(t.mediaExpiresAt)]);

/** DISARM tactics (instance-wide public reference data, imported from DISARM's STIX bundle). */
export const mediaDisarmTactics = pgTable('media_disarm_tactics', {
  id: text('id').primaryKey(),
  stixId: text('stix_id').notNull(),
  name: text('name').notNull(),
  shortname: text('shortname').notNull(),
  description: text('description').notNull().default(''),
  position: integer('position').notNull(),
  object: jsonb('object').notNull(),
  contentHash: text('content_hash').notNull(),
  importedAt: tz('imported_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('media_disarm_tactics_shortname_key').on(t.shortname)]);

/** DISARM techniques and sub-techniques (instance-wide); `object` is the attack-pattern as imported. */
export const mediaDisarmTechniques = pgTable('media_disarm_techniques', {
  id: text('id').primaryKey(),
  stixId: text('stix_id').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  tacticId: text('tactic_id'),
  parentId: text('parent_id'),
  url: text('url'),
  subtechnique: boolean('subtechnique').notNull().default(false),
  object: jsonb('object').notNull(),
  contentHash: text('content_hash').notNull(),
  importedAt: tz('imported_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [index('media_disarm_techniques_tactic_idx').on(t.tacticId)]);

/** Other objects of the DISARM bundle that techniques refer to (its identity, marking definition, matrix). */
export const mediaDisarmObjects = pgTable('media_disarm_objects', {
  stixId: text('stix_id').primaryKey(),
  type: text('type').notNull(),
  object: jsonb('object').notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/** Disinformation (FIMI) incidents of an organisation: narratives, channels, actors, DISARM techniques, linked media. */
export const mediaIncidents = pgTable('media_incidents', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
  status: text('status').notNull().default('open'),
  firstSeen: tz('first_seen'),
  lastSeen: tz('last_seen'),
  tlp: text('tlp').notNull(),
  campaign: text('campaign').notNull().default(''),
  narratives: jsonb('narratives').notNull().default(sql`'[]'::jsonb`),
  channels: jsonb('channels').notNull().default(sql`'[]'::jsonb`),
  actors: jsonb('actors').notNull().default(sql`'[]'::jsonb`),
  techniques: jsonb('techniques').notNull().default(sql`'[]'::jsonb`),
  mediaEntries: jsonb('media_entries').notNull().default(sql`'[]'::jsonb`),
  mediaChecks: jsonb('media_checks').notNull().default(sql`'[]'::jsonb`),
  notes: text('notes').notNull().default(''),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [index('media_incidents_org_idx').on(t.orgId, t.updatedAt)]);

/** AI services the gateway forwards to (instance-wide): OpenAI-compatible servers, Azure OpenAI, local model servers. */
export const aiguardUpstreams = pgTable('aiguard_upstreams', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  baseUrl: text('base_url').notNull(),
  /** Outbound credential; never returned by the API. */
  apiKey: text('api_key'),
  apiVersion: text('api_version'),
  /** Model ids offered through this upstream (Azure: model → deployment); empty: whatever the upstream lists. */
  models: jsonb('models').notNull().default(sql`'{}'::jsonb`),
  /** enforce or shadow (findings logged, nothing refused). */
  mode: text('mode').notNull().default('enforce'),
  /** When a scanner fails: open (forward) or closed (refuse). */
  failPolicy: text('fail_policy').notNull().default('closed'),
  isDefault: boolean('is_default').notNull().default(false),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('aiguard_upstreams_name_key').on(sql`lower(${t.name})`)]);

/** Gateway keys, issued per organisation, user (subject) and purpose; the secret is stored hashed. */
export const aiguardKeys = pgTable('aiguard_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  subject: text('subject').notNull(),
  purpose: text('purpose').notNull().default(''),
  lookup: text('lookup').notNull(),
  secretHash: text('secret_hash').notNull(),
  prefix: text('prefix').notNull(),
  upstreamId: uuid('upstream_id').references(() => aiguardUpstreams.id, { onDelete: 'set null' }),
  /** Requests per minute and tokens per day (null: the instance defaults). */
  rpm: integer('rpm'),
  dailyTokens: bigint('daily_tokens', { mode: 'number' }),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
  expiresAt: tz('expires_at'),
  revokedAt: tz('revoked_at'),
  lastUsedAt: tz('last_used_at'),
}, (t) => [uniqueIndex('aiguard_keys_lookup_key').on(t.lookup), index('aiguard_keys_org_idx').on(t.orgId)]);

/** Requests and tokens per key and day (quotas). */
export const aiguardUsage = pgTable('aiguard_usage', {
  keyId: uuid('key_id').notNull().references(() => aiguardKeys.id, { onDelete: 'cascade' }),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  day: text('day').notNull(),
  requests: integer('requests').notNull().default(0),
  promptTokens: bigint('prompt_tokens', { mode: 'number' }).notNull().default(0),
  completionTokens: bigint('completion_tokens', { mode: 'number' }).notNull().default(0),
}, (t) => [primaryKey({ columns: [t.keyId, t.day] })]);

/** Every gateway request: who (pseudonymised), what, the verdict and findings; the prompt only with retention. */
export const aiguardRequests = pgTable('aiguard_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  keyId: uuid('key_id'),
  account: text('account').notNull(),
  ip: text('ip'),
  route: text('route').notNull(),
  model: text('model').notNull().default(''),
  upstreamId: uuid('upstream_id'),
  status: integer('status').notNull(),
  action: text('action').notNull(),
  reason: text('reason'),
  findings: jsonb('findings').notNull().default(sql`'[]'::jsonb`),
  inputScore: real('input_score'),
  outputScore: real('output_score'),
  risk: real('risk'),
  promptTokens: integer('prompt_tokens').notNull().default(0),
  completionTokens: integer('completion_tokens').notNull().default(0),
  gatewayMs: real('gateway_ms'),
  upstreamMs: real('upstream_ms'),
  prompt: text('prompt'),
  promptExpiresAt: tz('prompt_expires_at'),
  review: text('review'),
  reviewedBy: uuid('reviewed_by'),
  reviewedAt: tz('reviewed_at'),
  createdAt: tz('created_at').notNull().defaultNow(),
}, (t) => [index('aiguard_requests_org_idx').on(t.orgId, t.createdAt), index('aiguard_requests_account_idx').on(t.orgId, t.account, t.createdAt), index('aiguard_requests_review_idx').on(t.orgId, t.review)]);

/** Per-account abuse risk over time (pseudonymised account). */
export const aiguardAccounts = pgTable('aiguard_accounts', {
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  account: text('account').notNull(),
  risk: real('risk').notNull().default(0),
  state: jsonb('state').notNull().default(sql`'{}'::jsonb`),
  blockedUntil: tz('blocked_until'),
  blockReason: text('block_reason'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.account] })]);

/** The organisation's own block list (besides what intelligence says): accounts, keys, addresses, networks, ASNs, e-mail addresses. */
export const aiguardBlocks = pgTable('aiguard_blocks', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  value: text('value').notNull(),
  reason: text('reason').notNull().default(''),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
  expiresAt: tz('expires_at'),
}, (t) => [uniqueIndex('aiguard_blocks_key').on(t.orgId, t.kind, t.value)]);

/** Incidents: alerts grouped by the organisation's grouping keys within a time window. */
export const incidents = pgTable('incidents', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  /** Short number shown to people (INC-42), unique per instance. */
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  title: text('title').notNull(),
  severity: text('severity').notNull(),
  severityId: integer('severity_id').notNull(),
  status: text('status').notNull().default('new'),
  ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
  /** The grouping key the incident was opened for (null when opened by hand or by a split). */
  groupKey: text('group_key'),
  firstAlertAt: tz('first_alert_at'),
  lastAlertAt: tz('last_alert_at'),
  alertCount: integer('alert_count').notNull().default(0),
  tactics: text('tactics').array().notNull().default(sql`'{}'::text[]`),
  techniques: text('techniques').array().notNull().default(sql`'{}'::text[]`),
  entities: jsonb('entities').notNull().default(sql`'{}'::jsonb`),
  mergedInto: uuid('merged_into'),
  reportable: boolean('reportable').notNull().default(false),
  awareAt: tz('aware_at'),
  links: jsonb('links').notNull().default(sql`'[]'::jsonb`),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('incidents_seq_key').on(t.seq), index('incidents_org_updated_idx').on(t.orgId, t.updatedAt), index('incidents_org_status_idx').on(t.orgId, t.status)]);

/** Which incident each alert belongs to: one incident per alert, so a re-delivered alert changes nothing. */
export const incidentAlerts = pgTable('incident_alerts', {
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  alertId: text('alert_id').notNull(),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  /** What the alert is about (hosts, users, addresses, indicators, tactics), read from its events when it was placed. */
  facts: jsonb('facts').notNull(),
  addedAt: tz('added_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.alertId] }), index('incident_alerts_incident_idx').on(t.incidentId)]);

/** The open incident of each grouping key: the row every alert of the key locks, so concurrent deliveries never split an incident. */
export const incidentGroups = pgTable('incident_groups', {
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  groupKey: text('group_key').notNull(),
  incidentId: uuid('incident_id'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.groupKey] })]);

/** Everything that happened to an incident, in order: alerts, notes, changes, actions, reports. */
export const incidentTimeline = pgTable('incident_timeline', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  at: tz('at').notNull().defaultNow(),
  kind: text('kind').notNull(),
  actorId: uuid('actor_id'),
  /** Deduplicates entries written by at-least-once work (alert id, action idempotency key). */
  dedupe: text('dedupe'),
  body: jsonb('body').notNull(),
}, (t) => [index('incident_timeline_incident_idx').on(t.incidentId, t.at), uniqueIndex('incident_timeline_dedupe_key').on(t.incidentId, t.dedupe)]);

/** Per-organisation respond settings: incident grouping, the NIS2 entity profile. */
export const respondSettings = pgTable('respond_settings', {
  orgId: uuid('org_id').primaryKey().references(() => organisations.id, { onDelete: 'cascade' }),
  grouping: jsonb('grouping').notNull().default(sql`'{}'::jsonb`),
  entity: jsonb('entity').notNull().default(sql`'{}'::jsonb`),
  /** Who owns which assets (host name patterns, networks): what `enrich.owner` answers. */
  assets: jsonb('assets').notNull().default(sql`'[]'::jsonb`),
  updatedBy: uuid('updated_by'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/** Playbook documents, every version kept (the newest is the one that runs). */
export const playbooks = pgTable('playbooks', {
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  id: text('id').notNull(),
  version: integer('version').notNull(),
  name: text('name').notNull(),
  enabled: boolean('enabled').notNull(),
  source: text('source').notNull(),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id, t.version] })]);

/** Playbook runs: one per playbook and trigger (deterministic id), with the engine's state. */
export const playbookRuns = pgTable('playbook_runs', {
  id: text('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  playbookId: text('playbook_id').notNull(),
  playbookVersion: integer('playbook_version').notNull(),
  incidentId: uuid('incident_id'),
  alertId: text('alert_id'),
  status: text('status').notNull(),
  dryRun: boolean('dry_run').notNull().default(false),
  state: jsonb('state').notNull(),
  /** The playbook's concurrency key for this run (null: parallel); one unfinished run per key runs, the others wait queued. */
  concurrencyKey: text('concurrency_key'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [
  index('playbook_runs_org_created_idx').on(t.orgId, t.createdAt),
  index('playbook_runs_incident_idx').on(t.incidentId),
  index('playbook_runs_concurrency_idx').on(t.concurrencyKey, t.createdAt).where(sql`${t.concurrencyKey} is not null and ${t.status} in ('queued', 'running', 'waiting_approval')`),
]);

/** What an organisation's firewalls and proxies fetch and block: addresses, networks, domains, URLs. */
export const blocklistEntries = pgTable('blocklist_entries', {
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  value: text('value').notNull(),
  reason: text('reason').notNull().default(''),
  incidentId: uuid('incident_id'),
  source: text('source').notNull(),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
  expiresAt: tz('expires_at'),
}, (t) => [primaryKey({ columns: [t.orgId, t.kind, t.value] })]);

/** NIS2 reports of an incident (early warning, notification, intermediate, final), every version kept. */
export const nis2Reports = pgTable('nis2_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  version: integer('version').notNull(),
  status: text('status').notNull().default('draft'),
  document: jsonb('document').notNull(),
  submittedAt: tz('submitted_at'),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('nis2_reports_version_key').on(t.incidentId, t.kind, t.version)]);

/** Reminders already sent for an incident's NIS2 clocks (so each is sent once). */
export const nis2Reminders = pgTable('nis2_reminders', {
  orgId: uuid('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  reminder: text('reminder').notNull(),
  sentAt: tz('sent_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.incidentId, t.reminder] })]);

export const schema = { organisations, users, memberships, apiKeys, sessions, auditLog, outbox, eventKeys, alerts, detectorState, sigmaPacks, sigmaRuleSettings, sigmaRuleStats, workLeases, workMembers, instanceMeta, intelObjects, intelValues, taxiiStatus, federationPeers, intelTombstones, intelReceipts, sharingGroups, federationReplay, anomalyState, anomalyJobSettings, anomalyAllow, anomalySuppressions, mediaBanks, mediaBankEntries, mediaEntryHistory, mediaChecks, mediaDisarmTactics, mediaDisarmTechniques, mediaDisarmObjects, mediaIncidents , aiguardUpstreams, aiguardKeys, aiguardUsage, aiguardRequests, aiguardAccounts, aiguardBlocks, incidents, incidentAlerts, incidentGroups, incidentTimeline, respondSettings, playbooks, playbookRuns, blocklistEntries, nis2Reports, nis2Reminders };
