// Every action a playbook takes is audited: the registry's actions are wrapped so that each run of an
// action (not a dry run, which only describes) leaves an audit entry — the organisation, the playbook,
// run, step and idempotency key, the parameters' digest, success or failure — whatever the action.
import { createHash } from 'node:crypto';
import { audit, orgScope, type Platform } from '../../../platform/index.ts';
import type { ActionContext, ActionDefinition } from '../playbooks/index.ts';

export function audited(name: string, def: ActionDefinition, platform: Platform, orgOf: (ctx: ActionContext) => string): ActionDefinition {
  const record = async (ctx: ActionContext, params: Readonly<Record<string, unknown>>, outcome: 'success' | 'failure', error?: string) => {
    const orgId = orgOf(ctx);
    await platform.db.tx(orgScope(orgId), (tx) => audit(tx, {
      orgId, actorKind: 'system', action: `playbook.${name}`, target: `${ctx.playbookId}@${ctx.playbookVersion}/${ctx.stepId}`, outcome,
      details: {
        run: ctx.runId, step: ctx.stepId, attempt: ctx.attempt, idempotencyKey: ctx.idempotencyKey,
        params: createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 32), ...(error ? { error: error.slice(0, 500) } : {}),
      },
    }));
  };
  return {
    idempotent: true,
    validate: (p, stage) => def.validate(p, stage),
    describe: (p) => def.describe(p),
    async run(params, ctx) {
      let out: unknown;
      try {
        out = await def.run(params, ctx);
      } catch (err) {
        await record(ctx, params, 'failure', err instanceof Error ? err.message : String(err)).catch((e: unknown) => platform.log.error({ err: e }, 'cannot audit a failed playbook action'));
        throw err;
      }
      await record(ctx, params, 'success');
      return out;
    },
  };
}
