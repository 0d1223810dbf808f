// `bulwark media disarm import <file> | list [--tactic <t>] [--q <text>]`: the DISARM framework (tactics
// and techniques of disinformation) as the server's catalogue. Importing needs an instance administrator's
// key; every user may list. Descriptions come from the imported bundle: printed as inert text.
import { readFile, stat } from 'node:fs/promises';
import type { DisarmCatalogue, DisarmImportReport } from '@bulwark/contracts';
import type { Command } from 'commander';
import { API } from '../api.ts';
import type { App } from '../context.ts';
import { note, printJson, printTable, println, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';

/** The server's limit on a DISARM bundle. */
export const MAX_DISARM_BYTES = 8 * 1024 * 1024;
const SHOW_DEFECTS = 50;

export function registerMediaDisarm(media: Command, app: App): void {
  const disarm = media.command('disarm').description('the DISARM framework: tactics and techniques of disinformation (reference data of the instance)');

  disarm
    .command('import <file>')
    .description('import DISARM\'s STIX 2.1 bundle (DISARM.json) into the catalogue (instance administrators); importing it again changes nothing. Exit status 2 when objects were skipped')
    .action(async (file: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      let size: number;
      try {
        size = (await stat(file)).size;
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
      }
      if (size > MAX_DISARM_BYTES) throw new UsageError(`${file} holds ${size} bytes; the server takes at most ${MAX_DISARM_BYTES}`);
      const body = await readFile(file);
      const res = await c.client.fetch('POST', API.mediaDisarm, { body, headers: { 'content-type': 'application/json' } });
      const r = (await res.json()) as DisarmImportReport;
      if (r.defects.length > 0) c.exit(2);
      if (c.json) return printJson(c.out, r);
      println(c.out, `${sanitize(file)}: ${r.received} objects, ${r.techniques} techniques, ${r.tactics} tactics: added ${r.added}, updated ${r.updated}, unchanged ${r.unchanged}`);
      const shown = r.defects.slice(0, SHOW_DEFECTS);
      for (const d of shown) println(c.out, `  skipped ${d.index === null ? 'bundle' : `object ${d.index}`}${d.id ? ` (${sanitize(d.id)})` : ''} ${sanitize(d.path)}: ${sanitize(d.message)}`);
      if (r.defects.length > shown.length) note(c.out, `${r.defects.length - shown.length} more (--json lists them all)`);
    });

  disarm
    .command('list')
    .description('DISARM techniques in matrix order, with their tactic (filter by tactic or text)')
    .option('--tactic <tactic>', 'tactic id (TA06), shortname (develop-content) or name')
    .option('--q <text>', 'text in the technique id, name or description')
    .option('--tactics', 'list the tactics instead of the techniques')
    .action(async (o: { tactic?: string; q?: string; tactics?: boolean }, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<DisarmCatalogue>(API.mediaDisarm, { tactic: o.tactic, q: o.q });
      if (c.json) return printJson(c.out, r);
      if (r.total === 0) return note(c.out, 'the DISARM catalogue is empty: an instance administrator imports it with bulwark media disarm import DISARM.json');
      if (o.tactics) {
        return printTable(c.out, r.tactics, [
          { header: 'id', value: (t) => t.id },
          { header: 'shortname', value: (t) => t.shortname },
          { header: 'techniques', value: (t) => String(t.techniques) },
          { header: 'name', value: (t) => t.name, max: 60 },
        ], '(no tactics)');
      }
      printTable(c.out, r.techniques, [
        { header: 'id', value: (t) => t.id },
        { header: 'tactic', value: (t) => t.tacticId ?? '' },
        { header: 'name', value: (t) => t.name, max: 70 },
      ], '(no technique matches)');
      note(c.out, `${r.techniques.length} of ${r.total} techniques. ${sanitize(r.attribution)}`);
    });
}
