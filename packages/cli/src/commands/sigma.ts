// `bulwark sigma check <dir...>`: compile rule packs (rules and meta filters) and list every rule or filter
// that cannot run, with the reason, and filters that name rules the pack lacks.
// `bulwark sigma regress --rules <dir...> <regression-data-dir>`: SigmaHQ's regression cases.
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { printJson, println, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';
import { loadServerPackage } from '../server-package.ts';
import { registerSigmaPacks } from './sigma-packs.ts';

interface PackError {
  file: string;
  ruleId?: string;
  filterId?: string;
  title?: string;
  reason: string;
  code: string;
  line?: number;
  status?: string;
}
interface PackWarning {
  file: string;
  filterId?: string;
  title?: string;
  reason: string;
  line?: number;
}
interface RegressionCase {
  dir: string;
  ruleId: string;
  title?: string;
  status: 'passed' | 'failed';
  reason?: string;
  warning?: string;
}
interface SigmaApi {
  sigmaCompilePack(paths: string[], opts: { placeholders?: Record<string, string[]> }): Promise<{ rules: unknown[]; correlations: unknown[]; filters?: unknown[]; errors: PackError[]; warnings?: PackWarning[] }>;
  sigmaRegress(rules: string[], dataDir: string, opts: { placeholders?: Record<string, string[]> }): Promise<{ cases: RegressionCase[]; passed: number; failed: number }>;
  sigmaPlaceholders(path: string): Promise<Record<string, string[]>>;
}

async function placeholders(api: SigmaApi, path: string | undefined): Promise<Record<string, string[]> | undefined> {
  if (path === undefined) return undefined;
  try {
    return await api.sigmaPlaceholders(path);
  } catch (err) {
    throw new UsageError(`--placeholders ${path}: ${(err as Error).message}`);
  }
}

function rootJson(cmd: Command): boolean {
  let c = cmd;
  while (c.parent) c = c.parent;
  return c.opts<{ json?: boolean }>().json === true;
}

export function registerSigma(program: Command, app: App): void {
  const sigma = program.command('sigma').description('Sigma rule packs: compile checks and regression cases (locally); packs, rules and their settings on the server');
  registerSigmaPacks(sigma, app);

  sigma
    .command('check')
    .description('compile rule packs (rules and meta filters) and list each that cannot run, with the reason')
    .argument('<paths...>', 'rule files or folders')
    .option('--json', 'one JSON document')
    .option('--placeholders <yaml>', 'YAML map of placeholder name → list of values, for `expand`')
    .action(async (paths: string[], o: { json?: boolean; placeholders?: string }, cmd: Command) => {
      const api = await loadServerPackage<SigmaApi>('sigma check', ['sigmaCompilePack', 'sigmaPlaceholders']);
      const pack = await api.sigmaCompilePack(paths, { placeholders: await placeholders(api, o.placeholders) });
      const failedRules = new Set(pack.errors.map((e) => `${e.file}\u0000${e.ruleId ?? e.filterId ?? e.title ?? ''}`)).size;
      const filters = pack.filters?.length ?? 0;
      const warnings = pack.warnings ?? [];
      const byCode: Record<string, number> = {};
      for (const e of pack.errors) byCode[e.code] = (byCode[e.code] ?? 0) + 1;
      const out = { json: true, stdout: process.stdout, stderr: process.stderr };
      if (o.json || rootJson(cmd)) {
        printJson(out, { compiled: pack.rules.length, filters, correlations: pack.correlations.length, failedRules, errorsByCode: byCode, errors: pack.errors, warnings });
      } else {
        const line = (e: PackError | PackWarning, id: string | undefined, reason: string) => {
          const where = `${e.file}${e.line ? `:${e.line}` : ''}`;
          println(out, `${sanitize(where)}  ${sanitize(e.title ?? '')}${id ? ` (${sanitize(id)})` : ''}: ${sanitize(reason)}`);
        };
        for (const e of pack.errors) line(e, e.ruleId ?? e.filterId, e.reason);
        for (const w of warnings) line(w, w.filterId, `warning: ${w.reason}`);
        const codes = Object.entries(byCode).map(([k, n]) => `${n} ${k}`).join(', ');
        println(out, `${pack.rules.length} rules, ${filters} filters compiled, ${failedRules} cannot run${codes ? ` (${codes})` : ''}, ${pack.correlations.length} correlation rules parsed`);
      }
      if (pack.errors.length) app.exitCode = Math.max(app.exitCode, 1);
    });

  sigma
    .command('regress')
    .description("run SigmaHQ regression cases (info.yml + events JSON) and check each rule's match count")
    .argument('[regression-data-dir]', 'folder holding the cases (searched recursively for info.yml); may also be the last value after --rules')
    .requiredOption('--rules <dir...>', 'rule folders to resolve the cases against')
    .option('--placeholders <yaml>', 'YAML map of placeholder name → list of values, for `expand`')
    .option('--json', 'one JSON document')
    .action(async (dataArg: string | undefined, o: { rules: string[]; placeholders?: string; json?: boolean }, cmd: Command) => {
      // `--rules a b data` : the variadic option takes the data folder too; the last value is the data folder.
      const rules = [...o.rules];
      const dataDir = dataArg ?? (rules.length > 1 ? rules.pop() : undefined);
      if (dataDir === undefined) throw new UsageError('give the regression data folder after the rule folders');
      const api = await loadServerPackage<SigmaApi>('sigma regress', ['sigmaRegress', 'sigmaPlaceholders']);
      const report = await api.sigmaRegress(rules, dataDir, { placeholders: await placeholders(api, o.placeholders) });
      const out = { json: true, stdout: process.stdout, stderr: process.stderr };
      if (o.json || rootJson(cmd)) printJson(out, report);
      else {
        for (const c of report.cases) {
          if (c.status === 'failed') println(out, `FAIL ${sanitize(c.dir)} ${sanitize(c.title ?? c.ruleId)}: ${sanitize(c.reason ?? '')}`);
        }
        println(out, `${report.passed} passed, ${report.failed} failed`);
      }
      if (report.failed) app.exitCode = Math.max(app.exitCode, 1);
    });
}
