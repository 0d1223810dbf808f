// `bulwark aiguard …`: the AI gateway's commands; each sub-command lives in its own file (aiguard-<name>.ts).
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { registerAiguardEval } from './aiguard-eval.ts';

export function registerAiguard(program: Command, app: App): void {
  const aiguard = program.command('aiguard').description('AI gateway: evaluation of the abuse scanner on labelled prompts (run locally)');
  registerAiguardEval(aiguard, app);
}
