import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList, refusal } from './address.ts';
import { egressFetch } from './egress.ts';

describe('refusal', () => {
  it('refuses loopback, private, link-local, reserved and mapped addresses, and allows public ones', () => {
    for (const a of ['127.0.0.1', '10.2.3.4', '172.20.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.1.1', '::1', '::', 'fe80::1', 'fd00::5', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1']) {
      expect(refusal(a), a).toBeDefined();
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '2a00:1450:4001::1', '::ffff:8.8.8.8']) expect(refusal(a), a).toBeUndefined();
    expect(refusal('10.9.9.9', parseAllowList('10.9.0.0/16'))).toBeUndefined();
    expect(() => parseAllowList('10.0.0.0/33')).toThrow(/prefix/);
    expect(() => parseAllowList('example.org')).toThrow(/not an IP/);
  });
});

describe('egressFetch against a local server', () => {
  let server: Server;
  let other: Server;
  let port = 0;
  let otherPort = 0;
  beforeAll(async () => {
    // Another origin: the same host name on another port.
    other = createServer((req, res) => res.end(JSON.stringify({ host: req.headers.host, authorization: req.headers.authorization ?? null, cookie: req.headers.cookie ?? null, proxy: req.headers['proxy-authorization'] ?? null, accept: req.headers.accept ?? null, method: req.method })));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    otherPort = (other.address() as AddressInfo).port;
    server = createServer((req, res) => {
      if (req.url === '/redirect-internal') {
        res.writeHead(302, { location: `http://[::1]:${port}/secret` });
        res.end();
      } else if (req.url === '/echo') {
        res.end(JSON.stringify({ host: req.headers.host, authorization: req.headers.authorization ?? null, cookie: req.headers.cookie ?? null, proxy: req.headers['proxy-authorization'] ?? null, accept: req.headers.accept ?? null, method: req.method }));
      } else if (req.url === '/to-other-host') {
        res.writeHead(302, { location: `http://other.example:${port}/echo` });
        res.end();
      } else if (req.url === '/to-same-origin') {
        res.writeHead(307, { location: '/echo' });
        res.end();
      } else if (req.url === '/to-other-scheme-or-port') {
        res.writeHead(308, { location: `http://peer.example:${otherPort}/echo` });
        res.end();
      } else if (req.url === '/big') {
        res.end('x'.repeat(5000));
      } else res.end(`hello ${req.headers.host}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await new Promise<void>((r) => other.close(() => r()));
  });

  const allowLoopback = parseAllowList('127.0.0.1');

  it('refuses loopback targets, by address or by a name that resolves there (no rebinding)', async () => {
    await expect(egressFetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
    await expect(egressFetch(`http://[::1]:${port}/`)).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
    await expect(egressFetch(`http://rebind.example:${port}/`, { resolve: async () => [{ address: '8.8.8.8', family: 4 }, { address: '127.0.0.1', family: 4 }] })).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
    await expect(egressFetch('file:///etc/passwd')).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
    await expect(egressFetch(`http://user:pw@example.org/`)).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
  });

  it('connects to the checked address with the original host name, and bounds the response', async () => {
    const res = await egressFetch(`http://peer.example:${port}/`, { allow: allowLoopback, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    expect(res.body.toString()).toBe(`hello peer.example:${port}`);
    await expect(egressFetch(`http://peer.example:${port}/big`, { allow: allowLoopback, maxBytes: 1000, resolve: async () => [{ address: '127.0.0.1', family: 4 }] })).rejects.toMatchObject({ code: 'EGRESS_FAILED' });
  });

  it('checks every redirect hop', async () => {
    // The first hop is explicitly allowed; the redirect to another loopback address is not.
    await expect(egressFetch(`http://127.0.0.1:${port}/redirect-internal`, { allow: allowLoopback })).rejects.toMatchObject({ code: 'EGRESS_REFUSED', message: expect.stringContaining('[::1]') });
  });

  it('sends credentials across a redirect to the same origin only', async () => {
    const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const headers = { authorization: 'Bearer peer-secret', Cookie: 'session=1', 'Proxy-Authorization': 'Basic x', accept: 'application/json' };
    const echo = (r: { body: Buffer }) => JSON.parse(r.body.toString()) as Record<string, string | null>;
    const same = echo(await egressFetch(`http://peer.example:${port}/to-same-origin`, { allow: allowLoopback, resolve, headers, maxRedirects: 1 }));
    expect(same).toMatchObject({ host: `peer.example:${port}`, authorization: 'Bearer peer-secret', cookie: 'session=1', accept: 'application/json' });
    const other = echo(await egressFetch(`http://peer.example:${port}/to-other-host`, { allow: allowLoopback, resolve, headers, maxRedirects: 1 }));
    expect(other).toEqual({ host: `other.example:${port}`, authorization: null, cookie: null, proxy: null, accept: 'application/json', method: 'GET' });
    // Another port is another origin too; a 308 keeps the method and body, not the credentials.
    const port2 = echo(await egressFetch(`http://peer.example:${port}/to-other-scheme-or-port`, { allow: allowLoopback, resolve, headers: { ...headers, 'content-type': 'application/json' }, maxRedirects: 1, method: 'POST', body: '{}' }));
    expect(port2).toEqual({ host: `peer.example:${otherPort}`, authorization: null, cookie: null, proxy: null, accept: 'application/json', method: 'POST' });
  });
});
