// Is a PostgreSQL server reachable? Answers quickly (connect timeout) with a reason when it is not.
import pg from 'pg';

export async function postgresReachable(url: string, timeoutMs = 3000): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    const r = await client.query<{ server_version: string }>('show server_version');
    return { ok: true, version: r.rows[0]?.server_version ?? 'unknown' };
  } catch (err) {
    return { ok: false, reason: (err as Error).message || String(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL without its password, for printing. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
