// Reads configuration once at start from BULWARK_* variables (and *_FILE for secrets) and an optional
// YAML file, validates it, and returns a frozen object. The only place that reads process.env.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SETTINGS, envName, type SettingSpec } from './settings.ts';

export type Role = 'api' | 'ingest' | 'worker';

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly natsUrl: string | undefined;
  readonly natsStream: string;
  readonly roles: readonly Role[];
  readonly retentionDays: number;
  readonly logLevel: string;
  readonly admin: { readonly email?: string; readonly password?: string; readonly token?: string };
  readonly homeOrgName: string;
  /** Identifier among federated instances; generated and kept in the database when unset. */
  readonly instanceId?: string;
  readonly mispWarninglists?: string;
  readonly mispTaxonomies?: string;
  /** PEM trust anchors for C2PA signers (media provenance). */
  readonly mediaC2paTrustAnchors?: string;
  readonly media: { readonly maxUploadBytes: number; readonly retentionDays: number; readonly pdqDistance: number };
  readonly aiguard: {
    readonly defaultRpm: number;
    readonly defaultDailyTokens: number;
    readonly maxBodyBytes: number;
    readonly promptRetention: 'none' | 'flagged' | 'all';
    readonly promptRetentionDays: number;
    readonly shareDistribution: 'organisation' | 'community' | 'connected' | 'all';
    readonly shareTlp: 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT';
  };
  readonly respond: {
    /** Signs playbook webhook bodies (HMAC-SHA256) when set. */
    readonly webhookSecret?: string;
    readonly smtp?: {
      readonly host: string; readonly port: number; readonly security: 'starttls' | 'tls' | 'none'; readonly username?: string; readonly password?: string;
      readonly from: string; readonly caFile?: string; readonly timeoutMs: number;
    };
    readonly mqtt?: {
      readonly host: string; readonly port: number; readonly tls: boolean; readonly username?: string; readonly password?: string; readonly caFile?: string;
      readonly clientIdPrefix: string; readonly topicPrefix?: string; readonly keepAliveSeconds: number; readonly timeoutMs: number;
    };
  };
  /** CIDRs outbound requests may reach although private. */
  readonly egressAllow: readonly string[];
  readonly federationSyncSeconds: number;
  readonly federationKeyGraceDays: number;
  readonly intel: {
    /** Distribution of sightings and false-positive opinions: organisation, follow (the object's), or a ceiling. */
    readonly sightingDistribution: 'organisation' | 'follow' | 'community' | 'connected' | 'all';
    readonly correlationLimit: number;
  };
  readonly cookieSecure: boolean;
  readonly trustProxy: boolean;
  readonly ingest: {
    readonly maxBodyBytes: number;
    readonly maxEvents: number;
    readonly maxDepth: number;
    readonly maxFields: number;
    readonly maxInflight: number;
  };
  readonly sigma: { readonly rules: readonly string[]; readonly placeholdersFile?: string; readonly saveSeconds: number; readonly partitions: number };
  readonly anomaly: { readonly saveSeconds: number; readonly geoCountryDb?: string; readonly geoAsnDb?: string; readonly geoCountryDbIpv6?: string; readonly geoAsnDbIpv6?: string };
  readonly syslog: {
    readonly udpPort?: number;
    readonly tcpPort?: number;
    readonly tlsPort?: number;
    readonly tlsCertFile?: string;
    readonly tlsKeyFile?: string;
    readonly org?: string;
  };
}

export class ConfigError extends Error {
  readonly setting: string;

  constructor(setting: string, message: string) {
    super(`Invalid configuration: ${setting}: ${message}`);
    this.setting = setting;
    this.name = 'ConfigError';
  }
}

type Raw = Record<string, string | undefined>;

function readRaw(env: NodeJS.ProcessEnv): Raw {
  const fromEnv: Raw = {};
  for (const s of SETTINGS as readonly SettingSpec[]) {
    const name = envName(s.key);
    const fileVar = `${name}_FILE`;
    if ('secret' in s && s.secret && env[fileVar] !== undefined) {
      if (env[name] !== undefined) throw new ConfigError(name, `set either ${name} or ${fileVar}, not both`);
      try {
        fromEnv[s.key] = readFileSync(env[fileVar], 'utf8').replace(/\r?\n$/, '');
      } catch (err) {
        throw new ConfigError(fileVar, `cannot read ${env[fileVar]}: ${(err as Error).message}`);
      }
    } else if (env[name] !== undefined && env[name] !== '') {
      fromEnv[s.key] = env[name];
    }
  }
  const file = fromEnv['config_file'];
  if (!file) return fromEnv;
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'), { maxAliasCount: 10 });
  } catch (err) {
    throw new ConfigError(envName('config_file'), `cannot read YAML file ${file}: ${(err as Error).message}`);
  }
  if (doc === null || doc === undefined) return fromEnv;
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError(file, 'the YAML file must hold a mapping of settings');
  const known = new Set(SETTINGS.map((s) => s.key as string));
  const fromFile: Raw = {};
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    if (!known.has(k)) throw new ConfigError(`${file}: ${k}`, 'unknown setting');
    if (v === null || (typeof v === 'object' && !Array.isArray(v))) throw new ConfigError(`${file}: ${k}`, 'must be a scalar value');
    fromFile[k] = Array.isArray(v) ? (v as unknown[]).join(',') : String(v);
  }
  return { ...fromFile, ...fromEnv };
}

function convert(s: SettingSpec, value: string): string | number | boolean | string[] {
  const where = envName(s.key);
  switch (s.type) {
    case 'int': {
      if (!/^-?\d+$/.test(value.trim())) throw new ConfigError(where, `expected an integer, got "${value}"`);
      const n = Number(value);
      if (s.min !== undefined && n < s.min) throw new ConfigError(where, `must be at least ${s.min}, got ${n}`);
      if (s.max !== undefined && n > s.max) throw new ConfigError(where, `must be at most ${s.max}, got ${n}`);
      return n;
    }
    case 'bool': {
      const v = value.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw new ConfigError(where, `expected true or false, got "${value}"`);
    }
    case 'list': {
      const items = value.split(',').map((x) => x.trim()).filter(Boolean);
      if (items.length === 0) throw new ConfigError(where, 'must name at least one value');
      for (const i of items) {
        if (s.allowed && !s.allowed.includes(i)) throw new ConfigError(where, `unknown value "${i}" (allowed: ${s.allowed.join(', ')})`);
      }
      return [...new Set(items)];
    }
    case 'url': {
      try {
        new URL(value);
      } catch {
        throw new ConfigError(where, 'is not a valid URL');
      }
      return value;
    }
    case 'string':
    case 'path':
      if (s.allowed && !s.allowed.includes(value)) throw new ConfigError(where, `unknown value "${value}" (allowed: ${s.allowed.join(', ')})`);
      return value;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = readRaw(env);
  const v = new Map<string, ReturnType<typeof convert>>();
  for (const s of SETTINGS as readonly SettingSpec[]) {
    const value = raw[s.key] ?? s.default;
    if (value !== undefined) v.set(s.key, convert(s, value));
  }
  const str = (k: string) => v.get(k) as string | undefined;
  const num = (k: string) => v.get(k) as number | undefined;
  const admin = { email: str('admin_email'), password: str('admin_password'), token: str('admin_token') };
  if (admin.password !== undefined && admin.password.length < 12) throw new ConfigError('BULWARK_ADMIN_PASSWORD', 'must be at least 12 characters');
  if (admin.token !== undefined && admin.token.length < 32) throw new ConfigError('BULWARK_ADMIN_TOKEN', 'must be at least 32 characters');
  if ((admin.password !== undefined || admin.token !== undefined) && admin.email === undefined) throw new ConfigError('BULWARK_ADMIN_EMAIL', 'is required when an administrator password or token is given');
  if (admin.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(admin.email)) throw new ConfigError('BULWARK_ADMIN_EMAIL', 'is not an e-mail address');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(str('nats_stream')!)) throw new ConfigError('BULWARK_NATS_STREAM', 'must be letters, digits, _ or - (at most 64)');
  const tlsPort = num('syslog_tls_port');
  if (tlsPort !== undefined && (!str('syslog_tls_cert_file') || !str('syslog_tls_key_file'))) throw new ConfigError('BULWARK_SYSLOG_TLS_PORT', 'needs BULWARK_SYSLOG_TLS_CERT_FILE and BULWARK_SYSLOG_TLS_KEY_FILE');
  const cfg: Config = {
    host: str('host')!,
    port: num('port')!,
    dataDir: resolve(str('data_dir')!),
    databaseUrl: str('database_url'),
    natsUrl: str('nats_url'),
    natsStream: str('nats_stream')!,
    roles: v.get('roles') as Role[],
    retentionDays: num('retention_days')!,
    logLevel: str('log_level')!,
    admin,
    homeOrgName: str('home_org_name')!,
    instanceId: str('instance_id'),
    mispWarninglists: str('misp_warninglists'),
    mispTaxonomies: str('misp_taxonomies'),
    mediaC2paTrustAnchors: str('media_c2pa_trust_anchors'),
    media: { maxUploadBytes: num('media_max_upload_bytes')!, retentionDays: num('media_retention_days')!, pdqDistance: num('media_pdq_distance')! },
    aiguard: {
      defaultRpm: num('aiguard_default_rpm')!,
      defaultDailyTokens: num('aiguard_default_daily_tokens')!,
      maxBodyBytes: num('aiguard_max_body_bytes')!,
      promptRetention: str('aiguard_prompt_retention') as Config['aiguard']['promptRetention'],
      promptRetentionDays: num('aiguard_prompt_retention_days')!,
      shareDistribution: str('aiguard_share_distribution') as Config['aiguard']['shareDistribution'],
      shareTlp: str('aiguard_share_tlp') as Config['aiguard']['shareTlp'],
    },
    respond: {
      ...(str('respond_webhook_secret') ? { webhookSecret: str('respond_webhook_secret')! } : {}),
      ...(str('notify_smtp_host') ? { smtp: {
        host: str('notify_smtp_host')!, port: num('notify_smtp_port')!, security: str('notify_smtp_security') as 'starttls', from: str('notify_smtp_from') ?? '',
        ...optional({ username: str('notify_smtp_username'), password: str('notify_smtp_password'), caFile: str('notify_smtp_ca_file') }), timeoutMs: num('notify_smtp_timeout_ms')!,
      } } : {}),
      ...(str('notify_mqtt_host') ? { mqtt: {
        host: str('notify_mqtt_host')!, port: num('notify_mqtt_port')!, tls: v.get('notify_mqtt_tls') as boolean,
        ...optional({ username: str('notify_mqtt_username'), password: str('notify_mqtt_password'), caFile: str('notify_mqtt_ca_file'), topicPrefix: str('notify_mqtt_topic_prefix') }),
        clientIdPrefix: str('notify_mqtt_client_id_prefix')!, keepAliveSeconds: num('notify_mqtt_keepalive_seconds')!, timeoutMs: num('notify_mqtt_timeout_ms')!,
      } } : {}),
    },
    egressAllow: (v.get('egress_allow') as string[] | undefined) ?? [],
    federationSyncSeconds: num('federation_sync_seconds')!,
    federationKeyGraceDays: num('federation_key_grace_days')!,
    intel: { sightingDistribution: str('intel_sighting_distribution') as Config['intel']['sightingDistribution'], correlationLimit: num('intel_correlation_limit')! },
    cookieSecure: v.get('cookie_secure') as boolean,
    trustProxy: v.get('trust_proxy') as boolean,
    ingest: {
      maxBodyBytes: num('ingest_max_body_bytes')!,
      maxEvents: num('ingest_max_events')!,
      maxDepth: num('ingest_max_depth')!,
      maxFields: num('ingest_max_fields')!,
      maxInflight: num('ingest_max_inflight')!,
    },
    sigma: { rules: (v.get('sigma_rules') as string[] | undefined) ?? [], placeholdersFile: str('sigma_placeholders'), saveSeconds: num('sigma_save_seconds')!, partitions: num('sigma_partitions')! },
    anomaly: { saveSeconds: num('anomaly_save_seconds')!, geoCountryDb: str('anomaly_geo_country_db'), geoAsnDb: str('anomaly_geo_asn_db'), geoCountryDbIpv6: str('anomaly_geo_country_db_ipv6'), geoAsnDbIpv6: str('anomaly_geo_asn_db_ipv6') },
    syslog: {
      udpPort: num('syslog_udp_port'),
      tcpPort: num('syslog_tcp_port'),
      tlsPort,
      tlsCertFile: str('syslog_tls_cert_file'),
      tlsKeyFile: str('syslog_tls_key_file'),
      org: str('syslog_org'),
    },
  };
  return deepFreeze(cfg);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const val of Object.values(o)) deepFreeze(val);
    Object.freeze(o);
  }
  return o;
}

/** The entries of `o` whose value is set (for optional properties under exactOptionalPropertyTypes). */
function optional<T extends Record<string, string | undefined>>(o: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined && x !== '')) as { [K in keyof T]?: string };
}
