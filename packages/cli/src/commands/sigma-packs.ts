// Sigma packs and rules on a server: `bulwark sigma packs | pack | upload | delete-pack | rules | rule |
// enable | disable | level`.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { SigmaPack, SigmaPackList, SigmaRuleDetail, SigmaRulePage, UpdateSigmaRule } from '@bulwark/contracts';
import { type Command, Option } from 'commander';
import { API } from '../api.ts';
import type { App } from '../context.ts';
import { note, printJson, printTable, println, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';

const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'];
const MAX_FILE = 1 << 20;

/** The rule files under the given paths, named relative to the directory given (or by base name). */
export async function packFiles(paths: readonly string[]): Promise<Array<{ name: string; content: string }>> {
  const out: Array<{ name: string; content: string }> = [];
  const walk = async (root: string, p: string): Promise<void> => {
    const s = await stat(p);
    if (s.isDirectory()) {
      for (const e of (await readdir(p)).sort()) if (!e.startsWith('.')) await walk(root, join(p, e));
      return;
    }
    if (p !== root && !/\.ya?ml$/i.test(p)) return;
    if (s.size > MAX_FILE) throw new UsageError(`${p} is larger than ${MAX_FILE} bytes, the most a rule file may hold`);
    const name = (p === root ? p.split(sep).pop()! : relative(root, p)).split(sep).join('/');
    out.push({ name, content: await readFile(p, 'utf8') });
  };
  for (const p of paths) {
    try {
      await walk(p, p);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`cannot read ${p}: ${(err as Error).message}`);
    }
  }
  const seen = new Set<string>();
  for (const f of out) {
    if (seen.has(f.name)) throw new UsageError(`two files would be named ${f.name} in the pack; upload one directory at a time`);
    seen.add(f.name);
  }
  if (!out.length) throw new UsageError('no .yml or .yaml file found');
  return out;
}

function printPack(app: App, cmd: Command, pack: SigmaPack): void {
  const c = app.ctx(cmd);
  if (c.json) return printJson(c.out, pack);
  println(c.out, `${sanitize(pack.name)} (${pack.source}): ${pack.rules} rules, ${pack.correlations} correlations, ${pack.filters} filters from ${pack.files} files; ${pack.errors} cannot run`);
  for (const p of pack.problems) {
    const where = p.line !== undefined ? `${p.file}:${p.line}` : p.file;
    const what = p.ruleId ?? p.filterId ?? p.title ?? '';
    println(c.out, `  ${p.kind} ${sanitize(where)}${what ? ` [${sanitize(what)}]` : ''}: ${sanitize(p.reason)}`);
  }
}

export function registerSigmaPacks(sigma: Command, app: App): void {
  sigma
    .command('packs')
    .description('the packs your organisation runs on the server (the instance\'s and your own)')
    .action(async (_o, cmd: Command) => {
      const c = app.ctx(cmd);
      const list = await c.client.get<SigmaPackList>(API.sigmaPacks);
      if (c.json) return printJson(c.out, list);
      printTable(c.out, list.packs, [
        { header: 'name', value: (p) => p.name },
        { header: 'source', value: (p) => p.source },
        { header: 'rules', value: (p) => String(p.rules) },
        { header: 'correlations', value: (p) => String(p.correlations) },
        { header: 'filters', value: (p) => String(p.filters) },
        { header: 'cannot run', value: (p) => String(p.errors) },
        { header: 'updated', value: (p) => p.updatedAt ?? '' },
      ], '(no packs)');
    });

  sigma
    .command('pack <name>')
    .description('one pack on the server, with each rule that cannot run and why')
    .action(async (name: string, _o, cmd: Command) => printPack(app, cmd, await app.ctx(cmd).client.get<SigmaPack>(API.sigmaPack(name))));

  sigma
    .command('upload <name> <paths...>')
    .description('upload rule files or directories as one of your organisation\'s packs (replaces a pack of that name); prints what cannot run')
    .option('--description <text>', 'what the pack is for')
    .action(async (name: string, paths: string[], o: { description?: string }, cmd: Command) => {
      const files = await packFiles(paths);
      const pack = await app.ctx(cmd).client.put<SigmaPack>(API.sigmaPack(name), { files, ...(o.description !== undefined ? { description: o.description } : {}) });
      printPack(app, cmd, pack);
    });

  sigma
    .command('delete-pack <name>')
    .description('delete one of your organisation\'s packs')
    .action(async (name: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      await c.client.delete(API.sigmaPack(name));
      if (c.json) return printJson(c.out, { deleted: name });
      println(c.out, `deleted pack ${sanitize(name)}`);
    });

  sigma
    .command('rules')
    .description('rules your organisation runs, with settings, hits and evaluation cost')
    .option('--pack <name>', 'only this pack')
    .option('--search <text>', 'text in the title, id or tags')
    .addOption(new Option('--level <level>', 'only this effective level').choices(LEVELS))
    .option('--disabled', 'only disabled rules')
    .addOption(new Option('--sort <by>', 'order').choices(['title', 'hits', 'cost']).default('title'))
    .option('--limit <n>', 'rules per page (1-1000)', '100')
    .option('--offset <n>', 'skip this many', '0')
    .action(async (o: { pack?: string; search?: string; level?: string; disabled?: boolean; sort: string; limit: string; offset: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const limit = Number(o.limit);
      const offset = Number(o.offset);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit must be a whole number from 1 to 1000, not ${o.limit}`);
      if (!Number.isInteger(offset) || offset < 0) throw new UsageError(`--offset must be a whole number, not ${o.offset}`);
      const page = await c.client.get<SigmaRulePage>(API.sigmaRules, {
        pack: o.pack, q: o.search, level: o.level, enabled: o.disabled ? false : undefined, sort: o.sort, limit, offset,
      });
      if (c.json) return printJson(c.out, page);
      printTable(c.out, page.rules, [
        { header: 'key', value: (r) => r.key, max: 40 },
        { header: 'level', value: (r) => r.effectiveLevel + (r.level !== null && r.level !== r.effectiveLevel ? '*' : '') },
        { header: 'on', value: (r) => (r.enabled ? 'yes' : 'no') },
        { header: 'hits', value: (r) => String(r.hits) },
        { header: 'evaluations', value: (r) => String(r.evaluations) },
        { header: 'cost ms', value: (r) => r.costMs.toFixed(3) },
        { header: 'pack', value: (r) => r.pack, max: 24 },
        { header: 'title', value: (r) => r.title, max: 70 },
      ], '(no rules)');
      if (offset + page.rules.length < page.total) note(c.out, `${page.total} rules; more: --offset ${offset + page.rules.length}`);
    });

  sigma
    .command('rule <key>')
    .description('one rule: settings, statistics, the filters that tune it and its text')
    .action(async (key: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<SigmaRuleDetail>(API.sigmaRule(key));
      if (c.json) return printJson(c.out, r);
      println(c.out, `${sanitize(r.title)} [${sanitize(r.key)}]`);
      println(c.out, `pack ${sanitize(r.pack)} (${r.source}), ${r.kind}, level ${r.effectiveLevel}${r.level !== r.effectiveLevel ? ` (rule says ${r.level ?? 'nothing'})` : ''}, ${r.enabled ? 'enabled' : 'disabled'}`);
      println(c.out, `hits ${r.hits}, evaluations ${r.evaluations}, cost ${r.costMs.toFixed(3)} ms, last hit ${r.lastHitAt ?? 'never'}`);
      for (const f of r.filters) println(c.out, `filtered by "${sanitize(f.title)}" (pack ${sanitize(f.pack)})`);
      println(c.out, '');
      for (const line of r.text.split('\n')) println(c.out, sanitize(line));
    });

  const update = async (cmd: Command, key: string, change: UpdateSigmaRule) => {
    const c = app.ctx(cmd);
    const r = await c.client.patch<SigmaRuleDetail>(API.sigmaRule(key), change);
    if (c.json) return printJson(c.out, r);
    println(c.out, `${sanitize(r.key)}: ${r.enabled ? 'enabled' : 'disabled'}, level ${r.effectiveLevel} — ${sanitize(r.title)}`);
  };
  sigma.command('enable <key>').description('run a rule for your organisation').action((key: string, _o, cmd: Command) => update(cmd, key, { enabled: true }));
  sigma.command('disable <key>').description('stop a rule for your organisation').action((key: string, _o, cmd: Command) => update(cmd, key, { enabled: false }));
  sigma
    .command('level <key> <level>')
    .description(`override a rule's alert severity for your organisation (${LEVELS.join(', ')}, or "default")`)
    .action((key: string, level: string, _o, cmd: Command) => {
      if (level !== 'default' && !LEVELS.includes(level)) throw new UsageError(`level must be one of ${LEVELS.join(', ')} or default, not ${level}`);
      return update(cmd, key, { level: level === 'default' ? null : (level as UpdateSigmaRule['level']) });
    });
}
