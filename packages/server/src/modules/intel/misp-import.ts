// MISP events into the store: converted to STIX 2.1 (misp/), each object kept at the MISP distribution
// of its attribute (never wider than the importer allows), indicators on a configured warninglist flagged
// (`x_bulwark_warninglists`) so that they alert quietly and are never blocked automatically.
import type { Db, Logger, Tx } from '../../platform/index.ts';
import { distributionFromMisp } from './access/misp-distribution.ts';
import { loadWarningLists, type WarningLists } from './misp/index.ts';
import { convertMispEventJson } from './misp/index.ts';
import { importObjects, type ImportReport, type ImportScope } from './store/import.ts';
import { kindOf, validateObject } from './stix/index.ts';

export interface MispImportReport extends ImportReport {
  readonly problems: ReadonlyArray<{ level: 'error' | 'warning'; code: string; message: string; path?: string }>;
  readonly unmapped: number;
}

/** The warninglists of the configured directory, loaded once on first use (about a second for all of MISP's). */
export function warninglistLoader(dir: string | undefined, log: Logger): () => Promise<WarningLists | undefined> {
  let loading: Promise<WarningLists | undefined> | undefined;
  return () => {
    if (!dir) return Promise.resolve(undefined);
    loading ??= loadWarningLists(dir).then((r) => {
      for (const p of r.problems.slice(0, 20)) log.warn({ problem: p }, 'warninglist problem');
      log.info({ lists: r.lists.lists.length, entries: r.lists.entryCount, dir }, 'MISP warninglists loaded');
      return r.lists;
    });
    return loading;
  };
}

export async function importMispEvent(
  db: Db, json: unknown, scope: ImportScope, warninglists: WarningLists | undefined,
  announce?: (tx: Tx, stored: ReadonlyArray<{ id: string; version: string; type: string }>) => Promise<void>,
): Promise<MispImportReport> {
  const converted = convertMispEventJson(json, warninglists ? { warninglists } : {});
  const problems = converted.problems.map((p) => ({ level: p.level, code: p.code, message: p.message, ...(p.path ? { path: p.path } : {}) }));
  if (!converted.result) return { received: 0, stored: 0, unchanged: 0, rejected: 0, defects: [], storedVersions: [], problems, unmapped: 0 };
  const report = await importObjects(db, converted.result.objects, validateObject, {
    scope: { ...scope, distributionOf: (o) => (typeof o['x_bulwark_distribution'] === 'number' ? distributionFromMisp(o['x_bulwark_distribution']) : undefined) },
    source: 'misp',
    // Shared by every event that mentions them (organisation identity, observables, galaxy clusters).
    keepFirst: (o) => o['type'] === 'identity' || o['type'] === 'marking-definition' || kindOf(String(o['type'])) === 'sco' || ['attack-pattern', 'threat-actor', 'intrusion-set', 'malware', 'tool', 'course-of-action', 'vulnerability'].includes(String(o['type'])),
    ...(announce ? { announce } : {}),
  });
  return { ...report, problems, unmapped: converted.result.unmapped.length };
}
