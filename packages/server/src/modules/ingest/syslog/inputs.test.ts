import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { sql } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInprocBus } from '../../../platform/bus/inproc.ts';
import { INSTANCE, rows, type Bus } from '../../../platform/index.ts';
import { createLogger } from '../../../platform/log/log.ts';
import { createOrganisation, databaseTiers, type TestDatabase } from '../../../testing/databases.ts';
import { IngestPipeline } from '../pipeline.ts';
import { EventStore } from '../store.ts';
import { syslogOrgId } from './configured.ts';
import { syslogMetrics } from './metrics.ts';
import { startSyslogInputs, type SyslogInputOptions, type SyslogInputs } from './inputs.ts';

const log = createLogger('silent');
const HOST = '127.0.0.1';
let seq = 0;
const marker = () => `m${process.pid}x${++seq}`;
const ts = () => new Date().toISOString();

async function until(cond: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function openssl(dir: string): { cert: Buffer; key: Buffer } | undefined {
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
  } catch {
    return undefined;
  }
}

const octets = (msgs: string[]) => Buffer.concat(msgs.map((m) => Buffer.from(`${Buffer.byteLength(m)} ${m}`)));

/** Writes `data` in chunks of 1-7 bytes, then ends the connection. */
async function dribble(socket: Socket, data: Buffer): Promise<void> {
  for (let i = 0, n = 1; i < data.length; i += n, n = (n % 7) + 1) {
    if (!socket.write(data.subarray(i, i + n))) await new Promise((r) => socket.once('drain', r));
  }
  await new Promise<void>((r) => socket.end(r));
}

async function tcp(port: number): Promise<Socket> {
  const s = connectTcp(port, HOST);
  await new Promise((r, j) => s.once('connect', r).once('error', j));
  return s;
}

async function udp(port: number, datagrams: Array<string | Buffer>): Promise<void> {
  const s = createSocket('udp4');
  for (const d of datagrams) await new Promise<void>((r, j) => s.send(d, port, HOST, (err) => (err ? j(err) : r())));
  s.close();
}

describe('syslog inputs (pglite)', () => {
  let t: TestDatabase;
  let bus: Bus;
  let pipeline: IngestPipeline;
  let orgId: string;
  const open: SyslogInputs[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'bw-syslog-'));

  const start = async (opts: Partial<SyslogInputOptions> = {}) => {
    const inputs = await startSyslogInputs(pipeline, orgId, { host: HOST, udpPort: 0, tcpPort: 0, ...opts }, log);
    open.push(inputs);
    return inputs;
  };
  type Row = { source: string; format: string; message: string | null; native: Record<string, unknown>; ocsf: Record<string, unknown> };
  const stored = (m: string) =>
    t.db.tx(INSTANCE, (tx) => rows<Row>(tx, sql`select source, format, message, native, ocsf from events where native->>'message' like ${`%${m}%`} order by native->>'message'`));
  const storedCount = async (m: string) => (await stored(m)).length;

  beforeAll(async () => {
    t = await databaseTiers()[0]!.open();
    bus = createInprocBus(t.db, log);
    await bus.start();
    pipeline = new IngestPipeline(new EventStore(t.db, bus), 36500);
    orgId = await createOrganisation(t.db, 'home', { home: true });
  });
  afterAll(async () => {
    for (const i of open) await i.close();
    await bus?.stop();
    await t?.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('resolves the organisation by slug, defaulting to the home organisation', async () => {
    expect(await syslogOrgId(t.db, undefined)).toBe(orgId);
    expect(await syslogOrgId(t.db, 'home')).toBe(orgId);
    await expect(syslogOrgId(t.db, 'nope')).rejects.toThrow(/BULWARK_SYSLOG_ORG.*nope/);
  });

  it('UDP: RFC 5424 and RFC 3164, one per datagram or several separated by newlines', async () => {
    const inputs = await start();
    const m = marker();
    await udp(inputs.ports.udp!, [
      `<165>1 ${ts()} host5424 app 42 ID47 [ex@32473 iut="3"] ${m}-a 5424`,
      `<34>Oct 11 22:14:15 host3164 su: ${m}-b 3164\n`,
      `<13>1 ${ts()} h app - - - ${m}-c first\n<13>Oct 11 22:14:15 h app: ${m}-d second\r\n<13>1 ${ts()} h app - - - ${m}-e multi\n  line continued`,
    ]);
    await until(async () => (await storedCount(m)) === 5);
    const got = await stored(m);
    expect(got.every((r) => r.source === 'syslog-udp' && r.format === 'syslog')).toBe(true);
    expect(got.map((r) => [r.native['rfc'], r.native['hostname']])).toEqual([['5424', 'host5424'], ['3164', 'host3164'], ['5424', 'h'], ['3164', 'h'], ['5424', 'h']]);
    expect(got[0]!.native['structuredData']).toEqual({ 'ex@32473': { iut: '3' } });
    expect(got[0]!.native['procId']).toBe('42');
    expect(got[4]!.native['message']).toBe(`${m}-e multi\n  line continued`);
  });

  it('TCP: octet-counting, split across many small writes, keeps newlines inside a frame', async () => {
    const inputs = await start();
    const m = marker();
    const msgs = Array.from({ length: 40 }, (_, i) => `<14>1 ${ts()} h app - - - ${m} n${String(i).padStart(2, '0')}${i === 7 ? '\nsecond line' : ''}`);
    await dribble(await tcp(inputs.ports.tcp!), octets(msgs));
    await until(async () => (await storedCount(m)) === 40);
    const got = await stored(m);
    expect(got.every((r) => r.source === 'syslog-tcp')).toBe(true);
    expect(got[7]!.native['message']).toBe(`${m} n07\nsecond line`);
  });

  it('TCP: newline framing (LF and CRLF), split across many small writes', async () => {
    const inputs = await start();
    const m = marker();
    const text = Array.from({ length: 40 }, (_, i) => `<13>Oct 11 22:14:15 h app[1]: ${m} n${String(i).padStart(2, '0')}${i % 2 ? '\r\n' : '\n'}`).join('');
    await dribble(await tcp(inputs.ports.tcp!), Buffer.from(text));
    await until(async () => (await storedCount(m)) === 40);
    const got = await stored(m);
    expect(got.map((r) => r.native['message'])).toEqual(Array.from({ length: 40 }, (_, i) => `${m} n${String(i).padStart(2, '0')}`));
    expect(got[0]!.native['procId']).toBe('1');
  });

  it('TLS (RFC 5425) with a self-signed certificate, both framings', async (ctx) => {
    const pem = openssl(tmp);
    if (!pem) {
      console.log('syslog TLS test skipped: openssl is not installed.');
      ctx.skip();
      return;
    }
    const inputs = await start({ udpPort: undefined, tcpPort: undefined, tlsPort: 0, tls: pem });
    expect(inputs.ports).toEqual({ tls: expect.any(Number) });
    const m = marker();
    const socket = connectTls({ host: HOST, port: inputs.ports.tls!, ca: pem.cert, servername: 'localhost' });
    await new Promise((r, j) => socket.once('secureConnect', r).once('error', j));
    const data = Buffer.concat([octets([`<14>1 ${ts()} h app - - - ${m} a`, `<14>1 ${ts()} h app - - - ${m} b`]), Buffer.from(`<14>1 ${ts()} h app - - - ${m} c\n`)]);
    await dribble(socket as unknown as Socket, data);
    await until(async () => (await storedCount(m)) === 3);
    expect((await stored(m)).every((r) => r.source === 'syslog-tls')).toBe(true);
  });

  it('a CEF payload inside syslog gets its CEF fields and OCSF projection', async () => {
    const inputs = await start();
    const m = marker();
    await udp(inputs.ports.udp!, [`<165>1 ${ts()} fw.example evntslog - - - CEF:0|Security|threatmanager|1.0|100|${m} worm stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232 suser=alice`]);
    await until(async () => (await storedCount(m)) === 1);
    const [ev] = await stored(m);
    expect(ev!.native['cef']).toMatchObject({ deviceVendor: 'Security', signatureId: '100', severityScore: 10, extensions: { src: '10.0.0.1', dst: '2.1.2.2', spt: '1232' } });
    expect(ev!.ocsf['src_endpoint']).toMatchObject({ ip: '10.0.0.1' });
  });

  it('garbage does not stop the messages that follow it, and is counted as rejected', async () => {
    const inputs = await start({ maxFrameSize: 1024 });
    const m = marker();
    const good = (i: number) => `<13>1 ${ts()} h app - - - ${m} ok${i}`;
    const socket = await tcp(inputs.ports.tcp!);
    await dribble(socket, Buffer.concat([
      octets([good(1), '<999>bad pri', `<13>1 ${ts()} h app - - - ${m} nul\0inside`, good(2)]),
      Buffer.from(`${'x'.repeat(2000)}\n<34>1 2024-99-99T00:00:00Z h a - - - ${m} bad date\n${good(3)}\n`),
      Buffer.from(`99999 ${'A'.repeat(100)}`), // an octet count beyond the limit swallows what it declares…
    ]));
    // …so the next good message comes on a fresh connection
    const s2 = await tcp(inputs.ports.tcp!);
    await dribble(s2, octets([good(4)]));
    await udp(inputs.ports.udp!, [Buffer.from([0xff, 0xfe, 0x00, 0x01]), '<200>nope', good(5)]);
    await until(async () => (await storedCount(m)) === 5);
    expect((await stored(m)).map((r) => r.native['message'])).toEqual([1, 2, 3, 4, 5].map((i) => `${m} ok${i}`));
    const tcpStats = inputs.intake.statsOf('syslog-tcp');
    expect(tcpStats.rejected).toBe(5); // bad PRI, NUL, line too long, bad date, octet count too long
    expect(inputs.intake.statsOf('syslog-udp').rejected).toBe(2);
    const registry = new Registry();
    syslogMetrics(registry, inputs.intake);
    const text = await registry.metrics();
    expect(text).toContain('bulwark_syslog_messages_rejected_total{source="syslog-tcp"} 5');
    expect(text).toContain('bulwark_syslog_messages_received_total{source="syslog-udp"} 1');
  });

  it('back-pressure: with a tiny bound a fast TCP sender is paused, and every message is stored', async () => {
    const inputs = await start({ batch: { maxPending: 50 } });
    const m = marker();
    const n = 5_000;
    const msgs = Array.from({ length: n }, (_, i) => `<14>1 ${ts()} h app - - - ${m} n${i}`);
    const socket = await tcp(inputs.ports.tcp!);
    let maxPending = 0;
    const sample = setInterval(() => (maxPending = Math.max(maxPending, inputs.intake.batcher.pending)), 1);
    await new Promise<void>((r) => socket.end(octets(msgs), r));
    await until(async () => (await storedCount(m)) === n, 60_000);
    clearInterval(sample);
    const stats = inputs.intake.statsOf('syslog-tcp');
    expect(stats.pauses).toBeGreaterThan(0);
    expect(maxPending).toBeLessThan(2_000); // the bound plus at most one read chunk (64 KiB here)
  });

  it('back-pressure: while the database is busy, UDP datagrams beyond the bound are dropped and counted', async () => {
    const inputs = await start({ batch: { maxPending: 5 } });
    const m = marker();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    // PGlite runs one transaction at a time: holding one open keeps every commit waiting.
    const busy = t.db.tx(INSTANCE, async () => {
      holding();
      await gate;
    });
    await held;
    await udp(inputs.ports.udp!, Array.from({ length: 50 }, (_, i) => `<14>1 ${ts()} h app - - - ${m} n${i}`));
    const stats = inputs.intake.statsOf('syslog-udp');
    await until(() => stats.received + stats.dropped === 50);
    expect(stats).toMatchObject({ received: 5, dropped: 45 });
    release();
    await busy;
    await until(async () => (await storedCount(m)) === 5);
  });

  it('close() stops reading and commits everything received before closing the sockets', async () => {
    const inputs = await start({ batch: { flushMs: 60_000, maxBatch: 10_000 } });
    const m = marker();
    const socket = await tcp(inputs.ports.tcp!);
    socket.on('error', () => {});
    socket.write(octets(Array.from({ length: 300 }, (_, i) => `<14>1 ${ts()} h app - - - ${m} t${i}`)));
    await udp(inputs.ports.udp!, Array.from({ length: 20 }, (_, i) => `<14>1 ${ts()} h app - - - ${m} u${i}`));
    const received = () => inputs.intake.statsOf('syslog-tcp').received + inputs.intake.statsOf('syslog-udp').received;
    await until(() => received() === 320);
    expect(await storedCount(m)).toBe(0); // nothing flushed yet: the timer is a minute away
    await inputs.close();
    expect(await storedCount(m)).toBe(320);
    await new Promise((r) => socket.once('close', r));
    await expect(tcp(inputs.ports.tcp!)).rejects.toThrow(/ECONNREFUSED/);
  });
});
