// Shared API contracts (TypeBox schemas = JSON Schema) for server, console and CLI. Imports nothing of ours.
export * from './common.ts';
export * from './auth.ts';
export * from './identity.ts';
export * from './events.ts';
export * from './alerts.ts';
export * from './sigma.ts';
export * from './intel.ts';
export * from './intel-signals.ts';
export * from './sharing-groups.ts';
export * from './federation-keys.ts';
export * from './ops.ts';
export * from './anomaly.ts';
export * from './media.ts';
export * from './media-incidents.ts';
export * from './aiguard.ts';
export * from './respond.ts';
export * from './routes.ts';
