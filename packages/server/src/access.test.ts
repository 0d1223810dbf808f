// Access control from outside, over real HTTP: authentication everywhere, organisations isolated,
// roles never escalated, credentials shown once and revocable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTiers } from './testing/databases.ts';
import { client, startTestApp, type TestApp } from './testing/app.ts';
import { TEST_ADMIN } from './testing/server-process.ts';

type Call = ReturnType<typeof client>;
const PUBLIC = new Set(['GET /livez', 'GET /readyz', 'POST /api/v1/auth/login']);

for (const tier of databaseTiers()) {
  describe(`access control (${tier.name})`, () => {
    let t: TestApp;
    let root: Call;
    const orgs: Record<string, string> = {};
    const users: Record<string, { id: string; token: string; password: string }> = {};

    async function makeUser(org: string, email: string, role: string): Promise<void> {
      const c = await root('POST', '/api/v1/users', { email, role, organisationId: orgs[org] });
      expect(c.status).toBe(201);
      const { user, password } = c.body as { user: { id: string }; password: string };
      // The instance admin issues each user a key in the user's organisation by switching into it with a session.
      const login = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const info = (await login.json()) as { csrfToken: string };
      const key = await client(t.url, { cookie, csrf: info.csrfToken })('POST', '/api/v1/keys', { name: 'test' });
      expect(key.status).toBe(201);
      users[email] = { id: user.id, token: (key.body as { token: string }).token, password };
    }
    const as = (email: string): Call => client(t.url, { token: users[email]!.token });

    beforeAll(async () => {
      t = await startTestApp(tier);
      root = client(t.url, { token: t.adminToken });
      for (const slug of ['ministry-a', 'agency-b']) {
        const r = await root('POST', '/api/v1/organisations', { name: slug, slug });
        expect(r.status).toBe(201);
        orgs[slug] = (r.body as { id: string }).id;
      }
      await makeUser('ministry-a', 'admin@a.example', 'admin');
      await makeUser('ministry-a', 'analyst@a.example', 'analyst');
      await makeUser('agency-b', 'admin@b.example', 'admin');
      await makeUser('agency-b', 'analyst@b.example', 'analyst');
    });
    afterAll(async () => t?.close());

    it('answers 401 without credentials on every route except health and login', async () => {
      const spec = t.app.http!.swagger() as { paths: Record<string, Record<string, unknown>> };
      const anon = client(t.url);
      let checked = 0;
      for (const [path, methods] of Object.entries(spec.paths)) {
        for (const method of Object.keys(methods)) {
          const m = method.toUpperCase();
          const concrete = path.replace(/\{id\}/g, '00000000-0000-0000-0000-000000000000');
          const r = await anon(m, concrete, m === 'GET' || m === 'DELETE' ? undefined : {});
          if (PUBLIC.has(`${m} ${path}`)) expect(r.status, `${m} ${path}`).not.toBe(401);
          else expect(r.status, `${m} ${path}`).toBe(401);
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(20);
      for (const p of ['/metrics', '/openapi.json', '/docs/', '/api/v1/no-such-route']) expect((await anon('GET', p)).status, p).toBe(401);
      expect((await client(t.url, { token: 'bwk_not-a-real-token-000000000000' })('GET', '/api/v1/auth/session')).status).toBe(401);
    });

    it('keeps each organisation’s events and alerts to itself (404 across organisations)', async () => {
      const critical = { EventID: 4625, Computer: 'dc-b', Level: 1, TargetUserName: 'victim' };
      const sent = await as('analyst@b.example')('POST', '/api/v1/events', [critical]);
      expect(sent.status).toBe(200);
      let alertId: string | undefined;
      for (let i = 0; i < 100 && !alertId; i++) {
        const list = await as('analyst@b.example')('GET', '/api/v1/alerts');
        alertId = (list.body as { alerts: { id: string }[] }).alerts[0]?.id;
        if (!alertId) await new Promise((r) => setTimeout(r, 50));
      }
      expect(alertId).toBeDefined();
      const a = as('admin@a.example');
      expect((await a('GET', `/api/v1/alerts/${alertId}`)).status).toBe(404);
      expect((await a('PATCH', `/api/v1/alerts/${alertId}`, { status: 'closed' })).status).toBe(404);
      expect(((await a('GET', '/api/v1/alerts')).body as { alerts: unknown[] }).alerts).toEqual([]);
      const dbgr = await a('GET', '/api/v1/events?field=native.Computer=dc-b');
      expect((dbgr.body as { events: unknown[] }).events).toEqual([]);
      expect(((await as('admin@b.example')('GET', '/api/v1/events?field=native.Computer=dc-b')).body as { events: unknown[] }).events).toHaveLength(1);
    });

    it('an organisation admin cannot touch another organisation’s users, roles or keys', async () => {
      const a = as('admin@a.example');
      const target = users['analyst@b.example']!;
      expect((await a('PATCH', `/api/v1/users/${target.id}`, { role: 'trainee' })).status).toBe(404);
      expect((await a('PATCH', `/api/v1/users/${target.id}`, { disabled: true })).status).toBe(404);
      expect((await a('POST', `/api/v1/users/${target.id}/password`, { password: 'another long password' })).status).toBe(404);
      expect((await a('GET', `/api/v1/users?organisationId=${orgs['agency-b']}`)).status).toBe(404);
      expect((await a('POST', '/api/v1/users', { email: 'x@b.example', role: 'analyst', organisationId: orgs['agency-b'] })).status).toBe(404);
      expect((await a('POST', '/api/v1/keys', { name: 'k', userId: target.id })).status).toBe(404);
      const bKeys = await as('admin@b.example')('GET', '/api/v1/keys');
      const bKey = (bKeys.body as { id: string }[])[0]!;
      expect((await a('DELETE', `/api/v1/keys/${bKey.id}`)).status).toBe(404);
      expect((await a('POST', '/api/v1/organisations', { name: 'rogue', slug: 'rogue' })).status).toBe(403);
      // The B user still works: nothing was changed.
      expect((await as('analyst@b.example')('GET', '/api/v1/auth/session')).status).toBe(200);
    });

    it('a lower role never changes a higher role’s password, keys or role', async () => {
      const low = as('analyst@a.example');
      const admin = users['admin@a.example']!;
      expect((await low('POST', `/api/v1/users/${admin.id}/password`, { password: 'hijacked password!!' })).status).toBe(403);
      expect((await low('PATCH', `/api/v1/users/${admin.id}`, { disabled: true })).status).toBe(403);
      const adminKeys = await as('admin@a.example')('GET', '/api/v1/keys');
      const adminKey = (adminKeys.body as { id: string; userId: string }[]).find((k) => k.userId === admin.id)!;
      expect((await low('DELETE', `/api/v1/keys/${adminKey.id}`)).status).toBe(404);
      expect((await low('POST', '/api/v1/keys', { name: 'up', role: 'admin' })).status).toBe(403);
      expect((await low('POST', '/api/v1/users', { email: 'evil@a.example', role: 'admin' })).status).toBe(403);
      // An admin's key restricted to "analyst" acts as an analyst.
      const restricted = await as('admin@a.example')('POST', '/api/v1/keys', { name: 'ro', role: 'analyst' });
      const rc = client(t.url, { token: (restricted.body as { token: string }).token });
      expect((await rc('GET', '/api/v1/users')).status).toBe(403);
      // The organisation admin cannot manage the instance administrator (not in their organisation).
      const rootUser = ((await root('GET', '/api/v1/users')).body as { id: string; email: string }[]).find((u) => u.email === TEST_ADMIN.email)!;
      expect((await as('admin@a.example')('POST', `/api/v1/users/${rootUser.id}/password`, { password: 'hijacked password!!' })).status).toBe(404);
      // Admin can manage the analyst of the same organisation.
      expect((await as('admin@a.example')('PATCH', `/api/v1/users/${users['analyst@a.example']!.id}`, { role: 'responder' })).status).toBe(200);
    });

    it('shows a key once, and a revoked or expired key stops working', async () => {
      const a = as('admin@a.example');
      const made = await a('POST', '/api/v1/keys', { name: 'temp', expiresInDays: 1 });
      const { key, token } = made.body as { key: { id: string }; token: string };
      const listed = JSON.stringify((await a('GET', '/api/v1/keys')).body);
      expect(listed).not.toContain(token);
      const k = client(t.url, { token });
      expect((await k('GET', '/api/v1/auth/session')).status).toBe(200);
      expect((await a('DELETE', `/api/v1/keys/${key.id}`)).status).toBe(200);
      expect((await k('GET', '/api/v1/auth/session')).status).toBe(401);
    });

    it('console sessions need the CSRF token on unsafe requests, and logins are throttled', async () => {
      const login = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }) });
      expect(login.status).toBe(200);
      const setCookie = login.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      const cookie = setCookie.split(';')[0]!;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      expect((await client(t.url, { cookie })('GET', '/api/v1/auth/session')).status).toBe(200);
      expect((await client(t.url, { cookie })('POST', '/api/v1/keys', { name: 'x' })).status).toBe(403);
      expect((await client(t.url, { cookie, csrf: 'wrong' })('POST', '/api/v1/keys', { name: 'x' })).status).toBe(403);
      expect((await client(t.url, { cookie, csrf: csrfToken })('POST', '/api/v1/keys', { name: 'x' })).status).toBe(201);
      const anon = client(t.url);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await anon('POST', '/api/v1/auth/login', { email: 'analyst@b.example', password: `wrong-${i}` })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      const blocked = await anon('POST', '/api/v1/auth/login', { email: 'analyst@b.example', password: users['analyst@b.example']!.password });
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    });

    it('has no default password: common guesses fail and every sign-in attempt is audited', async () => {
      for (const [email, password] of [['admin@bulwark.local', 'admin'], ['admin', 'admin'], [TEST_ADMIN.email, 'password'], [TEST_ADMIN.email, 'changeme']]) {
        expect((await client(t.url)('POST', '/api/v1/auth/login', { email, password })).status).not.toBe(200);
      }
      const audit = await root('GET', '/api/v1/audit?action=auth.login&limit=500');
      const entries = (audit.body as { entries: { outcome: string }[] }).entries;
      expect(entries.some((e) => e.outcome === 'failure')).toBe(true);
      expect(entries.some((e) => e.outcome === 'success')).toBe(true);
      expect(((await root('GET', '/api/v1/audit/verify')).body as { ok: boolean }).ok).toBe(true);
    });
  });
}
