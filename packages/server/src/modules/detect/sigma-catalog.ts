// The Sigma rule packs an organisation runs: the instance's packs (the directories the operator
// configured, read-only, one pack per directory) and the packs the organisation uploaded (stored in the
// database). Compiled packs are cached: instance packs until the next reload, uploaded ones per version.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { sql } from 'drizzle-orm';
import { orgScope, rows, type Db, type Logger } from '../../platform/index.ts';
import { compilePack, compileSources, type CompiledPack, type CompileOptions } from './sigma/compile.ts';

export interface PackFile {
  readonly name: string;
  readonly content: string;
}

export interface Pack {
  readonly name: string;
  readonly source: 'instance' | 'organisation';
  readonly description: string;
  readonly updatedAt: Date | null;
  readonly files: number;
  readonly compiled: CompiledPack;
  /** The text of one of the pack's files. */
  text(file: string): Promise<string | undefined>;
}

const MAX_TEXT = 1 << 20;

/** One pack name per configured directory: its base name, made unique. */
function instanceNames(paths: readonly string[]): string[] {
  const used = new Set<string>();
  return paths.map((p) => {
    const base = basename(p.replace(/[\\/]+$/, '')).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60) || 'rules';
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return name;
  });
}

/** Compiles an uploaded pack (also used to validate an upload before it is stored). */
export function compileUpload(files: readonly PackFile[], options: CompileOptions): CompiledPack {
  return compileSources(files.map((f) => ({ file: f.name, text: f.content })), options);
}

export interface OrgPackRow {
  name: string;
  description: string;
  files: PackFile[];
  updated_at: Date | string;
}

export class SigmaCatalog {
  private instance: Promise<Pack[]> | undefined;
  private readonly uploaded = new Map<string, { stamp: string; pack: Pack }>();

  private readonly paths: readonly string[];
  readonly options: CompileOptions;
  private readonly log: Logger;

  constructor(paths: readonly string[], options: CompileOptions, log: Logger) {
    this.paths = paths;
    this.options = options;
    this.log = log;
  }

  /** The instance's packs, compiled once (and again after reload()). */
  instancePacks(): Promise<Pack[]> {
    this.instance ??= this.compileInstance();
    return this.instance;
  }

  /** Recompiles the instance's packs from disk; callers keep the old ones until this resolves. */
  async reload(): Promise<Pack[]> {
    const next = this.compileInstance();
    await next;
    this.instance = next;
    return next;
  }

  private async compileInstance(): Promise<Pack[]> {
    const names = instanceNames(this.paths);
    const packs: Pack[] = [];
    for (const [i, path] of this.paths.entries()) {
      const compiled = await compilePack(path, this.options);
      const files = new Set([...compiled.rules.map((r) => r.rule.file), ...compiled.errors.map((e) => e.file)]).size;
      for (const e of compiled.errors.slice(0, 50)) this.log.warn({ file: e.file, reason: e.reason }, 'Sigma rule not loaded');
      this.log.info({ pack: names[i], rules: compiled.rules.length, correlations: compiled.correlations.length, filters: compiled.filters.length, notLoaded: compiled.errors.length, path }, 'Sigma rules loaded');
      let updatedAt: Date | null = null;
      try {
        updatedAt = (await stat(path)).mtime;
      } catch {
        /* reported by compilePack */
      }
      packs.push({
        name: names[i]!,
        source: 'instance',
        description: `Rules from ${path}`,
        updatedAt,
        files,
        compiled,
        async text(file) {
          const known = compiled.rules.some((r) => r.rule.file === file) || compiled.correlations.some((c) => c.file === file) || compiled.errors.some((e) => e.file === file);
          if (!known) return undefined;
          const s = await stat(file);
          return s.size > MAX_TEXT ? undefined : readFile(file, 'utf8');
        },
      });
    }
    return packs;
  }

  /** The packs the organisation uploaded, compiled (cached per pack and version). */
  async orgPacks(db: Db, orgId: string): Promise<Pack[]> {
    const stamps = await db.tx(orgScope(orgId), (tx) =>
      rows<{ name: string; updated_at: Date | string }>(tx, sql`select name, updated_at from sigma_packs where org_id = ${orgId} order by name`),
    );
    const out: Pack[] = [];
    const live = new Set<string>();
    for (const s of stamps) {
      const key = `${orgId}\u0000${s.name}`;
      const stamp = new Date(s.updated_at).toISOString();
      live.add(key);
      const cached = this.uploaded.get(key);
      if (cached && cached.stamp === stamp) {
        out.push(cached.pack);
        continue;
      }
      const [row] = await db.tx(orgScope(orgId), (tx) =>
        rows<OrgPackRow>(tx, sql`select name, description, files, updated_at from sigma_packs where org_id = ${orgId} and name = ${s.name}`),
      );
      if (!row) continue;
      const pack = this.fromRow(row);
      this.uploaded.set(key, { stamp: new Date(row.updated_at).toISOString(), pack });
      out.push(pack);
    }
    for (const key of this.uploaded.keys()) if (key.startsWith(`${orgId}\u0000`) && !live.has(key)) this.uploaded.delete(key);
    return out;
  }

  /** Caches a pack just uploaded (and compiled to validate it), so that it is not compiled again here. */
  remember(orgId: string, row: OrgPackRow, compiled: CompiledPack): Pack {
    const pack = this.fromRow(row, compiled);
    this.uploaded.set(`${orgId}\u0000${row.name}`, { stamp: new Date(row.updated_at).toISOString(), pack });
    return pack;
  }

  private fromRow(row: OrgPackRow, compiled?: CompiledPack): Pack {
    const files = row.files;
    const byName = new Map(files.map((f) => [f.name, f.content]));
    return {
      name: row.name,
      source: 'organisation',
      description: row.description,
      updatedAt: new Date(row.updated_at),
      files: files.length,
      compiled: compiled ?? compileUpload(files, this.options),
      text: async (file) => byName.get(file),
    };
  }

  /** Every pack the organisation runs: the instance's first, then its own. */
  async packsOf(db: Db, orgId: string): Promise<Pack[]> {
    return [...(await this.instancePacks()), ...(await this.orgPacks(db, orgId))];
  }
}
