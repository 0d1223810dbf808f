// Starts the syslog inputs named in the configuration (none when no syslog port is set), for the
// organisation `syslog.org` (a slug; default: the home organisation).
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, type Db, type Platform } from '../../../platform/index.ts';
import type { IngestPipeline } from '../pipeline.ts';
import { startSyslogInputs, type SyslogInputs } from './inputs.ts';
import { syslogMetrics } from './metrics.ts';

export async function syslogOrgId(db: Db, slug: string | undefined): Promise<string> {
  const [org] = await db.tx(INSTANCE, (tx) =>
    rows<{ id: string }>(tx, slug === undefined ? sql`select id from organisations where is_home limit 1` : sql`select id from organisations where slug = ${slug}`),
  );
  if (!org) throw new Error(slug === undefined ? 'syslog inputs: there is no home organisation yet' : `BULWARK_SYSLOG_ORG: no organisation has the slug ${JSON.stringify(slug)}`);
  return org.id;
}

function readPem(file: string, setting: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new Error(`${setting}: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export async function startConfiguredSyslog(platform: Platform, pipeline: IngestPipeline): Promise<SyslogInputs | undefined> {
  const { udpPort, tcpPort, tlsPort, tlsCertFile, tlsKeyFile, org } = platform.config.syslog;
  if (udpPort === undefined && tcpPort === undefined && tlsPort === undefined) return undefined;
  const tls = tlsPort !== undefined && tlsCertFile && tlsKeyFile
    ? { cert: readPem(tlsCertFile, 'BULWARK_SYSLOG_TLS_CERT_FILE'), key: readPem(tlsKeyFile, 'BULWARK_SYSLOG_TLS_KEY_FILE') }
    : undefined;
  const orgId = await syslogOrgId(platform.db, org);
  const inputs = await startSyslogInputs(pipeline, orgId, { host: platform.config.host, udpPort, tcpPort, tlsPort, ...(tls ? { tls } : {}) }, platform.log);
  syslogMetrics(platform.metrics, inputs.intake);
  return inputs;
}
