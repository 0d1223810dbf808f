// `bulwark intel import | export | list | show | sight | sightings | correlate`: the STIX 2.1 store over the API.
import { createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { join } from 'node:path';
import type { IntelCorrelations, IntelImportReport, IntelObjectDetail, IntelObjectPage, IntelObjectSummary, IntelSightingList, MispImportReport, NewSighting, RecordedSighting, SharingGroupList } from '@bulwark/contracts';
import { type Command, Option } from 'commander';
import { API } from '../api.ts';
import type { App } from '../context.ts';
import { note, printJson, printTable, println, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';

const TLP = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];
const DISTRIBUTION = ['organisation', 'community', 'connected', 'all'];
const MAX_BUNDLE = 256 * 1024 * 1024;
const SHOW_DEFECTS = 50;

/** `score 42/90 (exponential, half-life 10 days for ipv4-addr; last seen …)`, or '' for objects without a score. */
function scoreLine(s: IntelObjectSummary): string {
  if (s.score === undefined || !s.decay) return '';
  const d = s.decay;
  const model = d.model === 'exponential' ? `exponential, half-life ${d.halfLifeDays} days` : d.model === 'polynomial' ? `polynomial, lifetime ${d.lifetimeDays} days` : 'no decay';
  const why = d.falsePositive ? `; false positive since ${d.falsePositive}` : s.score === 0 ? '; expired' : '';
  return `score ${s.score}/${d.baseScore} (${model} for ${sanitize(d.observable)}; last seen ${d.lastSighting ?? 'never'}${why})`;
}

/** A sharing group named by id or by name (case-insensitive, unique among the groups you may use). */
export async function groupId(client: { get<T>(path: string): Promise<T> }, given: string): Promise<string> {
  const { groups } = await client.get<SharingGroupList>(API.intelSharingGroups);
  const byId = groups.find((g) => g.id === given.toLowerCase());
  if (byId) return byId.id;
  const named = groups.filter((g) => g.name.toLowerCase() === given.toLowerCase());
  if (named.length === 1) return named[0]!.id;
  if (named.length > 1) throw new UsageError(`${named.length} sharing groups are named ${sanitize(given)}: give the id (${named.map((g) => g.id).join(', ')})`);
  throw new UsageError(`no sharing group ${sanitize(given)} that your organisation owns or belongs to (bulwark intel groups list)`);
}

export function registerIntel(program: Command, app: App): void {
  const intel = program.command('intel').description('threat intelligence: STIX 2.1 bundles in and out, objects you may receive');

  intel
    .command('import <path>')
    .description('import a STIX 2.1 bundle (JSON file), a MISP event (JSON with "Event") or a MISP feed directory (manifest.json + event files); every defect is listed. Exit status 2 when something was rejected')
    .addOption(new Option('--tlp <level>', 'TLP of objects without a TLP marking (or tlp tag)').choices(TLP).default('AMBER'))
    .addOption(new Option('--distribution <scope>', 'who may receive the objects (MISP: the widest allowed)').choices(DISTRIBUTION).default('organisation'))
    .option('--group <group>', 'STIX bundles: share with this sharing group (its id or name; your organisation owns or belongs to it)')
    .option('--strict', 'STIX bundles: store nothing when any object has an error')
    .action(async (path: string, o: { tlp: string; distribution: string; group?: string; strict?: boolean }, cmd: Command) => {
      const c = app.ctx(cmd);
      if (o.group !== undefined && cmd.getOptionValueSource('distribution') === 'cli') throw new UsageError('--group shares with the group: leave out --distribution');
      let info;
      try {
        info = await stat(path);
      } catch (err) {
        throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
      }
      const query = { tlp: o.tlp, distribution: o.distribution };
      const sendMisp = async (file: string, body: Buffer): Promise<MispImportReport> => {
        const res = await c.client.fetch('POST', API.intelImportMisp, { query, body, headers: { 'content-type': 'application/json' } });
        return (await res.json()) as MispImportReport;
      };
      const printMisp = (file: string, r: MispImportReport) => {
        if (r.rejected > 0 || r.problems.some((p) => p.level === 'error')) app.exitCode = Math.max(app.exitCode, 2);
        if (c.json) return;
        println(c.out, `${sanitize(file)}: ${r.received} STIX objects, stored ${r.stored}, unchanged ${r.unchanged}, rejected ${r.rejected}, unmapped ${r.unmapped}`);
        for (const p of [...r.problems].slice(0, SHOW_DEFECTS)) println(c.out, `  ${p.level} ${sanitize(p.path ?? '')}: ${p.code}: ${sanitize(p.message)}`);
      };
      if (info.isDirectory()) {
        if (o.group !== undefined) throw new UsageError('--group is for STIX bundles: MISP events keep their own sharing groups and distributions');
        let manifest: Record<string, unknown>;
        try {
          manifest = JSON.parse(await readFile(join(path, 'manifest.json'), 'utf8')) as Record<string, unknown>;
        } catch (err) {
          throw new UsageError(`${path} is not a MISP feed (manifest.json: ${(err as Error).message})`);
        }
        const reports: Array<{ file: string; report: MispImportReport }> = [];
        for (const uuid of Object.keys(manifest)) {
          if (!/^[0-9a-f-]{36}$/i.test(uuid)) continue;
          const file = join(path, `${uuid}.json`);
          const body = await readFile(file).catch(() => undefined);
          if (!body) {
            note(c.out, `${uuid}.json is listed in manifest.json but missing`);
            app.exitCode = Math.max(app.exitCode, 2);
            continue;
          }
          const report = await sendMisp(file, body);
          reports.push({ file, report });
          printMisp(file, report);
        }
        if (c.json) printJson(c.out, { events: reports });
        return;
      }
      if (info.size > MAX_BUNDLE) throw new UsageError(`${path} holds ${info.size} bytes; the server takes at most ${MAX_BUNDLE}`);
      const body = await readFile(path);
      if (/^\s*\{\s*"Event"\s*:/.test(body.subarray(0, 256).toString('utf8'))) {
        if (o.group !== undefined) throw new UsageError('--group is for STIX bundles: a MISP event keeps its own sharing group and distribution');
        const report = await sendMisp(path, body);
        if (c.json) return printJson(c.out, report);
        return printMisp(path, report);
      }
      const group = o.group === undefined ? undefined : await groupId(c.client, o.group);
      const res = await c.client.fetch('POST', API.intelImport, {
        query: group ? { tlp: o.tlp, group, strict: o.strict ? 'true' : undefined } : { ...query, strict: o.strict ? 'true' : undefined },
        body, headers: { 'content-type': 'application/stix+json;version=2.1' },
      });
      const report = (await res.json()) as IntelImportReport;
      if (report.rejected > 0) app.exitCode = Math.max(app.exitCode, 2);
      if (c.json) return printJson(c.out, report);
      println(c.out, `${sanitize(path)}: received ${report.received}, stored ${report.stored}, unchanged ${report.unchanged}, rejected ${report.rejected}`);
      const shown = report.defects.slice(0, SHOW_DEFECTS);
      for (const d of shown) println(c.out, `  ${d.severity} object ${d.index}${d.id ? ` (${sanitize(d.id)})` : ''} ${sanitize(d.path)}: ${d.code}: ${sanitize(d.message)}`);
      if (report.defects.length > shown.length) note(c.out, `${report.defects.length - shown.length} more defects (--json lists them all)`);
    });

  intel
    .command('export')
    .description('write what your organisation may receive as one STIX 2.1 bundle (OASIS TLP 2.0 markings)')
    .option('--type <type...>', 'only these STIX types')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (o: { type?: string[]; output?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const res = await c.client.fetch('GET', API.intelExport, { query: { type: o.type } });
      if (!res.body) throw new Error('the server sent no bundle');
      const body = Readable.fromWeb(res.body as WebReadableStream);
      if (o.output) await pipeline(body, createWriteStream(o.output));
      else await pipeline(body, c.out.stdout, { end: false });
    });

  intel
    .command('list')
    .description('objects your organisation may receive (newest version of each), in the order they were added')
    .option('--type <type>', 'only this STIX type')
    .option('--search <text>', 'text in the id, name, pattern or value')
    .option('--limit <n>', 'objects per page (1-1000)', '100')
    .option('--cursor <cursor>', 'continue from a previous page')
    .action(async (o: { type?: string; search?: string; limit: string; cursor?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit must be a whole number from 1 to 1000, not ${o.limit}`);
      const page = await c.client.get<IntelObjectPage>(API.intelObjects, { type: o.type, q: o.search, limit, cursor: o.cursor });
      if (c.json) return printJson(c.out, page);
      printTable(c.out, page.objects, [
        { header: 'id', value: (x) => x.id, max: 60 },
        { header: 'name', value: (x) => x.name ?? '', max: 50 },
        { header: 'tlp', value: (x) => x.tlp },
        { header: 'distribution', value: (x) => x.distribution },
        { header: 'version', value: (x) => x.version },
        { header: 'score', value: (x) => (x.score === undefined ? '' : String(x.score)) },
        { header: 'revoked', value: (x) => (x.revoked ? 'yes' : '') },
      ], '(no objects)');
      if (page.next) note(c.out, `more: --cursor ${sanitize(page.next)}`);
    });

  intel
    .command('show <id>')
    .description('one object: newest version, versions, relationships')
    .action(async (id: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const d = await c.client.get<IntelObjectDetail>(API.intelObject(id));
      if (c.json) return printJson(c.out, d);
      println(c.out, `${sanitize(d.summary.id)} ${d.summary.name ? `"${sanitize(d.summary.name)}"` : ''}`);
      println(c.out, `TLP:${d.summary.tlp}, distribution ${d.summary.distribution}, owner ${sanitize(d.summary.ownerOrg)}@${sanitize(d.summary.ownerInstance)}${d.summary.revoked ? ', revoked' : ''}`);
      const score = scoreLine(d.summary);
      if (score) println(c.out, score);
      println(c.out, `versions: ${d.versions.map((v) => v.version).join(', ')}`);
      for (const r of d.relationships) println(c.out, `  ${sanitize(r.sourceRef)} ${sanitize(r.relationshipType)} ${sanitize(r.targetRef)}`);
      println(c.out, '');
      for (const line of JSON.stringify(d.object, null, 2).split('\n')) println(c.out, sanitize(line));
    });

  intel
    .command('sight <id>')
    .description('report that your organisation saw an object (a true positive, stored as a STIX sighting) or that it is a false positive (a STIX opinion); who receives it follows the instance\'s sighting policy')
    .option('--false-positive', 'report a false positive instead of a sighting')
    .option('--note <text>', 'what you saw, or why it is a false positive')
    .option('--count <n>', 'times seen (default 1)')
    .option('--first-seen <time>', 'RFC 3339 time first seen')
    .option('--last-seen <time>', 'RFC 3339 time last seen')
    .action(async (id: string, o: { falsePositive?: boolean; note?: string; count?: string; firstSeen?: string; lastSeen?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const body: NewSighting = { kind: o.falsePositive ? 'false-positive' : 'true-positive' };
      if (o.note !== undefined) body.note = o.note;
      if (o.count !== undefined) {
        const n = Number(o.count);
        if (!Number.isInteger(n) || n < 1) throw new UsageError(`--count must be a whole number from 1, not ${o.count}`);
        body.count = n;
      }
      for (const [flag, value] of [['--first-seen', o.firstSeen], ['--last-seen', o.lastSeen]] as const) {
        if (value !== undefined && Number.isNaN(Date.parse(value))) throw new UsageError(`${flag} must be an RFC 3339 time such as 2026-05-01T12:00:00Z, not ${value}`);
      }
      if (o.firstSeen !== undefined) body.firstSeen = new Date(o.firstSeen).toISOString();
      if (o.lastSeen !== undefined) body.lastSeen = new Date(o.lastSeen).toISOString();
      if (o.falsePositive && (body.count !== undefined || body.firstSeen !== undefined || body.lastSeen !== undefined)) throw new UsageError('a false positive takes only --note');
      const r = await c.client.post<RecordedSighting>(API.intelSightings(id), body);
      if (c.json) return printJson(c.out, r);
      const what = r.sighting.kind === 'false-positive' ? 'false positive' : 'sighting';
      println(c.out, `${r.created ? 'recorded' : 'already recorded'}: ${what} ${sanitize(r.sighting.id)} (TLP:${r.sighting.tlp}, distribution ${r.sighting.distribution})`);
    });

  intel
    .command('sightings <id>')
    .description('the sightings and false positives of an object that you may receive (yours and shared with you)')
    .action(async (id: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const list = await c.client.get<IntelSightingList>(API.intelSightings(id));
      if (c.json) return printJson(c.out, list);
      println(c.out, `true positives ${list.counts.truePositive}, false positives ${list.counts.falsePositive}`);
      printTable(c.out, list.sightings, [
        { header: 'kind', value: (x) => (x.automatic ? 'detected' : x.kind) },
        { header: 'recorded', value: (x) => x.recorded },
        { header: 'count', value: (x) => (x.kind === 'false-positive' ? '' : String(x.count)) },
        { header: 'last seen', value: (x) => x.lastSeen ?? '' },
        { header: 'by', value: (x) => `${x.ownerOrg}@${x.ownerInstance}`, max: 50 },
        { header: 'tlp', value: (x) => x.tlp },
        { header: 'note', value: (x) => x.note ?? '', max: 60 },
      ], '(no sightings)');
    });

  intel
    .command('correlate <id>')
    .description('objects you may receive that share a value (address, domain, URL, e-mail address, hash) with this one; over-correlated values are counted, not listed')
    .action(async (id: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<IntelCorrelations>(API.intelCorrelations(id));
      if (c.json) return printJson(c.out, r);
      if (!r.values.length) return note(c.out, '(no comparable values)');
      for (const v of r.values) {
        const head = `${sanitize(v.kind)} ${sanitize(v.value)}`;
        if (v.overCorrelated) println(c.out, `${head}: over-correlated (${v.count} objects, more than ${r.limit})`);
        else if (!v.objects.length) println(c.out, `${head}: no other object`);
        else {
          println(c.out, `${head}:`);
          for (const o of v.objects) println(c.out, `  ${sanitize(o.id)}${o.name ? ` "${sanitize(o.name)}"` : ''}`);
        }
      }
    });
}
