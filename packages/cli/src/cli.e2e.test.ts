// End to end: the real `bulwark` command (bin/bulwark.mjs) against the real server started as a child
// process (packages/server/src/testing/server-process.ts) on a free port with a fresh embedded database.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../server/src/testing/server-process.ts';
import { checkpointPath } from './checkpoint.ts';

const BIN = fileURLToPath(new URL('../bin/bulwark.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bw-cli-e2e-'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let server: ServerProcess;

function env(extra: Record<string, string> = {}): Record<string, string> {
  const e: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('BULWARK_')) e[k] = v;
  return { ...e, BULWARK_URL: server.url, BULWARK_TOKEN: server.adminToken, ...extra };
}

function start(args: readonly string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: env(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  const result = new Promise<Run>((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, result };
}

const bulwark = (args: readonly string[], extraEnv: Record<string, string> = {}) => start(args, extraEnv).result;

/** Writes an NDJSON file of `count` events tagged with `run`; `bad` maps file line → raw text to put there. */
// Event times are recent: the server's retention (30 days by default) drops older day partitions a few
// seconds after start, which would make stored events vanish during the test.
function eventsFile(name: string, run: string, count: number, bad: Record<number, string> = {}): string {
  const base = Date.now() - 3_600_000;
  const lines: string[] = [];
  for (let i = 1; lines.length < count + Object.keys(bad).length; i++) {
    const at = lines.length + 1;
    if (bad[at] !== undefined) {
      lines.push(bad[at]);
      i--;
      continue;
    }
    lines.push(JSON.stringify({ '@timestamp': new Date(base + i).toISOString(), EventID: 4624, Hostname: `ws${i % 13}.example.eu`, run, seq: i, Message: `logon ${i}` }));
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Event ids stored for one run, read page by page with `events search --json`. */
async function storedIds(run: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const r = await bulwark(['events', 'search', '--json', '--field', `native.run=${run}`, '--limit', '1000', ...(cursor ? ['--cursor', cursor] : [])]);
    expect(r.code, r.stderr).toBe(0);
    const page = JSON.parse(r.stdout) as { events: Array<{ eventId: string }>; next: string | null };
    ids.push(...page.events.map((e) => e.eventId));
    cursor = page.next;
  } while (cursor);
  return ids;
}

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('bulwark CLI against a running server', () => {
  it('whoami --json names the administrator of the API key', async () => {
    const r = await bulwark(['whoami', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as { user: { email: string }; via: string; instanceAdmin: boolean };
    expect(s).toMatchObject({ user: { email: server.adminEmail }, via: 'key', instanceAdmin: true });
    expect(r.stdout + r.stderr).not.toContain(server.adminToken);
  });

  it('events send stores every valid line and reports the malformed ones by their line number', async () => {
    const file = eventsFile('send.ndjson', 'send-1', 2500, { 1234: '{"EventID": 4625, broken', 2001: '[1, 2]' });
    const r = await bulwark(['events', 'send', file, '--source', 'e2e', '--batch', '400', '--json']);
    expect(r.code, r.stderr).toBe(2); // some lines rejected
    const report = JSON.parse(r.stdout) as { accepted: number; duplicates: number; rejected: number; sent: number; files: Array<{ rejected: Array<{ line: number; reason: string }>; complete: boolean }> };
    expect(report).toMatchObject({ sent: 2502, accepted: 2500, duplicates: 0, rejected: 2 });
    expect(report.files[0]!.complete).toBe(true);
    expect(report.files[0]!.rejected.map((x) => x.line)).toEqual([1234, 2001]);
    expect(report.files[0]!.rejected[0]!.reason).toMatch(/JSON/);
    expect(existsSync(`${file}.bulwark-progress`)).toBe(false);
    expect(new Set(await storedIds('send-1')).size).toBe(2500);

    // Sending the same file again stores nothing new: the server de-duplicates by event_id.
    const again = await bulwark(['events', 'send', file, '--source', 'e2e', '--batch', '1000']);
    expect(again.code).toBe(2);
    expect(again.stdout).toContain('sent 2502, accepted 0, duplicates 2500, rejected 2');
    expect(again.stderr).toContain(`${file}:1234: rejected: `);
    expect((await storedIds('send-1')).length).toBe(2500);
  });

  it('events send resumes after being killed mid-way, ending with each event stored exactly once', async () => {
    const total = 12_000;
    const file = eventsFile('resume.ndjson', 'resume-1', total);
    const state = join(dir, 'state');
    const first = start(['events', 'send', file, '--source', 'e2e', '--batch', '100', '--concurrency', '1', '--state-dir', state]);
    const cpFile = checkpointPath(file, state);
    const checkpoint = () => JSON.parse(readFileSync(cpFile, 'utf8')) as { offset: number; line: number };
    // Kill the CLI hard (no chance to clean up) once a few batches are acknowledged.
    for (let i = 0; i < 2000; i++) {
      const cp = safe(checkpoint);
      if (cp && cp.line > 300) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    first.child.kill('SIGKILL');
    const killed = await first.result;
    expect(killed.code).toBeNull();
    const cp = safe(checkpoint)!;
    expect(cp.line).toBeGreaterThan(300);
    expect(cp.line).toBeLessThan(total);
    const storedBefore = (await storedIds('resume-1')).length;
    expect(storedBefore).toBeGreaterThanOrEqual(cp.line - 1);

    const second = await bulwark(['events', 'send', file, '--source', 'e2e', '--batch', '1000', '--state-dir', state, '--json']);
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout) as { sent: number; accepted: number; duplicates: number; files: Array<{ resumedAtLine: number | null }> };
    expect(report.files[0]!.resumedAtLine).toBe(cp.line);
    expect(report.sent).toBe(total - (cp.line - 1));
    expect(report.accepted + report.duplicates).toBe(report.sent);
    const ids = await storedIds('resume-1');
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(total);
    expect(existsSync(cpFile)).toBe(false);
  });

  it('events search --json returns stored events with their fields', async () => {
    const r = await bulwark(['events', 'search', '--json', '--field', 'native.run=send-1', '--field', 'native.seq=7', '--limit', '5']);
    expect(r.code, r.stderr).toBe(0);
    const page = JSON.parse(r.stdout) as { events: Array<{ source: string; native: Record<string, unknown> }>; next: string | null };
    expect(page.events).toHaveLength(1);
    expect(page.events[0]).toMatchObject({ source: 'e2e', native: { seq: 7, run: 'send-1', Message: 'logon 7' } });
    const table = await bulwark(['events', 'search', '-q', 'logon 7', '--limit', '3']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^TIME\s+SOURCE/);
  });

  it('events tail prints new events as NDJSON', async () => {
    const tail = start(['events', 'tail', '--json', '--count', '2']);
    await new Promise((r) => setTimeout(r, 1000)); // let it subscribe
    const file = eventsFile('tail.ndjson', 'tail-1', 2);
    expect((await bulwark(['events', 'send', file, '--source', 'e2e-tail'])).code).toBe(0);
    const r = await tail.result;
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { source: string; native: { run: string } });
    expect(lines.map((e) => [e.source, e.native.run])).toEqual([['e2e-tail', 'tail-1'], ['e2e-tail', 'tail-1']]);
  });

  it('key create shows the token once; the key works until key revoke', async () => {
    const created = await bulwark(['key', 'create', 'e2e-key', '--role', 'analyst', '--expires-days', '1', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const { key, token } = JSON.parse(created.stdout) as { key: { id: string; role: string }; token: string };
    expect(key.role).toBe('analyst');
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${token}\n`);
    const asKey = await bulwark(['--token-file', tokenFile, 'whoami', '--json'], { BULWARK_TOKEN: '' });
    expect(asKey.code, asKey.stderr).toBe(0);
    expect(JSON.parse(asKey.stdout)).toMatchObject({ organisation: { role: 'analyst' }, via: 'key' });

    const list = await bulwark(['key', 'list']);
    expect(list.stdout).toContain(key.id);
    expect(list.stdout).not.toContain(token);

    const revoked = await bulwark(['key', 'revoke', key.id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`revoked key ${key.id}`);
    const after = await bulwark(['--token-file', tokenFile, 'whoami'], { BULWARK_TOKEN: '' });
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/^error: .+ \(UNAUTHENTICATED\)\n/);
    expect(after.stderr).not.toContain(token);
  });

  it('intel import reports defects and stores the rest; intel list, export, show, sight, sightings and correlate; federation status names the instance', async () => {
    const bundle = join(dir, 'bundle.json');
    const good = { type: 'indicator', spec_version: '2.1', id: 'indicator--0b0a3e6c-4a1d-4d6e-8f2b-8a2b8c9d0e11', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', name: 'cli indicator', pattern: "[ipv4-addr:value = '203.0.113.77']", pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z' };
    const bad = { ...good, id: 'indicator--1b0a3e6c-4a1d-4d6e-8f2b-8a2b8c9d0e11', modified: '2025-01-01T00:00:00.000Z' };
    writeFileSync(bundle, JSON.stringify({ type: 'bundle', id: 'bundle--2b0a3e6c-4a1d-4d6e-8f2b-8a2b8c9d0e11', objects: [good, bad] }));
    const imported = await bulwark(['intel', 'import', bundle, '--tlp', 'GREEN', '--distribution', 'community']);
    expect(imported.code).toBe(2);
    expect(imported.stdout).toMatch(/stored 1, unchanged 0, rejected 1/);
    expect(imported.stdout).toMatch(/error object 1 .*time-order/);
    const list = await bulwark(['--json', 'intel', 'list', '--type', 'indicator']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { objects: Array<{ id: string; tlp: string }> }).objects).toEqual([expect.objectContaining({ id: good.id, tlp: 'GREEN' })]);
    const out = join(dir, 'export.json');
    expect((await bulwark(['intel', 'export', '--type', 'indicator', '-o', out])).code).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { objects: Array<{ id: string }> }).objects.map((o) => o.id)).toContain(good.id);
    // An old address indicator has decayed to 0; a sighting brings it back; it correlates with nothing.
    expect((await bulwark(['intel', 'show', good.id])).stdout).toMatch(/score 0\/100 \(exponential, half-life 10 days for ipv4-addr; last seen never; expired\)/);
    const sight = await bulwark(['intel', 'sight', good.id, '--note', 'seen at the edge']);
    expect(sight.stdout).toMatch(/^recorded: sighting sighting--[0-9a-f-]+ \(TLP:AMBER, distribution organisation\)\n$/);
    expect((await bulwark(['intel', 'sight', good.id, '--false-positive', '--count', '2'])).code).toBe(1);
    const sightings = await bulwark(['intel', 'sightings', good.id]);
    expect(sightings.stdout).toMatch(/true positives 1, false positives 0/);
    expect(sightings.stdout).toMatch(/seen at the edge/);
    expect((await bulwark(['intel', 'show', good.id])).stdout).toMatch(/score 100\/100/);
    expect((await bulwark(['intel', 'correlate', good.id])).stdout).toBe('ipv4-addr 203.0.113.77: no other object\n');
    const status = await bulwark(['federation', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/instance bulwark-[0-9a-f]{8}, key fingerprint [0-9A-F ]+/);
    expect(status.stderr).toMatch(/\(no peers\)/);
  });

  it('audit verify reports an intact chain', async () => {
    const r = await bulwark(['audit', 'verify']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^audit chain intact: \d+ entries\n$/);
    const json = await bulwark(['audit', 'verify', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true });
    const list = await bulwark(['audit', 'list', '--action', 'key.revoke', '--json']);
    expect((JSON.parse(list.stdout) as { entries: Array<{ action: string }> }).entries.map((e) => e.action)).toEqual(['key.revoke']);
  });

  it('prints server problems as error: <detail> (<code>) and names an unreachable URL', async () => {
    const bad = await bulwark(['user', 'create', 'not-an-email', '--role', 'analyst']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: .*email.* \(INVALID_INPUT\)\n/);
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const down = await bulwark(['health'], { BULWARK_URL: `http://127.0.0.1:${port}` });
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(`error: cannot reach Bulwark at http://127.0.0.1:${port} (ECONNREFUSED)\n`);
  });

  it('user create prints a generated password once; org and user lists work', async () => {
    const r = await bulwark(['user', 'create', 'e2e-user@example.eu', '--role', 'analyst', '--name', 'E2E']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^created user e2e-user@example\.eu \(.+\) with role analyst\npassword: \S{12,}\n$/);
    const users = await bulwark(['user', 'list', '--json']);
    expect((JSON.parse(users.stdout) as Array<{ email: string }>).map((u) => u.email)).toContain('e2e-user@example.eu');
    const orgs = await bulwark(['org', 'list']);
    expect(orgs.code, orgs.stderr).toBe(0);
    expect(orgs.stdout).toMatch(/^ID\s+SLUG/);
  });
});

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined; // not written yet, or caught mid-rename
  }
}

describe('bulwark events tail across a server restart', () => {
  it('reconnects when the server comes back and keeps printing events', async () => {
    const first = await startServer();
    const port = Number(new URL(first.url).port);
    const tail = spawn(process.execPath, [BIN, 'events', 'tail', '--count', '1'], {
      env: { ...env(), BULWARK_URL: first.url, BULWARK_TOKEN: first.adminToken },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    tail.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
    tail.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => tail.on('close', resolve));
    try {
      await new Promise((r) => setTimeout(r, 1000));
      await first.stop('SIGKILL'); // a crash: the stream just breaks
      const second = await startServer({ port });
      try {
        for (let i = 0; i < 100 && !stderr.includes('reconnected'); i++) await new Promise((r) => setTimeout(r, 100));
        expect(stderr).toContain('reconnected');
        const res = await fetch(`${second.url}/api/v1/events?source=restart`, {
          method: 'POST',
          headers: { authorization: `Bearer ${second.adminToken}`, 'content-type': 'application/x-ndjson' },
          body: `${JSON.stringify({ '@timestamp': new Date().toISOString(), message: 'after the restart' })}\n`,
        });
        expect(res.status).toBe(200);
        expect(await exited).toBe(0);
        expect(stdout).toMatch(/^\S+Z {2}restart {2}after the restart\n$/);
        expect(stderr).toMatch(/connection lost|cannot reach Bulwark/);
      } finally {
        await second.stop();
      }
    } finally {
      tail.kill();
    }
  });
});
