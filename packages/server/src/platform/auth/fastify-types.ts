// Type-only additions to Fastify: the resolved principal and each route's declared permission.
import type {} from '@fastify/cookie';
import type { Principal } from './principal.ts';
import type { Permission } from './roles.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** What the caller must be allowed to do; every non-public route declares one. */
    permission?: Permission;
    /** Reachable without credentials (health probes, login, console assets). */
    public?: boolean;
  }
}

export {};
