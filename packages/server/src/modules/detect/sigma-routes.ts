// The Sigma API: the packs an organisation runs (the instance's and its own uploads), each with the
// rules that cannot run and why; the rules with the organisation's settings and statistics.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  API, PackName, SigmaPack, SigmaPackList, SigmaRuleDetail, SigmaRulePage, SigmaRuleQuery, UpdateSigmaRule, UploadSigmaPack,
  type SigmaPackError, type SigmaPackSummary,
} from '@bulwark/contracts';
import type { SigmaRuleDetail as RuleDetail } from '@bulwark/contracts';
import { actor, audit, errors, orgScope, principalOf, rows, SUBJECTS, type Platform, type Tx } from '../../platform/index.ts';
import { compileUpload, type Pack, type PackFile, type SigmaCatalog } from './sigma-catalog.ts';
import { ruleEntries, ruleSummary, sortRules } from './sigma-rule-view.ts';
import { loadSettings, loadStats } from './sigma-store.ts';

const MAX_PACK_BYTES = 32 * 1024 * 1024;

function summary(p: Pack): SigmaPackSummary {
  const c = p.compiled;
  return {
    name: p.name,
    source: p.source,
    description: p.description,
    rules: c.rules.length,
    correlations: c.correlations.length,
    filters: c.filters.length,
    errors: c.errors.length,
    files: p.files,
    updatedAt: p.updatedAt?.toISOString() ?? null,
  };
}

function problems(p: Pack): SigmaPackError[] {
  const out: SigmaPackError[] = [];
  const opt = <T>(k: string, v: T | undefined) => (v === undefined ? {} : { [k]: v });
  for (const e of p.compiled.errors) {
    out.push({ kind: 'error', file: e.file, reason: e.reason, code: e.code, ...opt('ruleId', e.ruleId), ...opt('filterId', e.filterId), ...opt('title', e.title), ...opt('line', e.line) });
  }
  for (const w of p.compiled.warnings) {
    out.push({ kind: 'warning', file: w.file, reason: w.reason, code: 'filter', ...opt('filterId', w.filterId), ...opt('title', w.title), ...opt('line', w.line) });
  }
  return out;
}

/** File names are labels inside the pack (never paths on this machine), but must look like relative paths. */
function checkFiles(files: readonly PackFile[]): void {
  const names = new Set<string>();
  let bytes = 0;
  for (const [i, f] of files.entries()) {
    if (f.name.startsWith('/') || f.name.includes('\\') || f.name.split('/').some((s) => s === '..' || s === '.' || s === '') || [...f.name].some((ch) => ch.charCodeAt(0) < 0x20)) {
      throw errors.invalid(`files[${i}].name "${f.name.slice(0, 100)}" must be a relative path such as windows/rule.yml`);
    }
    if (names.has(f.name)) throw errors.invalid(`files[${i}].name "${f.name}" appears twice`);
    names.add(f.name);
    bytes += Buffer.byteLength(f.content);
  }
  if (bytes > MAX_PACK_BYTES) throw errors.tooLarge(`the pack's files hold ${bytes} bytes; at most ${MAX_PACK_BYTES}`);
}

async function announce(tx: Tx, bus: Platform['bus'], orgId: string): Promise<void> {
  await bus.publish(tx, SUBJECTS.sigmaChanged, { orgId }, `sigma-changed-${randomUUID()}`);
}

export function sigmaRoutes(app: FastifyInstance, { db, bus }: Platform, catalog: SigmaCatalog): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const NameParams = Type.Object({ name: PackName });
  const KeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 300 }) });

  r.get(API.sigmaPacks, {
    config: { permission: 'rules:read' },
    schema: { tags: ['sigma'], summary: 'The Sigma packs your organisation runs', response: { 200: SigmaPackList } },
  }, async (req) => {
    const p = principalOf(req);
    return { packs: (await catalog.packsOf(db, p.orgId)).map(summary) };
  });

  r.get(API.sigmaPack(':name'), {
    config: { permission: 'rules:read' },
    schema: { tags: ['sigma'], summary: 'One pack, with each rule that cannot run and why', params: NameParams, response: { 200: SigmaPack } },
  }, async (req) => {
    const p = principalOf(req);
    const pack = (await catalog.packsOf(db, p.orgId)).find((x) => x.name === req.params.name);
    if (!pack) throw errors.notFound('Sigma pack');
    return { ...summary(pack), problems: problems(pack) };
  });

  r.put(API.sigmaPack(':name'), {
    config: { permission: 'rules:write' },
    bodyLimit: 2 * MAX_PACK_BYTES,
    schema: {
      tags: ['sigma'],
      summary: 'Upload (or replace) one of your organisation\'s packs',
      description: 'Every file is compiled; rules that cannot run are stored too and listed with the reason, the others run from the next batch of events on.',
      params: NameParams, body: UploadSigmaPack, response: { 200: SigmaPack },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { name } = req.params;
    if ((await catalog.instancePacks()).some((x) => x.name === name)) throw errors.conflict(`"${name}" is the name of one of the instance's packs; choose another`);
    checkFiles(req.body.files);
    const compiled = compileUpload(req.body.files, catalog.options);
    const description = req.body.description ?? '';
    const stored = await db.tx(orgScope(p.orgId), async (tx) => {
      const [row] = await rows<{ updated_at: Date | string }>(tx, sql`insert into sigma_packs (org_id, name, description, files, updated_by, updated_at)
        values (${p.orgId}, ${name}, ${description}, ${JSON.stringify(req.body.files)}::jsonb, ${p.userId}, clock_timestamp())
        on conflict (org_id, name) do update set description = excluded.description, files = excluded.files, updated_by = excluded.updated_by, updated_at = excluded.updated_at
        returning updated_at`);
      await audit(tx, {
        ...actor(p, req.ip), action: 'sigma.pack.upload', target: name, outcome: 'success',
        details: { files: req.body.files.length, rules: compiled.rules.length, correlations: compiled.correlations.length, filters: compiled.filters.length, errors: compiled.errors.length },
      });
      await announce(tx, bus, p.orgId);
      return row!;
    });
    const pack = catalog.remember(p.orgId, { name, description, files: req.body.files, updated_at: stored.updated_at }, compiled);
    return { ...summary(pack), problems: problems(pack) };
  });

  r.delete(API.sigmaPack(':name'), {
    config: { permission: 'rules:write' },
    schema: { tags: ['sigma'], summary: 'Delete one of your organisation\'s packs', params: NameParams, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    const p = principalOf(req);
    await db.tx(orgScope(p.orgId), async (tx) => {
      const gone = await rows(tx, sql`delete from sigma_packs where org_id = ${p.orgId} and name = ${req.params.name} returning name`);
      if (!gone.length) throw errors.notFound('Sigma pack of your organisation');
      await audit(tx, { ...actor(p, req.ip), action: 'sigma.pack.delete', target: req.params.name, outcome: 'success' });
      await announce(tx, bus, p.orgId);
    });
    return reply.code(204).send(null);
  });

  r.get(API.sigmaRules, {
    config: { permission: 'rules:read' },
    schema: { tags: ['sigma'], summary: 'Rules your organisation runs, with its settings and statistics', querystring: SigmaRuleQuery, response: { 200: SigmaRulePage } },
  }, async (req) => {
    const p = principalOf(req);
    const q = req.query;
    const [packs, settings, stats] = await Promise.all([catalog.packsOf(db, p.orgId), loadSettings(db, p.orgId), loadStats(db, p.orgId)]);
    let list = ruleEntries(packs).map((e) => ruleSummary(e, settings, stats));
    if (q.pack) list = list.filter((x) => x.pack === q.pack);
    if (q.enabled !== undefined) list = list.filter((x) => x.enabled === q.enabled);
    if (q.level) list = list.filter((x) => x.effectiveLevel === q.level);
    if (q.q) {
      const needle = q.q.toLowerCase();
      list = list.filter((x) => x.title.toLowerCase().includes(needle) || x.key.toLowerCase().includes(needle) || x.tags.some((t) => t.toLowerCase().includes(needle)));
    }
    sortRules(list, q.sort ?? 'title');
    const offset = q.offset ?? 0;
    return { rules: list.slice(offset, offset + (q.limit ?? 100)), total: list.length };
  });

  async function detail(orgId: string, key: string): Promise<RuleDetail> {
    const [packs, settings, stats] = await Promise.all([catalog.packsOf(db, orgId), loadSettings(db, orgId), loadStats(db, orgId)]);
    const entry = ruleEntries(packs).find((e) => e.key === key);
    if (!entry) throw errors.notFound('Sigma rule');
    const rule = entry.rule;
    const filters = rule.kind === 'rule'
      ? packs.flatMap((pk) => pk.compiled.filters.filter((f) => f.appliesTo(rule)).map((f) => ({ title: f.filter.title, pack: pk.name })))
      : [];
    return {
      ...ruleSummary(entry, settings, stats),
      description: (rule.kind === 'rule' ? rule.description : undefined) ?? '',
      references: rule.kind === 'rule' ? rule.references : [],
      falsepositives: rule.kind === 'rule' ? rule.falsepositives : [],
      author: (rule.kind === 'rule' ? rule.author : undefined) ?? '',
      file: rule.file ?? '',
      text: (rule.file ? await entry.pack.text(rule.file) : undefined) ?? '',
      filters,
    };
  }

  r.get(API.sigmaRule(':key'), {
    config: { permission: 'rules:read' },
    schema: { tags: ['sigma'], summary: 'One rule with its text, settings, statistics and the filters that tune it', params: KeyParams, response: { 200: SigmaRuleDetail } },
  }, async (req) => detail(principalOf(req).orgId, req.params.key));

  r.patch(API.sigmaRule(':key'), {
    config: { permission: 'rules:write' },
    schema: { tags: ['sigma'], summary: 'Enable, disable or re-level a rule for your organisation', params: KeyParams, body: UpdateSigmaRule, response: { 200: SigmaRuleDetail } },
  }, async (req) => {
    const p = principalOf(req);
    const packs = await catalog.packsOf(db, p.orgId);
    if (!ruleEntries(packs).some((e) => e.key === req.params.key)) throw errors.notFound('Sigma rule');
    const { enabled, level } = req.body;
    await db.tx(orgScope(p.orgId), async (tx) => {
      await tx.execute(sql`insert into sigma_rule_settings (org_id, rule_key, enabled, level, updated_by, updated_at)
        values (${p.orgId}, ${req.params.key}, ${enabled ?? true}, ${level ?? null}, ${p.userId}, clock_timestamp())
        on conflict (org_id, rule_key) do update set
          enabled = coalesce(${enabled ?? null}::boolean, sigma_rule_settings.enabled),
          level = case when ${level !== undefined} then ${level ?? null} else sigma_rule_settings.level end,
          updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
      await audit(tx, { ...actor(p, req.ip), action: 'sigma.rule.update', target: req.params.key, outcome: 'success', details: { ...req.body } });
      await announce(tx, bus, p.orgId);
    });
    return detail(p.orgId, req.params.key);
  });
}
