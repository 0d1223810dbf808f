// `bulwark evtx dump <file...> [--xml]`: the records of Windows event log files, read locally by the
// server package's native EVTX reader, as NDJSON (evtx_dump layout) or as XML (evtxexport layout).
// Damaged records are skipped; a summary of them goes to stderr.
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { UsageError } from '../problem.ts';
import { loadServerPackage } from '../server-package.ts';

interface Summary {
  readonly records: number;
  readonly damagedChunks: number;
  readonly damagedRecords: number;
  readonly chunkChecksumMismatches: number;
  readonly fileChecksumMismatch: boolean;
}

type Item =
  | { readonly kind: 'record'; readonly xml?: string; readonly json?: object }
  | { readonly kind: 'damaged'; readonly scope: string; readonly offset: number; readonly recordId?: number; readonly reason: string };

export interface EvtxReader {
  readEvtxFile(path: string, opts: { xml: boolean; json: boolean }): Promise<Iterable<Item> & { readonly summary: Summary }>;
}

const loadReader = () => loadServerPackage<EvtxReader>('evtx dump', ['readEvtxFile']);

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

/** Dumps `files` to `out`; returns the number of damaged items (file, chunk or record) seen. */
export async function dumpEvtx(reader: EvtxReader, files: readonly string[], xml: boolean, out: Writable, err: Writable, signal?: AbortSignal): Promise<number> {
  let damaged = 0;
  for (const file of files) {
    let reading: Awaited<ReturnType<EvtxReader['readEvtxFile']>>;
    try {
      reading = await reader.readEvtxFile(file, { xml, json: !xml });
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    for (const item of reading) {
      if (signal?.aborted) return damaged;
      if (item.kind === 'record') await write(out, xml ? `${item.xml ?? ''}\n` : `${JSON.stringify(item.json)}\n`);
      else {
        damaged++;
        err.write(`${file}: damaged ${item.scope} at byte ${item.offset}${item.recordId !== undefined ? ` (record ${item.recordId})` : ''}: ${item.reason}\n`);
      }
    }
    const s = reading.summary;
    if (s.damagedChunks + s.damagedRecords > 0 || s.chunkChecksumMismatches > 0 || s.fileChecksumMismatch) {
      err.write(`${file}: ${s.records} records, ${s.damagedRecords} damaged records skipped, ${s.damagedChunks} damaged chunks skipped, ${s.chunkChecksumMismatches} chunk checksum mismatches${s.fileChecksumMismatch ? ', file header checksum mismatch' : ''}\n`);
    }
  }
  return damaged;
}

export function registerEvtx(program: Command, app: App): void {
  const evtx = program.command('evtx').description('Windows event log (.evtx) files, read locally');
  evtx
    .command('dump')
    .description('print the records of EVTX files: one JSON object per line (evtx_dump layout), or XML with --xml (evtxexport layout)')
    .argument('<file...>', 'EVTX files')
    .option('--xml', 'print XML instead of JSON')
    .action(async (files: string[], opts: { xml?: boolean }) => {
      const reader = await loadReader();
      await dumpEvtx(reader, files, opts.xml === true, process.stdout, process.stderr, app.signal);
    });
}
