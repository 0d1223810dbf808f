// `bulwark aiguard …`: the AI gateway's commands; each sub-command lives in its own file (aiguard-<name>.ts).
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { registerAiguardAdmin } from './aiguard-admin.ts';
import { registerAiguardEval } from './aiguard-eval.ts';

export function registerAiguard(program: Command, app: App): void {
  const aiguard = program.command('aiguard').description('AI gateway: upstreams, keys, the request log and review queue, account risk and the block list (over the API); evaluation of the abuse scanner on labelled prompts (run locally)');
  registerAiguardEval(aiguard, app);
  registerAiguardAdmin(aiguard, app);
}
