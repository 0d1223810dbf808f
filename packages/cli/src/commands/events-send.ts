// `bulwark events send`: streams files to POST /api/v1/events in gzip-compressed batches, several in
// flight, with retries, a progress bar and a checkpoint after every acknowledged batch so an interrupted
// run resumes where it stopped (re-sent events are harmless: the server de-duplicates by event_id).
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import type { EventFormat, IngestResult } from '@bulwark/contracts';
import { API } from '../api.ts';
import { batches, body, halve, rejections, sendable, type Batch, type FileRejection } from '../batches.ts';
import { checkpointPath, loadCheckpoint, mismatch, removeCheckpoint, saveCheckpoint, type Checkpoint } from '../checkpoint.ts';
import type { Client } from '../http.ts';
import { diskPosition, HEAD_BYTES, headHash, openInput, stdinInput, type Input } from '../input.ts';
import { note, printJson, println, sanitize, type Out } from '../output.ts';
import { ProblemError, renderError } from '../problem.ts';
import { Progress } from '../progress.ts';
import { InputFormatError, RecordReader, type InputRecord } from '../records.ts';
import { withRetry } from '../retry.ts';

const gzip = promisify(gzipCb);
/** Rejections kept per file for the report; the count is always exact. */
const KEEP_REJECTIONS = 10_000;
/** Rejections printed per file in human mode. */
const SHOW_REJECTIONS = 50;

export interface SendOptions {
  readonly source?: string | undefined;
  readonly format: EventFormat;
  readonly batch: number;
  readonly maxBatchBytes: number;
  readonly concurrency: number;
  readonly stateDir?: string | undefined;
  readonly restart: boolean;
  readonly maxRetries: number;
  readonly compress: boolean;
}

export interface FileReport {
  readonly file: string;
  /** Line the run started from when it resumed a checkpoint, else null. */
  resumedAtLine: number | null;
  sent: number;
  accepted: number;
  duplicates: number;
  rejectedCount: number;
  rejected: FileRejection[];
  complete: boolean;
  error?: string;
}

export interface SendReport {
  readonly files: FileReport[];
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  seconds: number;
  eventsPerSecond: number;
  interrupted: boolean;
  /** The error that stopped the whole run (server refused, unreachable after retries…), if any. */
  fatal?: unknown;
}

interface Outcome {
  sent: number;
  accepted: number;
  duplicates: number;
  rejections: FileRejection[];
}

class Sender {
  readonly #client: Client;
  readonly #opts: SendOptions;
  readonly #progress: Progress;

  constructor(client: Client, opts: SendOptions, progress: Progress) {
    this.#client = client;
    this.#opts = opts;
    this.#progress = progress;
  }

  async #post(records: readonly InputRecord[], signal: AbortSignal): Promise<IngestResult> {
    const text = body(records);
    const json = this.#opts.format === 'json';
    const headers: Record<string, string> = { 'content-type': json ? 'application/x-ndjson' : 'text/plain; charset=utf-8' };
    let payload: Uint8Array = Buffer.from(text);
    if (this.#opts.compress) {
      payload = await gzip(payload, { level: 3 });
      headers['content-encoding'] = 'gzip';
    }
    return this.#client.request<IngestResult>('POST', API.events, {
      query: { source: this.#opts.source, format: json ? undefined : this.#opts.format },
      body: payload,
      headers,
      signal,
    });
  }

  /** Sends one batch (halving it when the server finds it too large) and maps its rejections to file lines. */
  async deliver(batch: Batch, signal: AbortSignal): Promise<Outcome> {
    const sent = sendable(batch);
    if (sent.length === 0) return { sent: 0, accepted: 0, duplicates: 0, rejections: rejections(batch, [], undefined) };
    try {
      const result = await withRetry(() => this.#post(sent, signal), {
        maxRetries: this.#opts.maxRetries,
        signal,
        onRetry: (err, delay, attempt) =>
          this.#progress.log(`retry ${attempt}/${this.#opts.maxRetries} in ${(delay / 1000).toFixed(1)} s: ${renderError(err).replace(/^error: /, '')}`),
      });
      return { sent: sent.length, accepted: result.accepted, duplicates: result.duplicates, rejections: rejections(batch, sent, result) };
    } catch (err) {
      const none = nothingAccepted(err, sent.length);
      if (none) return { sent: sent.length, accepted: 0, duplicates: 0, rejections: rejections(batch, sent, none) };
      if (!(err instanceof ProblemError) || err.status !== 413) throw err;
      if (batch.records.length > 1) {
        const [a, b] = halve(batch);
        const x = await this.deliver(a, signal);
        const y = await this.deliver(b, signal);
        return { sent: x.sent + y.sent, accepted: x.accepted + y.accepted, duplicates: x.duplicates + y.duplicates, rejections: [...x.rejections, ...y.rejections] };
      }
      const reason = `too large for the server: ${err.problem.detail ?? err.problem.title}`;
      return { sent: 0, accepted: 0, duplicates: 0, rejections: [...rejections(batch, [], undefined), ...sent.map((r) => ({ line: r.line, reason }))] };
    }
  }

  async sendFile(file: string, report: FileReport, outer: AbortSignal): Promise<void> {
    const opts = this.#opts;
    const input: Input = file === '-' ? stdinInput() : await openInput(file);
    const cpPath = file === '-' ? undefined : checkpointPath(file, opts.stateDir);
    const source = opts.source ?? null;
    const head = { bytes: Math.min(input.size, HEAD_BYTES), sha256: '' };
    let cp: Checkpoint | undefined;
    if (cpPath !== undefined) {
      head.sha256 = (await headHash(file, head.bytes)) ?? '';
      if (opts.restart) removeCheckpoint(cpPath);
      else {
        try {
          cp = loadCheckpoint(cpPath);
        } catch (err) {
          this.#progress.log(`${file}: ignoring unreadable checkpoint ${cpPath}: ${(err as Error).message}`);
        }
      }
      if (cp) {
        const why =
          mismatch(cp, { file: resolve(file), source, format: opts.format, headSha256: await headHash(file, cp.head.bytes) }) ??
          (!input.gzip && input.size < cp.offset ? 'the file is shorter than the checkpoint offset' : undefined);
        if (why !== undefined) {
          this.#progress.log(`${file}: ignoring checkpoint ${cpPath} (${why}); sending from the start`);
          cp = undefined;
        }
      }
    }
    if (cp && cp.offset === 0) cp = undefined; // written at a start that never got a batch acknowledged
    const offset = cp?.offset ?? 0;
    const startLine = cp?.line ?? 1;
    if (cp) report.resumedAtLine = startLine;
    const reader = new RecordReader({ kind: cp?.kind ?? (opts.format === 'json' ? 'auto' : 'lines'), offset, line: startLine });
    let totals = cp?.totals ?? { sent: 0, accepted: 0, duplicates: 0, rejected: 0 };
    let committed = { offset, line: startLine };
    const save = () => {
      if (cpPath === undefined) return;
      saveCheckpoint(cpPath, {
        version: 1,
        file: resolve(file),
        source,
        format: opts.format,
        kind: reader.kind,
        offset: committed.offset,
        line: committed.line,
        head,
        totals,
        updatedAt: new Date().toISOString(),
      });
    };
    if (cpPath !== undefined) {
      try {
        save(); // fails early (before anything is sent) when the checkpoint cannot be written
      } catch (err) {
        throw new Error(`cannot write the checkpoint ${cpPath} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); choose a writable --state-dir`, { cause: err });
      }
    }

    const started = Date.now();
    const payload = () => ({ file: sanitize(file), events: report.sent, rate: Math.round(report.sent / Math.max((Date.now() - started) / 1000, 0.001)) });
    if (input.size > 0) this.#progress.start(input.size, input.gzip ? 0 : offset, payload());
    if (cp && report.resumedAtLine !== null) this.#progress.log(`${file}: resuming at line ${startLine} (${cp.totals.sent} events sent before)`);

    const commit = (batch: Batch, o: Outcome) => {
      const last = batch.records.at(-1)!;
      committed = { offset: last.end, line: last.endLine };
      report.sent += o.sent;
      report.accepted += o.accepted;
      report.duplicates += o.duplicates;
      report.rejectedCount += o.rejections.length;
      totals = { sent: totals.sent + o.sent, accepted: totals.accepted + o.accepted, duplicates: totals.duplicates + o.duplicates, rejected: totals.rejected + o.rejections.length };
      for (const r of o.rejections) {
        if (report.rejected.length < KEEP_REJECTIONS) report.rejected.push(r);
        const shown = report.rejectedCount - o.rejections.length + o.rejections.indexOf(r) + 1;
        if (shown <= SHOW_REJECTIONS) this.#progress.log(`${sanitize(file)}:${r.line}: rejected: ${sanitize(r.reason)}`);
        else if (shown === SHOW_REJECTIONS + 1) this.#progress.log(`${sanitize(file)}: more rejected lines are not shown (--json lists them)`);
      }
      save();
      this.#progress.update(diskPosition(input, committed.offset), payload());
    };

    const stop = new AbortController();
    const signal = AbortSignal.any([outer, stop.signal]);
    const pending: { batch: Batch; outcome: Promise<Outcome> }[] = [];
    const drain = async (keepGoing: boolean) => {
      while (pending.length > 0) {
        const next = pending.shift()!;
        try {
          commit(next.batch, await next.outcome);
        } catch (err) {
          if (!keepGoing) throw err;
          stop.abort();
          await Promise.allSettled(pending.map((p) => p.outcome));
          return;
        }
      }
    };
    try {
      for await (const batch of batches(reader.records(input.chunks(offset)), opts.batch, opts.maxBatchBytes)) {
        if (signal.aborted) break;
        const outcome = this.deliver(batch, signal);
        outcome.catch(() => undefined); // observed when committed, in order
        pending.push({ batch, outcome });
        while (pending.length >= opts.concurrency) {
          const next = pending.shift()!;
          commit(next.batch, await next.outcome);
        }
      }
      await drain(false);
    } catch (err) {
      // What was acknowledged before a broken file is still committed; anything else stops the rest.
      if (err instanceof InputFormatError) await drain(true);
      else {
        stop.abort();
        await Promise.allSettled(pending.map((p) => p.outcome));
      }
      throw err;
    } finally {
      this.#progress.done();
      // Nothing acknowledged at all: leave no checkpoint behind.
      if (cpPath !== undefined && committed.offset === 0) removeCheckpoint(cpPath);
    }
    if (outer.aborted) return;
    report.complete = true;
    if (cpPath !== undefined) removeCheckpoint(cpPath);
  }
}

export async function sendFiles(client: Client, out: Out, files: readonly string[], opts: SendOptions, signal: AbortSignal): Promise<SendReport> {
  const progress = new Progress(out);
  const sender = new Sender(client, opts, progress);
  const started = Date.now();
  const report: SendReport = { files: [], sent: 0, accepted: 0, duplicates: 0, rejected: 0, seconds: 0, eventsPerSecond: 0, interrupted: false };
  try {
    for (const file of files) {
      const fr: FileReport = { file, resumedAtLine: null, sent: 0, accepted: 0, duplicates: 0, rejectedCount: 0, rejected: [], complete: false };
      report.files.push(fr);
      try {
        await sender.sendFile(file, fr, signal);
      } catch (err) {
        if (signal.aborted) break;
        if (err instanceof InputFormatError) fr.error = `line ${err.line}: ${err.message}`;
        else if (isLocalFileError(err)) fr.error = (err as Error).message;
        else {
          // Acknowledged batches are checkpointed: report them, then the error; a re-run resumes.
          report.fatal = err;
          fr.error = renderError(err).replace(/^error: /, '');
          break;
        }
        progress.log(`error: ${sanitize(file)}: ${sanitize(fr.error)}`);
      } finally {
        report.sent += fr.sent;
        report.accepted += fr.accepted;
        report.duplicates += fr.duplicates;
        report.rejected += fr.rejectedCount;
      }
      if (signal.aborted) break;
    }
  } finally {
    progress.stop();
    report.seconds = (Date.now() - started) / 1000;
    report.eventsPerSecond = Math.round(report.sent / Math.max(report.seconds, 0.001));
    report.interrupted = signal.aborted;
  }
  return report;
}

/**
 * The server answers 400 INGEST_NOTHING_ACCEPTED (not an IngestResult) when no line of a request was valid;
 * its `rejected` member lists the lines (at most 1000: any line it leaves out is reported without a reason).
 */
export function nothingAccepted(err: unknown, lines: number): Pick<IngestResult, 'rejected'> | undefined {
  if (!(err instanceof ProblemError) || err.problem.code !== 'INGEST_NOTHING_ACCEPTED') return undefined;
  const listed = (err.problem as { rejected?: unknown }).rejected;
  const rejected = Array.isArray(listed)
    ? listed.filter((r): r is { line: number; reason: string } => typeof r?.line === 'number' && typeof r?.reason === 'string')
    : [];
  const seen = new Set(rejected.map((r) => r.line));
  for (let line = 1; line <= lines; line++) {
    if (!seen.has(line)) rejected.push({ line, reason: 'rejected (the server listed only the first 1000 reasons)' });
  }
  return { rejected };
}

function isLocalFileError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && 'path' in (err as object);
}

export function printSendReport(out: Out, report: SendReport): void {
  if (out.json) {
    const { fatal: _fatal, ...rest } = report;
    printJson(out, rest);
    return;
  }
  for (const f of report.files) {
    const state = f.error ? ` — stopped: ${f.error}` : f.complete ? '' : ' — incomplete (run again to resume)';
    const resumed = f.resumedAtLine !== null ? `, resumed at line ${f.resumedAtLine}` : '';
    println(out, `${sanitize(f.file)}: sent ${f.sent}, accepted ${f.accepted}, duplicates ${f.duplicates}, rejected ${f.rejectedCount}${resumed}${sanitize(state)}`);
  }
  println(
    out,
    `total: sent ${report.sent}, accepted ${report.accepted}, duplicates ${report.duplicates}, rejected ${report.rejected} in ${report.seconds.toFixed(1)} s (${report.eventsPerSecond} events/s)`,
  );
  if (report.interrupted || report.fatal !== undefined) {
    note(out, `${report.interrupted ? 'interrupted' : 'stopped'}: acknowledged batches are checkpointed; run the same command again to resume`);
  }
}

/** 0 clean, 1 a file could not be read, 2 some events were rejected, 130 interrupted. */
export function sendExitCode(report: SendReport): number {
  if (report.interrupted) return 130;
  if (report.files.some((f) => f.error !== undefined)) return 1;
  return report.rejected > 0 ? 2 : 0;
}
