// Placeholder until the routes of this part are written.
import type { FastifyInstance } from 'fastify';
import type { MediaDeps } from '../module.ts';

export function checkRoutes(_app: FastifyInstance, _deps: MediaDeps): void {}
