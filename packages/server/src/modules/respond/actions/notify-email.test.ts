import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../../platform/index.ts';
import { ActionError, createEngine, parsePlaybook, systemClock, type ActionContext } from '../playbooks/index.ts';
import { encodeHeaderText, quotedPrintable } from './mail-message.ts';
import { mailboxProblem } from './mailbox.ts';
import { emailAction, validateEmailParams, type EmailConfig } from './notify-email.ts';
import { dotStuff, replyFramer } from './smtp-client.ts';
import { startSmtpTestServer, type SmtpTestServer } from './smtp-test-server.ts';

const loopback = parseAllowList('127.0.0.0/8');
const toLoopback = async (): Promise<Array<{ address: string; family: number }>> => [{ address: '127.0.0.1', family: 4 }];

const ctx = (key = 'a'.repeat(64), signal = new AbortController().signal): ActionContext => ({
  runId: 'run-1', playbookId: 'pb', playbookVersion: 1, stepId: 'mail', attempt: 1, idempotencyKey: key, signal, trigger: {},
});

const base = (server: SmtpTestServer, extra: Partial<EmailConfig> = {}): EmailConfig => ({
  host: 'mail.test', port: server.port, secure: 'none', from: 'soc@bulwark.example', allow: loopback, resolve: toLoopback, timeoutMs: 3000, ...extra,
});

async function failure(p: Promise<unknown>): Promise<ActionError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ActionError);
  return err as ActionError;
}

/** The decoded text body and the headers of a received message. */
function parse(message: string): { headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = message.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 2);
  }
  const qp = rest.join('\r\n\r\n').replace(/=\r\n/g, '').replace(/\r\n$/, '');
  const bytes: number[] = [];
  for (let i = 0; i < qp.length; i++) {
    if (qp[i] === '=') {
      bytes.push(parseInt(qp.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(qp.charCodeAt(i));
  }
  return { headers, body: Buffer.from(bytes).toString('utf8') };
}

describe('mailbox syntax', () => {
  it.each(['analyst@csirt.example.eu', 'first.last+tag@x.example', "o'neil@a-b.example"])('accepts %s', (a) => expect(mailboxProblem(a)).toBeUndefined());
  it.each([
    ['a@b.example\r\nBcc: x@y.example', 'control'],
    ['a b@x.example', 'space'],
    ['<a@x.example>', 'dot-atom'],
    ['a..b@x.example', 'dot-atom'],
    ['"quoted"@x.example', 'dot-atom'],
    ['a@-x.example', 'invalid label'],
    ['a@[127.0.0.1]', 'invalid label'],
    ['a@10.0.0.1', 'numeric'],
    ['üser@x.example', 'non-ASCII'],
    ['nobody', 'local part'],
    [`${'a'.repeat(65)}@x.example`, 'longer than 64'],
  ])('refuses %j (%s)', (a, why) => expect(mailboxProblem(a)).toContain(why));
});

describe('message encoding', () => {
  it('encodes a non-ASCII subject as encoded-words that decode back', () => {
    const subject = 'Vorfall: Überlastung — ' + 'ä'.repeat(40);
    const enc = encodeHeaderText('Subject', subject);
    expect(enc).toMatch(/^[\x20-\x7e\r\n]+$/);
    for (const word of enc.split('\r\n ')) expect(word.length).toBeLessThanOrEqual(75);
    const decoded = Buffer.concat(enc.split('\r\n ').map((w) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(w)![1]!, 'base64'))).toString();
    expect(decoded).toBe(subject);
  });

  it('keeps quoted-printable lines within 76 characters and protects trailing spaces', () => {
    const qp = quotedPrintable(`${'x'.repeat(200)}\nend with space \n=sign`);
    for (const line of qp.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(qp).toContain('end with space=20');
    expect(qp).toContain('=3Dsign');
  });
});

describe('SMTP replies and data', () => {
  const b = (t: string): Buffer => Buffer.from(t, 'latin1');
  it('reads a multi-line reply only when its last line has arrived', () => {
    expect(replyFramer(b('250-mail.example\r\n250-SIZE 100\r\n'))).toBeUndefined();
    expect(replyFramer(b('250-mail.example\r\n250-SIZE 100\r\n250 STARTTLS\r\n354 next'))).toEqual({ value: { code: 250, lines: ['mail.example', 'SIZE 100', 'STARTTLS'] }, used: 46 });
    expect(replyFramer(b('220\r\n'))?.value).toEqual({ code: 220, lines: [''] });
  });
  it('refuses malformed, mixed and endless replies', () => {
    expect(() => replyFramer(b('hello\r\n'))).toThrow(/line 1 is malformed/);
    expect(() => replyFramer(b('250-a\r\n550 b\r\n'))).toThrow(/mixes codes 250 and 550/);
    expect(() => replyFramer(b('250-x\r\n'.repeat(101)))).toThrow(/100 lines/);
    expect(() => replyFramer(b('250 ' + 'x'.repeat(3000)))).toThrow(/longer than 2048/);
  });
  it('dot-stuffs the first line too and ends the data', () => {
    expect(dotStuff(b('.a\r\nb\r\n.\r\n')).toString()).toBe('..a\r\nb\r\n..\r\n.\r\n');
  });
});

describe('notify.email parameters', () => {
  it('accepts templated values when a playbook is saved, and checks them once rendered', () => {
    const p = { to: '{{ incident.owner_email }}', subject: 'Incident {{ incident.id }}', body: '{{ incident.summary }}' };
    expect(validateEmailParams(p, 'document')).toEqual([]);
    expect(validateEmailParams({ ...p, to: 'not an address' }, 'run')[0]).toMatchObject({ path: 'to' });
  });

  it('refuses header injection through the subject and the addresses', () => {
    expect(validateEmailParams({ to: 'a@x.example', subject: 'Hi\r\nBcc: victim@y.example', body: '' }, 'run')).toEqual([{ path: 'subject', message: 'must be one line (no CR or LF)' }]);
    expect(validateEmailParams({ to: 'a@x.example', subject: 'Hi\nX: y', body: '' }, 'run')[0]?.path).toBe('subject');
    expect(validateEmailParams({ to: 'a@x.example', subject: 'Hi\u0000there', body: '' }, 'run')[0]?.message).toContain('control');
    expect(validateEmailParams({ to: 'a@x.example', subject: 'Hi \ud83d', body: '' }, 'run')[0]?.message).toContain('Unicode');
    expect(validateEmailParams({ to: ['a@x.example', 'b@x.example>\r\nRCPT TO:<c@y.example'], subject: 's', body: '' }, 'run')[0]?.path).toBe('to[1]');
  });

  it('enforces the limits', () => {
    const many = Array.from({ length: 40 }, (_, i) => `u${i}@x.example`);
    expect(validateEmailParams({ to: many, cc: many.slice(0, 11), subject: 's', body: '' }, 'run')[0]?.message).toContain('at most 50');
    expect(validateEmailParams({ to: 'a@x.example', subject: 'x'.repeat(999), body: '' }, 'run')[0]?.message).toContain('998');
    expect(validateEmailParams({ to: 'a@x.example', subject: 's', body: 'x'.repeat(1024 * 1024 + 1) }, 'run')[0]?.message).toContain('larger than');
    expect(validateEmailParams({ to: [], subject: 's', body: '' }, 'run')[0]?.message).toContain('at least one');
    expect(validateEmailParams({ to: 'a@x.example', subject: 's', body: '', bcc: 'b@x.example' }, 'run')[0]).toEqual({ path: 'bcc', message: expect.stringContaining('unknown parameter') });
  });

  it('refuses configurations that would send credentials in clear or a bad sender', () => {
    expect(() => emailAction({ host: 'h', port: 25, secure: 'none', from: 'a@x.example', username: 'u', password: 'p', timeoutMs: 1000 })).toThrow(/only sent over TLS/);
    expect(() => emailAction({ host: 'h', port: 25, secure: 'none', from: 'Soc <a@x.example>', timeoutMs: 1000 })).toThrow(/sender address/);
    expect(() => emailAction({ host: 'h', port: 25, secure: 'none', from: 'a@x.example', clientName: 'x\r\nRCPT TO:<b@y.example>', timeoutMs: 1000 })).toThrow(/EHLO name/);
  });
});

describe('notify.email against a real SMTP server in this process', () => {
  let plain: SmtpTestServer;
  beforeAll(async () => {
    plain = await startSmtpTestServer();
  });
  afterAll(() => plain.close());

  it('delivers to every recipient with RFC 5322 headers, a stable Message-ID and a decodable body', async () => {
    const action = emailAction(base(plain, { now: () => new Date('2026-11-28T21:00:12Z') }));
    const body = 'Zugriff von 203.0.113.7 blockiert.\nGrüße 🛡️\n' + 'long '.repeat(40);
    const out = (await action.run({ to: ['Lead@CSIRT.example', 'ops@csirt.example'], cc: 'lead@csirt.example', subject: 'Incident 42: Überlastung', body }, ctx('k1'))) as { messageId: string; recipients: string[]; response: string };
    const mail = plain.received.at(-1)!;
    expect(mail.from).toBe('soc@bulwark.example');
    expect(mail.recipients).toEqual(['Lead@CSIRT.example', 'ops@csirt.example']); // cc duplicate (case-insensitive) sent once
    expect(out.response).toBe('250 2.0.0 Ok: queued as TEST1');
    const { headers, body: decoded } = parse(mail.message);
    expect(headers.date).toBe('Sat, 28 Nov 2026 21:00:12 +0000');
    expect(headers.from).toBe('soc@bulwark.example');
    expect(headers.to).toBe('Lead@CSIRT.example, ops@csirt.example');
    expect(headers.cc).toBe('lead@csirt.example');
    expect(headers.subject).toMatch(/^=\?UTF-8\?B\?/);
    expect(headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(headers['message-id']).toBe(out.messageId);
    expect(decoded).toBe(body.replace(/\n/g, '\r\n'));
    expect(mail.message).toMatch(/^[\x20-\x7e\r\n]*$/); // 7-bit clean

    // Another action instance (as after a restart) with the same key produces the same Message-ID.
    const again = (await emailAction(base(plain)).run({ to: 'ops@csirt.example', subject: 's', body: 'b' }, ctx('k1'))) as { messageId: string };
    expect(again.messageId).toBe(out.messageId);
    const other = (await emailAction(base(plain)).run({ to: 'ops@csirt.example', subject: 's', body: 'b' }, ctx('k2'))) as { messageId: string };
    expect(other.messageId).not.toBe(out.messageId);
  });

  it('sends once per idempotency key within one instance', async () => {
    const action = emailAction(base(plain));
    const before = plain.received.length;
    const p = { to: 'ops@csirt.example', subject: 'once', body: 'b' };
    const [a, b] = await Promise.all([action.run(p, ctx('dup')), action.run(p, ctx('dup'))]);
    await action.run(p, ctx('dup'));
    expect(plain.received.length - before).toBe(1);
    expect(a).toEqual(b);
  });

  it('dot-stuffs lines that start with a dot, and the receiver restores them', async () => {
    const body = '.\n..two\n.leading dot\nmiddle . dot\n.';
    await emailAction(base(plain)).run({ to: 'ops@csirt.example', subject: 'dots', body }, ctx('dots'));
    const mail = plain.received.at(-1)!;
    expect(mail.raw).toContain('\r\n..\r\n...two\r\n..leading dot\r\n');
    expect(parse(mail.message).body).toBe(body.replace(/\n/g, '\r\n'));
  });

  it('runs as a playbook step: templates rendered, dry run described, an injected CRLF refused without a send', async () => {
    const registry = new Map([['notify.email', emailAction(base(plain))]]);
    const yaml = [
      'id: tell-owner', 'name: Tell the owner', 'version: 1', 'on: { alert: {} }',
      'steps:',
      '  - id: mail',
      '    uses: notify.email',
      '    with: { to: "{{ alert.fields.owner }}", subject: "Alert: {{ alert.title }}", body: "Source {{ alert.fields.src_ip }}" }',
    ].join('\n');
    const parsed = parsePlaybook(yaml, registry);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const engine = createEngine({ registry, clock: systemClock });
    const alert = { title: 'SSH brute force', fields: { owner: 'owner@csirt.example', src_ip: '203.0.113.7' } };
    const before = plain.received.length;
    const dry = await engine.run(parsed.playbook, { alert }, { runId: 'dry-1', dryRun: true });
    expect(dry.steps[0]).toMatchObject({ status: 'simulated', description: expect.stringContaining('"Alert: SSH brute force" (18 bytes) to owner@csirt.example') });
    expect(plain.received.length).toBe(before);
    const real = await engine.run(parsed.playbook, { alert }, { runId: 'real-1' });
    expect(real.status).toBe('succeeded');
    expect(plain.received.at(-1)!.recipients).toEqual(['owner@csirt.example']);
    const evil = await engine.run(parsed.playbook, { alert: { ...alert, title: 'x\r\nBcc: leak@evil.example' } }, { runId: 'evil-1' });
    expect(evil.status).toBe('failed');
    expect(evil.steps[0]!.error?.message).toContain('subject');
    expect(plain.received.length).toBe(before + 1);
  });

  it('describes who would receive what', () => {
    const text = emailAction(base(plain)).describe({ to: ['a@x.example', 'b@x.example'], cc: 'c@x.example', subject: 'Incident 7', body: 'hello' });
    expect(text).toBe('e-mail "Incident 7" (5 bytes) to a@x.example, b@x.example, cc c@x.example via mail.test:' + plain.port);
  });
});

describe('notify.email error handling', () => {
  const servers: SmtpTestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });
  const withReplies = async (replies: Parameters<typeof startSmtpTestServer>[0]): Promise<SmtpTestServer> => {
    const s = await startSmtpTestServer(replies);
    servers.push(s);
    return s;
  };
  const p = { to: ['a@x.example', 'b@x.example'], subject: 's', body: 'b' };

  it('a 4xx recipient reply is retryable and nothing is sent', async () => {
    const s = await withReplies({ replies: { rcpt: '452 4.2.2 Mailbox full' } });
    const err = await failure(emailAction(base(s)).run(p, ctx()));
    expect(err).toMatchObject({ retryable: true, code: 'smtp_transient' });
    expect(err.message).toContain('RCPT TO <a@x.example> refused: 452 4.2.2 Mailbox full');
    expect(s.commands).not.toContain('DATA');
  });

  it('a 5xx reply is final', async () => {
    const s = await withReplies({ replies: { mail: '550 5.7.1 Sender rejected' } });
    expect(await failure(emailAction(base(s)).run(p, ctx()))).toMatchObject({ retryable: false, code: 'smtp_refused' });
    const t = await withReplies({ replies: { dataEnd: '554 5.6.0 Message rejected' } });
    expect(await failure(emailAction(base(t)).run(p, ctx()))).toMatchObject({ retryable: false, message: expect.stringContaining('end of DATA refused: 554') });
    const u = await withReplies({ replies: { greeting: '421 4.3.2 Try later' } });
    expect(await failure(emailAction(base(u)).run(p, ctx()))).toMatchObject({ retryable: true });
  });

  it('times out on a silent server and stops when the step is aborted', async () => {
    const { createServer } = await import('node:net');
    const held = new Set<Socket>();
    const silent = createServer((sock) => {
      held.add(sock);
      sock.on('error', () => undefined);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const cfg = { host: '127.0.0.1', port, secure: 'none' as const, from: 'soc@bulwark.example', allow: loopback, timeoutMs: 200 };
    const started = Date.now();
    expect(await failure(emailAction(cfg).run(p, ctx()))).toMatchObject({ retryable: true, code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect(await failure(emailAction({ ...cfg, timeoutMs: 10_000 }).run(p, ctx('x', ac.signal)))).toMatchObject({ code: 'aborted' });
    for (const sock of held) sock.destroy();
    await new Promise((r) => silent.close(r));
  });

  it('the egress guard refuses a loopback relay unless egress_allow covers it, and a name resolving to one', async () => {
    const s = await withReplies({});
    const direct = { host: '127.0.0.1', port: s.port, secure: 'none' as const, from: 'soc@bulwark.example', timeoutMs: 2000 };
    const err = await failure(emailAction(direct).run(p, ctx()));
    expect(err).toMatchObject({ retryable: false, code: 'egress_refused' });
    expect(err.message).toContain('loopback, private, link-local or reserved');
    expect(s.commands).toEqual([]); // no connection was made
    const rebinding = async (): Promise<Array<{ address: string; family: number }>> => [{ address: '198.51.100.20', family: 4 }, { address: '10.0.0.5', family: 4 }];
    expect(await failure(emailAction({ ...direct, host: 'mail.example.eu', resolve: rebinding, allow: parseAllowList('198.51.100.0/24') }).run(p, ctx()))).toMatchObject({ code: 'egress_refused' });
    await emailAction({ ...direct, allow: parseAllowList('127.0.0.1') }).run(p, ctx());
    expect(s.received).toHaveLength(1);
  });
});

describe('notify.email over TLS', () => {
  let dir: string | undefined;
  let cert = '';
  let key = '';
  let tlsServer: SmtpTestServer;
  const credentials = { username: 'soc-relay', password: 'correct horse battery' };
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'bulwark-smtp-'));
  } catch {
    dir = undefined;
  }
  if (!dir) {
    it.skip('openssl is not available to make a test certificate: STARTTLS tests skipped', () => undefined);
    return;
  }
  beforeAll(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=mail.test', '-addext', 'subjectAltName=DNS:mail.test', '-keyout', join(dir!, 'key.pem'), '-out', join(dir!, 'cert.pem')], { stdio: 'ignore' });
    cert = readFileSync(join(dir!, 'cert.pem'), 'utf8');
    key = readFileSync(join(dir!, 'key.pem'), 'utf8');
    tlsServer = await startSmtpTestServer({ tls: { key, cert }, credentials });
  });
  afterAll(async () => {
    await tlsServer.close();
    rmSync(dir!, { recursive: true, force: true });
  });
  const p = { to: 'a@x.example', subject: 'tls', body: 'secret incident details' };

  it('upgrades with STARTTLS, verifies the certificate against the given CA and authenticates', async () => {
    await emailAction(base(tlsServer, { secure: 'starttls', ca: cert, ...credentials })).run(p, ctx());
    const mail = tlsServer.received.at(-1)!;
    expect(mail).toMatchObject({ tls: true, user: 'soc-relay' });
    const plainCommands = tlsServer.commands.slice(0, tlsServer.commands.indexOf('STARTTLS') + 1);
    expect(plainCommands.some((c) => c.startsWith('AUTH'))).toBe(false);
  });

  it('refuses the self-signed certificate without the custom CA, before any credential or message', async () => {
    const before = tlsServer.received.length;
    const err = await failure(emailAction(base(tlsServer, { secure: 'starttls', ...credentials })).run(p, ctx()));
    expect(err).toMatchObject({ retryable: false, code: 'tls_failed' });
    expect(tlsServer.received.length).toBe(before);
  });

  it('refuses a certificate issued for another name', async () => {
    const err = await failure(emailAction(base(tlsServer, { host: 'other.test', secure: 'starttls', ca: cert })).run(p, ctx()));
    expect(err).toMatchObject({ code: 'tls_failed' });
    expect(err.message).toMatch(/other\.test|altnames/i);
  });

  it('reports bad credentials as final', async () => {
    const err = await failure(emailAction(base(tlsServer, { secure: 'starttls', ca: cert, username: 'soc-relay', password: 'wrong' })).run(p, ctx()));
    expect(err).toMatchObject({ retryable: false, message: expect.stringContaining('AUTH refused: 535') });
  });

  it('prefers AUTH PLAIN, and uses AUTH LOGIN when only that is offered', async () => {
    expect(tlsServer.commands.find((c) => c.startsWith('AUTH'))).toMatch(/^AUTH PLAIN /);
    const s = await startSmtpTestServer({ tls: { key, cert }, credentials, authMechanisms: 'LOGIN' });
    try {
      await emailAction(base(s, { secure: 'starttls', ca: cert, ...credentials })).run(p, ctx());
      expect(s.commands).toContain('AUTH LOGIN');
      expect(s.received[0]).toMatchObject({ tls: true, user: 'soc-relay' });
    } finally {
      await s.close();
    }
  });

  it('refuses when the server offers no usable mechanism', async () => {
    const s = await startSmtpTestServer({ tls: { key, cert }, credentials, authMechanisms: 'CRAM-MD5' });
    try {
      expect(await failure(emailAction(base(s, { secure: 'starttls', ca: cert, ...credentials })).run(p, ctx()))).toMatchObject({ retryable: false, code: 'smtp_no_auth' });
    } finally {
      await s.close();
    }
  });

  it('implicit TLS (secure: tls) verifies the certificate from the first byte', async () => {
    const { createServer } = await import('node:tls');
    const received: string[] = [];
    // Implicit TLS needs a TLS listener from the first byte; a few fixed replies are enough here.
    const server = createServer({ key, cert }, (sock) => {
      sock.write('220 implicit ready\r\n');
      sock.on('data', (d: Buffer) => {
        for (const line of d.toString().split('\r\n').filter(Boolean)) {
          received.push(line);
          if (line.startsWith('EHLO')) sock.write('250-hi\r\n250 AUTH PLAIN\r\n');
          else if (line.startsWith('AUTH')) sock.write('235 ok\r\n');
          else if (line === 'DATA') sock.write('354 go\r\n');
          else if (line === '.') sock.write('250 queued\r\n');
          else if (line === 'QUIT') sock.end('221 bye\r\n');
          else if (/^(MAIL|RCPT)/.test(line)) sock.write('250 ok\r\n');
        }
      });
      sock.on('error', () => sock.destroy());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const out = await emailAction({ ...base(tlsServer, { secure: 'tls', ca: cert, ...credentials }), port }).run(p, ctx());
      expect(out).toMatchObject({ response: '250 queued' });
      expect(received[1]).toMatch(/^AUTH PLAIN /);
      expect(await failure(emailAction({ ...base(tlsServer, { secure: 'tls' }), port }).run(p, ctx()))).toMatchObject({ code: 'tls_failed' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('refuses when the server does not offer STARTTLS although the settings require it', async () => {
    const s = await startSmtpTestServer({ credentials });
    try {
      const err = await failure(emailAction(base(s, { secure: 'starttls', ...credentials })).run(p, ctx()));
      expect(err).toMatchObject({ retryable: false, code: 'smtp_no_starttls' });
      expect(s.commands.some((c) => c.startsWith('AUTH'))).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('refuses plaintext injected after the STARTTLS reply', async () => {
    const s = await startSmtpTestServer({ tls: { key, cert }, injectAfterStartTls: '250 injected\r\n' });
    try {
      expect(await failure(emailAction(base(s, { secure: 'starttls', ca: cert })).run(p, ctx()))).toMatchObject({ code: 'protocol_error' });
    } finally {
      await s.close();
    }
  });
});
