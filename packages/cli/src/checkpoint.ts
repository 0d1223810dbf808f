// The resume checkpoint of `events send`: where the last acknowledged batch ended in one input file.
// Written atomically (temp file + rename) after every acknowledged batch, removed when the file is done.
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { RecordKind } from './records.ts';

export const CHECKPOINT_SUFFIX = '.bulwark-progress';

export interface Checkpoint {
  readonly version: 1;
  /** Absolute path of the input file. */
  readonly file: string;
  readonly source: string | null;
  readonly format: string;
  /** 'auto' until the first record has been read. */
  readonly kind: RecordKind | 'auto';
  /** Byte offset (of the decompressed input) just after the last acknowledged record. */
  readonly offset: number;
  /** Line number at `offset`. */
  readonly line: number;
  /** Identifies the file: sha256 of its first `bytes` bytes on disk. */
  readonly head: { readonly bytes: number; readonly sha256: string };
  /** Running totals over all runs for this file. */
  readonly totals: { readonly sent: number; readonly accepted: number; readonly duplicates: number; readonly rejected: number };
  readonly updatedAt: string;
}

/** `<file>.bulwark-progress`, or in `stateDir` a name that stays unique for files with the same base name. */
export function checkpointPath(file: string, stateDir?: string): string {
  const abs = resolve(file);
  if (stateDir === undefined) return abs + CHECKPOINT_SUFFIX;
  const tag = createHash('sha256').update(abs).digest('hex').slice(0, 12);
  return join(resolve(stateDir), `${basename(abs)}-${tag}${CHECKPOINT_SUFFIX}`);
}

export function loadCheckpoint(path: string): Checkpoint | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const cp = JSON.parse(text) as Partial<Checkpoint>;
  if (cp.version !== 1 || typeof cp.offset !== 'number' || typeof cp.line !== 'number' || !cp.head || !cp.totals) {
    throw new Error(`${path} is not a checkpoint this version understands`);
  }
  return cp as Checkpoint;
}

export function saveCheckpoint(path: string, cp: Checkpoint): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(cp, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export function removeCheckpoint(path: string): void {
  rmSync(path, { force: true });
}

export interface CurrentFile {
  readonly file: string;
  readonly source: string | null;
  readonly format: string;
  /** sha256 of the current file's first `cp.head.bytes` bytes (undefined if it is now shorter). */
  readonly headSha256: string | undefined;
}

/** Why the checkpoint cannot be used for this run, or undefined when resuming is safe. */
export function mismatch(cp: Checkpoint, cur: CurrentFile): string | undefined {
  if (resolve(cp.file) !== resolve(cur.file)) return `it belongs to ${cp.file}`;
  if (cp.source !== cur.source) return `it was written with --source ${cp.source ?? '(none)'}`;
  if (cp.format !== cur.format) return `it was written with --format ${cp.format}`;
  if (cur.headSha256 !== cp.head.sha256) return 'the file has changed since';
  return undefined;
}
