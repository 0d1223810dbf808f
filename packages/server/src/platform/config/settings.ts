// Every setting Bulwark reads, in one table: the README's configuration table is generated from it.
export type SettingType = 'string' | 'int' | 'bool' | 'list' | 'url' | 'path';

export interface SettingSpec {
  readonly key: string; // snake_case key in the YAML file; env is BULWARK_<KEY uppercased>
  readonly type: SettingType;
  readonly default?: string;
  readonly secret?: boolean; // accepts a *_FILE variant and is never logged
  readonly min?: number;
  readonly max?: number;
  readonly allowed?: readonly string[];
  readonly doc: string;
}

export const SETTINGS = [
  { key: 'host', type: 'string', default: '127.0.0.1', doc: 'Address the HTTP server binds to.' },
  { key: 'port', type: 'int', default: '8080', min: 0, max: 65535, doc: 'HTTP port (0 picks a free one).' },
  { key: 'data_dir', type: 'path', default: './data', doc: 'Where the embedded database and first-start credentials live.' },
  { key: 'config_file', type: 'path', doc: 'Optional YAML file with the same settings as snake_case keys; environment wins.' },
  { key: 'database_url', type: 'url', secret: true, doc: 'PostgreSQL URL; unset means embedded PGlite under data_dir.' },
  { key: 'nats_url', type: 'url', doc: 'NATS JetStream URL; unset means the in-process bus with a durable outbox.' },
  { key: 'nats_stream', type: 'string', default: 'BULWARK', doc: 'JetStream stream name (its subjects are the lower-cased name + `.>`); lets several instances share one NATS.' },
  { key: 'roles', type: 'list', default: 'api,ingest,worker', allowed: ['api', 'ingest', 'worker'], doc: 'What this process does: api (HTTP API and console), ingest (syslog listeners), worker (detection and other bus consumers).' },
  { key: 'retention_days', type: 'int', default: '30', min: 1, max: 36500, doc: 'Days of events kept; older day partitions are dropped.' },
  { key: 'log_level', type: 'string', default: 'info', allowed: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], doc: 'Log level.' },
  { key: 'admin_email', type: 'string', secret: true, doc: 'First administrator e-mail (created at first start only).' },
  { key: 'admin_password', type: 'string', secret: true, doc: 'First administrator password (at least 12 characters).' },
  { key: 'admin_token', type: 'string', secret: true, doc: 'First administrator API token, presented as `Authorization: Bearer <token>` (at least 32 characters).' },
  { key: 'instance_id', type: 'string', doc: 'This instance\'s identifier among federated instances (letters, digits, dot, dash; e.g. `fr-csirt`). Unset: one is generated at first start and kept in the database.' },
  { key: 'home_org_name', type: 'string', default: 'National CSIRT', doc: 'Name of the organisation that runs this instance (created at first start).' },
  { key: 'cookie_secure', type: 'bool', default: 'false', doc: 'Mark session cookies Secure (set when served over HTTPS).' },
  { key: 'trust_proxy', type: 'bool', default: 'false', doc: 'Trust X-Forwarded-* headers from a reverse proxy.' },
  { key: 'ingest_max_body_bytes', type: 'int', default: '16777216', min: 1024, doc: 'Largest accepted ingest request body (after decompression).' },
  { key: 'ingest_max_events', type: 'int', default: '10000', min: 1, doc: 'Most events in one ingest request.' },
  { key: 'ingest_max_depth', type: 'int', default: '32', min: 1, max: 256, doc: 'Deepest nesting accepted in one event.' },
  { key: 'ingest_max_fields', type: 'int', default: '1000', min: 1, doc: 'Most fields (all levels) in one event.' },
  { key: 'ingest_max_inflight', type: 'int', default: '8', min: 1, doc: 'Concurrent ingest batches before answering 429 with Retry-After.' },
  { key: 'syslog_udp_port', type: 'int', min: 0, max: 65535, doc: 'Syslog over UDP (unset: off).' },
  { key: 'syslog_tcp_port', type: 'int', min: 0, max: 65535, doc: 'Syslog over TCP, octet-counting or newline framing (unset: off).' },
  { key: 'syslog_tls_port', type: 'int', min: 0, max: 65535, doc: 'Syslog over TLS (RFC 5425; unset: off).' },
  { key: 'syslog_tls_cert_file', type: 'path', doc: 'PEM certificate for syslog over TLS.' },
  { key: 'syslog_tls_key_file', type: 'path', doc: 'PEM private key for syslog over TLS.' },
  { key: 'sigma_rules', type: 'list', doc: 'Sigma rule files or folders (comma-separated) that worker processes run on every event.' },
  { key: 'sigma_save_seconds', type: 'int', default: '10', min: 1, max: 3600, doc: 'How often workers save Sigma rule statistics and correlation state to the database.' },
  { key: 'sigma_partitions', type: 'int', default: '16', min: 1, max: 1024, doc: 'With NATS: Sigma correlation state is split into this many partitions by group key, shared among the worker processes. Keep it the same on every worker.' },
  { key: 'sigma_placeholders', type: 'path', doc: 'YAML file mapping Sigma placeholder names to value lists (for rules using the `expand` modifier).' },
  { key: 'anomaly_save_seconds', type: 'int', default: '30', min: 1, max: 3600, doc: 'How often workers save anomaly job baselines (per organisation, job and entity partition) to the database.' },
  { key: 'anomaly_geo_country_db', type: 'path', doc: 'IP-to-country CSV (ip-location-db `*-ipv4-num.csv` layout: first,last,country) for the travel and first-seen-country anomaly jobs; default: the one the @ip-location-db/geo-whois-asn-country package ships.' },
  { key: 'anomaly_geo_asn_db', type: 'path', doc: 'IP-to-ASN CSV (ip-location-db layout: first,last,asn,organisation) for the first-seen-ASN anomaly job; default: the one the @ip-location-db/asn package ships.' },
  { key: 'anomaly_geo_country_db_ipv6', type: 'path', doc: 'IPv6-to-country CSV (ip-location-db `*-ipv6-num.csv` layout: first,last,country, addresses as 128-bit decimal integers) for the same jobs; default: the one the @ip-location-db/geo-whois-asn-country package ships.' },
  { key: 'anomaly_geo_asn_db_ipv6', type: 'path', doc: 'IPv6-to-ASN CSV (ip-location-db `*-ipv6-num.csv` layout: first,last,asn,organisation); default: the one the @ip-location-db/asn package ships.' },
  { key: 'egress_allow', type: 'list', doc: 'Private or loopback networks (CIDR, comma-separated) that outbound requests may reach, e.g. federation peers on a government network. Public addresses need nothing.' },
  { key: 'federation_key_grace_days', type: 'int', default: '7', min: 0, max: 365, doc: 'After a rotation of the signing key, how long the previous public key stays published (peers verifying recently signed pages, peers learning the new key).' },
  { key: 'federation_sync_seconds', type: 'int', default: '10', min: 1, max: 86400, doc: 'How often a worker pulls from (and pushes to) each federation peer.' },
  { key: 'intel_sighting_distribution', type: 'string', default: 'organisation', allowed: ['organisation', 'follow', 'community', 'connected', 'all'], doc: 'Who receives the sightings and false-positive reports of this instance\'s organisations: `organisation` keeps them home; `follow` gives each the TLP and distribution of the object sighted; `community`, `connected` or `all` as well, but never wider than the object\'s own distribution.' },
  { key: 'intel_correlation_limit', type: 'int', default: '20', min: 1, max: 100000, doc: 'A value shared by more intel objects than this (among those the caller may receive) is reported as over-correlated, without the list of objects.' },
  { key: 'misp_taxonomies', type: 'path', doc: 'Directory of MISP taxonomies (`<namespace>/machinetag.json`); NIS2 reports are coded with its `nis2` and `rsit` vocabularies (without it, coded fields cannot be checked).' },
  { key: 'misp_warninglists', type: 'path', doc: 'Directory of MISP warninglists (`lists/*/list.json`); indicators whose values are on one are flagged, alert at informational level and are never blocked automatically.' },
  { key: 'media_c2pa_trust_anchors', type: 'path', doc: 'PEM file of trust anchors for the signers of C2PA Content Credentials (e.g. the C2PA trust list). Unset: signatures and content bindings are still validated, but no signer is reported as trusted.' },
  { key: 'media_max_upload_bytes', type: 'int', default: '104857600', min: 1024, max: 2147483647, doc: 'Largest file accepted by a media check (upload or URL fetch); larger ones are refused with 413.' },
  { key: 'media_retention_days', type: 'int', default: '0', min: 0, max: 3650, doc: 'How long checked media files are kept (for evidence). 0 (default): the file is never stored, only its hashes, verdict and evidence.' },
  { key: 'media_pdq_distance', type: 'int', default: '31', min: 0, max: 128, doc: 'Largest PDQ Hamming distance (of 256 bits) at which a checked image or video frame matches a bank entry; an entry published with a smaller distance keeps its own.' },
  { key: 'aiguard_default_rpm', type: 'int', default: '120', min: 1, max: 100000, doc: 'AI gateway: requests per minute per key (per API process) when the key sets none.' },
  { key: 'aiguard_default_daily_tokens', type: 'int', default: '2000000', min: 1, max: 2147483647, doc: 'AI gateway: prompt + completion tokens per key and day when the key sets none.' },
  { key: 'aiguard_max_body_bytes', type: 'int', default: '4194304', min: 1024, max: 104857600, doc: 'AI gateway: largest request body accepted (413 beyond).' },
  { key: 'aiguard_prompt_retention', type: 'string', default: 'flagged', allowed: ['none', 'flagged', 'all'], doc: 'AI gateway: which prompts are kept with the request log, for review: none, only flagged/refused ones (default), or all.' },
  { key: 'aiguard_prompt_retention_days', type: 'int', default: '30', min: 1, max: 3650, doc: 'AI gateway: how long kept prompts stay (the log entry itself stays, without the prompt).' },
  { key: 'aiguard_share_distribution', type: 'string', default: 'connected', allowed: ['organisation', 'community', 'connected', 'all'], doc: 'AI gateway: who receives a confirmed abusive actor shared as STIX.' },
  { key: 'respond_webhook_secret', type: 'string', secret: true, doc: 'Playbooks: when set, webhook actions sign their JSON body with HMAC-SHA256 (header X-Bulwark-Signature: sha256=<hex>).' },
  { key: 'notify_smtp_host', type: 'string', doc: 'Playbooks: SMTP relay for `notify.email` (unset: the action is not offered).' },
  { key: 'notify_smtp_port', type: 'int', default: '587', min: 1, max: 65535, doc: 'SMTP relay port.' },
  { key: 'notify_smtp_security', type: 'string', default: 'starttls', allowed: ['starttls', 'tls', 'none'], doc: 'SMTP transport security: STARTTLS (no fallback to plain text), TLS from the first byte, or none (no credentials are then sent).' },
  { key: 'notify_smtp_username', type: 'string', secret: true, doc: 'SMTP user (sent only over TLS).' },
  { key: 'notify_smtp_password', type: 'string', secret: true, doc: 'SMTP password.' },
  { key: 'notify_smtp_from', type: 'string', doc: 'Sender mailbox of playbook e-mail (required with notify_smtp_host).' },
  { key: 'notify_smtp_ca_file', type: 'path', doc: 'PEM certificates the SMTP relay\'s certificate is checked against (default: the system\'s).' },
  { key: 'notify_smtp_timeout_ms', type: 'int', default: '30000', min: 100, max: 600000, doc: 'SMTP: time allowed for each connection step and reply.' },
  { key: 'notify_mqtt_host', type: 'string', doc: 'Playbooks: MQTT broker for `notify.mqtt` (operational systems; unset: the action is not offered).' },
  { key: 'notify_mqtt_port', type: 'int', default: '8883', min: 1, max: 65535, doc: 'MQTT broker port.' },
  { key: 'notify_mqtt_tls', type: 'bool', default: 'true', doc: 'MQTT over TLS.' },
  { key: 'notify_mqtt_username', type: 'string', secret: true, doc: 'MQTT user (sent only over TLS).' },
  { key: 'notify_mqtt_password', type: 'string', secret: true, doc: 'MQTT password.' },
  { key: 'notify_mqtt_ca_file', type: 'path', doc: 'PEM certificates the broker\'s certificate is checked against.' },
  { key: 'notify_mqtt_client_id_prefix', type: 'string', default: 'bulwark', doc: 'Prefix of the MQTT client ids (letters and digits, at most 15).' },
  { key: 'notify_mqtt_topic_prefix', type: 'string', doc: 'Every topic a playbook publishes to must start with this.' },
  { key: 'notify_mqtt_keepalive_seconds', type: 'int', default: '60', min: 0, max: 65535, doc: 'MQTT keep-alive.' },
  { key: 'notify_mqtt_timeout_ms', type: 'int', default: '10000', min: 100, max: 600000, doc: 'MQTT: time allowed for each connection step and acknowledgement.' },
  { key: 'aiguard_share_tlp', type: 'string', default: 'GREEN', allowed: ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT'], doc: 'AI gateway: TLP of a shared actor (TLP:AMBER and stricter stay within this instance: federated peers are other organisations).' },
  { key: 'syslog_org', type: 'string', doc: 'Organisation slug that syslog events belong to (default: the home organisation).' },
] as const satisfies readonly SettingSpec[];

export type SettingKey = (typeof SETTINGS)[number]['key'];

export function envName(key: string): string {
  return `BULWARK_${key.toUpperCase()}`;
}
