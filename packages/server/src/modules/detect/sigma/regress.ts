// SigmaHQ's regression format: `regression_data/**/info.yml` names the rule (`rule_metadata[].id`) and
// the events (`<id>.json`, evtx_dump JSON); `match_count` set → fewer matches fail, more only warn;
// unset → at least one match passes.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { compilePack, type CompileOptions, type CompiledRule } from './compile.ts';
import { JsonObjectStream } from './json-stream.ts';
import { routeMatch, routesFor } from './logsources.ts';
import { fieldResolver } from './resolver.ts';

export interface RegressionCase {
  dir: string;
  name: string;
  ruleId: string;
  title?: string;
  status: 'passed' | 'failed';
  warning?: string;
  reason?: string;
  matches?: number;
  events?: number;
  expected?: number;
}

export interface RegressionReport {
  cases: RegressionCase[];
  passed: number;
  failed: number;
}

async function findInfoFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const e of entries) if (e.isFile() && e.name === 'info.yml') out.push(join(e.parentPath, e.name));
  return out.sort();
}

interface Info {
  rule_metadata?: Array<{ id?: string; title?: string }>;
  regression_tests_info?: Array<{ name?: string; type?: string; match_count?: number; path?: string }>;
}

/** Runs one rule over the events of a file (with logsource routing). */
export function runRule(rule: CompiledRule, events: readonly unknown[]): number {
  const routes = routesFor(rule.rule.logsource);
  let n = 0;
  for (const ev of events) {
    const acc = routeMatch(routes, fieldResolver(ev));
    if (acc && rule.matcher(acc)) n++;
  }
  return n;
}

/** Runs every case under `dataDir` against the rules loaded from `ruleDirs`. */
export async function runRegression(ruleDirs: readonly string[], dataDir: string, options: CompileOptions = {}): Promise<RegressionReport> {
  const pack = await compilePack(ruleDirs, options);
  const byId = new Map(pack.rules.filter((r) => r.rule.id).map((r) => [r.rule.id as string, r]));
  const errorsById = new Map(pack.errors.filter((e) => e.ruleId).map((e) => [e.ruleId as string, e.reason]));
  const cases: RegressionCase[] = [];
  for (const infoFile of await findInfoFiles(dataDir)) {
    const dir = dirname(infoFile);
    let info: Info;
    try {
      info = (parse(await readFile(infoFile, 'utf8')) ?? {}) as Info;
    } catch (e) {
      cases.push({ dir, name: 'info.yml', ruleId: '?', status: 'failed', reason: `info.yml: ${(e as Error).message}` });
      continue;
    }
    const tests = (info.regression_tests_info ?? []).filter((t) => t.type === undefined || t.type === 'evtx');
    for (const meta of info.rule_metadata ?? []) {
      const ruleId = String(meta.id ?? '?');
      for (const t of tests) {
        const c: RegressionCase = { dir, name: t.name ?? 'test', ruleId, title: meta.title, status: 'failed', expected: t.match_count };
        cases.push(c);
        const rule = byId.get(ruleId);
        if (!rule) {
          c.reason = errorsById.has(ruleId) ? `rule does not compile: ${errorsById.get(ruleId)}` : 'rule not found';
          continue;
        }
        const file = join(dir, `${ruleId}.json`);
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch {
          c.reason = `events file ${file} missing`;
          continue;
        }
        const events: unknown[] = [];
        const reader = new JsonObjectStream();
        for (const r of [...reader.push(text), ...reader.end()]) {
          if (r.error) c.warning = `event at line ${r.line}: ${r.error}`;
          else events.push(r.value);
        }
        c.events = events.length;
        c.matches = runRule(rule, events);
        if (t.match_count === undefined) {
          if (c.matches >= 1) c.status = 'passed';
          else c.reason = `no event matched (${events.length} events)`;
        } else if (c.matches < t.match_count) c.reason = `${c.matches} of ${events.length} events matched, expected ${t.match_count}`;
        else {
          c.status = 'passed';
          if (c.matches > t.match_count) c.warning = `${c.matches} matches, expected ${t.match_count}`;
        }
      }
    }
  }
  const passed = cases.filter((c) => c.status === 'passed').length;
  return { cases, passed, failed: cases.length - passed };
}
