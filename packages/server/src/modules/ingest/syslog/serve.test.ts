import { connect } from 'node:net';
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../platform/db/open.ts';
import { INSTANCE, rows } from '../../../platform/index.ts';
import { startServer } from '../../../testing/server-process.ts';

describe('syslog inputs in the server process', () => {
  it('listen on the configured ports, log them, and are drained on SIGTERM', async () => {
    const server = await startServer({ env: { BULWARK_SYSLOG_UDP_PORT: '0', BULWARK_SYSLOG_TCP_PORT: '0' } });
    try {
      const line = server.output().split('\n').find((l) => l.includes('"msg":"listening"'));
      const listening = JSON.parse(line ?? '{}') as { syslog?: { udp?: number; tcp?: number } };
      expect(listening?.syslog).toEqual({ udp: expect.any(Number), tcp: expect.any(Number) });
      const socket = connect(listening.syslog!.tcp!, '127.0.0.1');
      await new Promise((r, j) => socket.once('connect', r).once('error', j));
      const text = Array.from({ length: 200 }, (_, i) => `<14>1 ${new Date().toISOString()} h app - - - served ${i}\n`).join('');
      await new Promise<void>((r) => socket.end(text, r));
      await new Promise((r) => setTimeout(r, 50));
      expect(await server.stop('SIGTERM')).toBe(0);
      const db = await openDb({ dataDir: server.dataDir });
      try {
        const [got] = await db.tx(INSTANCE, (tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from events where source = 'syslog-tcp'`));
        expect(got?.n).toBe(200);
      } finally {
        await db.close();
      }
    } finally {
      await server.stop('SIGKILL');
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  });
});
