import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Client } from './http.ts';
import { ConnectionError, ProblemError, UsageError, renderError, renderProblem, toProblem } from './problem.ts';

// Bodies as the server's one error mapper writes them (packages/server/src/platform/http/problem.ts).
const validation = JSON.stringify({
  type: 'urn:bulwark:problem:invalid-input',
  title: 'Bad Request',
  status: 400,
  code: 'INVALID_INPUT',
  detail: 'body/email: must match pattern; body/role: must be equal to one of the allowed values',
  instance: '/api/v1/users',
  errors: [
    { where: 'body/email', reason: 'must match pattern "^[^@\\s]+@[^@\\s]+$"' },
    { where: 'body/role', reason: 'must be equal to one of the allowed values' },
  ],
});

describe('problem rendering', () => {
  it('prints detail and code, then one line per field error', () => {
    const p = toProblem(400, 'Bad Request', 'application/problem+json; charset=utf-8', validation);
    expect(renderProblem(p)).toBe(
      'error: body/email: must match pattern; body/role: must be equal to one of the allowed values (INVALID_INPUT)\n' +
        '  body/email: must match pattern "^[^@\\s]+@[^@\\s]+$"\n' +
        '  body/role: must be equal to one of the allowed values',
    );
  });

  it('falls back to the title when there is no detail, and keeps extra members', () => {
    const p = toProblem(401, 'Unauthorized', 'application/problem+json', '{"type":"about:blank","title":"Unauthorized","status":401,"code":"UNAUTHENTICATED","extra":1}');
    expect(renderProblem(p)).toBe('error: Unauthorized (UNAUTHENTICATED)');
    expect((p as Record<string, unknown>).extra).toBe(1);
  });

  it('turns a non-problem error page (e.g. from a proxy) into a problem with an HTTP_ code', () => {
    const p = toProblem(502, 'Bad Gateway', 'text/html', '<html><body><h1>502 Bad Gateway</h1>\n<hr>nginx</body></html>');
    expect(renderProblem(p)).toBe('error: Bad Gateway: 502 Bad Gateway nginx (HTTP_502)');
    expect(renderProblem(toProblem(500, '', null, ''))).toBe('error: HTTP 500 (HTTP_500)');
  });

  it('makes terminal escape sequences from the server inert', () => {
    const p = toProblem(409, 'Conflict', 'application/json', JSON.stringify({ title: 'Conflict', code: 'CONFLICT', detail: 'slug "\u001b[2Jx" exists' }));
    expect(renderProblem(p)).toBe('error: slug "\\u001b[2Jx" exists (CONFLICT)');
  });

  it('renders every kind of error with the error: prefix', () => {
    expect(renderError(new ProblemError({ type: 'about:blank', title: 'Not Found', status: 404, code: 'NOT_FOUND', detail: 'No such key.' }))).toBe('error: No such key. (NOT_FOUND)');
    expect(renderError(new UsageError('--batch must be a whole number'))).toBe('error: --batch must be a whole number');
  });
});

describe('connection failures', () => {
  it('name the URL that could not be reached and never the token', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const client = new Client({ url: `http://127.0.0.1:${port}`, token: 'secret-token-value' });
    const err = await client.get('/api/v1/health').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(renderError(err)).toBe(`error: cannot reach Bulwark at http://127.0.0.1:${port} (ECONNREFUSED)`);
    expect(renderError(err)).not.toContain('secret');
  });

  it('reject URLs that are not http(s)', () => {
    expect(() => new Client({ url: 'ftp://x' })).toThrow(UsageError);
    expect(() => new Client({ url: 'not a url' })).toThrow(/--url is not a URL/);
  });

  it('keep a path prefix of the base URL and repeat array query values', () => {
    const c = new Client({ url: 'https://soc.example.eu/bulwark' });
    expect(c.url('/api/v1/events', { field: ['a=1', 'b=2'], q: 'x y', limit: 5, cursor: undefined }).href).toBe(
      'https://soc.example.eu/bulwark/api/v1/events?field=a%3D1&field=b%3D2&q=x+y&limit=5',
    );
  });
});
