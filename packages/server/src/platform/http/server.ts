// The Fastify instance every module registers into: security headers, cookies, OpenAPI, back-pressure,
// problem+json errors, and the single authorization layer.
import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyUnderPressure from '@fastify/under-pressure';
import Fastify, { type FastifyInstance } from 'fastify';
import { Authenticator } from '../auth/authenticate.ts';
import { registerAuthorization } from '../auth/policy.ts';
import type { Platform } from '../context.ts';
import { errorHandler, sendProblem } from './problem.ts';

export interface HttpOptions {
  readonly webDist?: string;
}

export async function createHttpServer(platform: Platform, opts: HttpOptions = {}): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: platform.log,
    trustProxy: platform.config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  }) as unknown as FastifyInstance;
  app.setErrorHandler(errorHandler);
  // While shutting down, answers in flight close their connection so that close() can complete.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) void reply.header('connection', 'close');
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: platform.config.cookieSecure,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyUnderPressure, {
    // The embedded database runs on this thread: a large commit may hold it for a second or more.
    maxEventLoopDelay: platform.db.kind === 'pglite' ? 5000 : 2000,
    maxHeapUsedBytes: 0,
    maxRssBytes: 0,
    retryAfter: 5,
    exposeStatusRoute: false,
    pressureHandler: (_req, reply, type) => {
      void reply.header('retry-after', '5');
      sendProblem(reply, 503, 'OVERLOADED', `The server is under pressure (${type}); retry later.`);
    },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Bulwark API', version: platform.version, description: 'Self-hosted cyber-defence platform. Authenticate with `Authorization: Bearer <API key>` or a console session cookie (then send `X-CSRF-Token` on unsafe requests).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'bulwark_session' } } },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  registerAuthorization(app, new Authenticator(platform.db));
  // After the authorization hook, so that unknown routes also answer 401 to anonymous callers.
  app.setNotFoundHandler((req, reply) => sendProblem(reply, 404, 'NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}.`));
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: false });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (opts.webDist && existsSync(opts.webDist)) {
    const root = opts.webDist;
    await app.register(async (scope) => {
      // The console's static files carry no data (the login page is among them).
      scope.addHook('onRoute', (route) => {
        route.config = { ...(route.config as object), public: true };
      });
      await scope.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: ['index.html'], cacheControl: true, maxAge: '1h' });
    });
  } else {
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/plain').send('Bulwark API is running. The console is not built: run `npm run build:web` (npm start does it).'),
    );
  }
  return app;
}
