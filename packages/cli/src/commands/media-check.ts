// `bulwark media check <files...> [--fetch <url>...] [--json] [--fail-on <verdicts>] [--max-bytes <n>]`:
// each file is uploaded to the server (streamed from disk), or the server fetches a URL through its
// egress guard; the server hashes it, reads its provenance and matches it against the hash banks this
// organisation may read (local and federated). Printed per file: the verdict, its summary, every match
// with its context, and the provenance summary. A file that fails is reported and the others go on.
import { openAsBlob } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MediaCheck, MediaMatch, MediaVerdict } from '@bulwark/contracts';
import type { Command } from 'commander';
import { API } from '../api.ts';
import type { App, Ctx } from '../context.ts';
import type { RequestOptions } from '../http.ts';
import { note, printNdjson, println, sanitize, type Out } from '../output.ts';
import { ProblemError, UsageError, renderError } from '../problem.ts';

export const VERDICTS: readonly MediaVerdict[] = ['known-fake', 'near-match', 'ai-generated', 'unknown'];
/** Exit status when a file got one of the --fail-on verdicts (1 stays "a file could not be checked"). */
export const FAIL_ON_EXIT = 3;
const MAX_URL_LENGTH = 2048;

/** `--fail-on known-fake,near-match` (repeatable): the verdicts that make the exit status 3. */
export function parseVerdicts(values: readonly string[]): Set<MediaVerdict> {
  const out = new Set<MediaVerdict>();
  for (const value of values) {
    for (const part of value.split(',')) {
      const v = part.trim();
      if (v === '') continue;
      if (!(VERDICTS as readonly string[]).includes(v)) throw new UsageError(`--fail-on: unknown verdict ${JSON.stringify(v)} (give a comma list of ${VERDICTS.join(', ')})`);
      out.add(v as MediaVerdict);
    }
  }
  if (out.size === 0) throw new UsageError(`--fail-on takes a comma list of ${VERDICTS.join(', ')}`);
  return out;
}

/** A URL for the server to fetch: http(s) only, at most 2048 characters, no credentials in it. */
export function parseFetchUrl(text: string): string {
  if (text.length > MAX_URL_LENGTH) throw new UsageError(`--fetch: URL longer than ${MAX_URL_LENGTH} characters`);
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(`--fetch: not a URL: ${sanitize(text)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`--fetch: only http:// and https:// URLs, not ${sanitize(u.protocol)}`);
  if (u.username || u.password) throw new UsageError('--fetch: a URL with a user name or password is refused (it would be stored with the check)');
  return text;
}

/** --max-bytes: a whole number of bytes, or with a K/M/G suffix (powers of 1024). */
export function parseByteSize(text: string, name: string): number {
  const m = /^(\d+)\s*([KMG]i?B?)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`${name} takes a number of bytes, optionally with K, M or G (e.g. 64M), not ${JSON.stringify(text)}`);
  const unit = (m[2] ?? '').charAt(0).toUpperCase();
  const n = Number(m[1]) * (unit === 'K' ? 1024 : unit === 'M' ? 1024 ** 2 : unit === 'G' ? 1024 ** 3 : 1);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${name} must be above 0 and below 2^53`);
  return n;
}

const oneLine = (v: unknown) => sanitize(v).replace(/\s*[\t\n]\s*/g, ' ').trim();
const percent = (x: number) => `${Math.round(x * 1000) / 10} %`;

/** The evidence of one match in a few words: which hash, how close. */
export function describeMatch(m: MediaMatch): string {
  const parts: string[] = [m.algorithm];
  if (m.algorithm === 'pdq' && m.distance !== undefined) parts.push(`distance ${m.distance}/256${m.transform && m.transform !== 'original' ? ` (${oneLine(m.transform)})` : ''}`);
  if (m.algorithm === 'vpdq') {
    if (m.queryShare !== undefined) parts.push(`${percent(m.queryShare)} of the frames found in the entry`);
    if (m.entryShare !== undefined) parts.push(`${percent(m.entryShare)} of the entry's frames found`);
  }
  if (m.algorithm === 'chromaprint') {
    if (m.ber !== undefined) parts.push(`BER ${m.ber.toFixed(3)}`);
    if (m.offsetSeconds !== undefined) parts.push(`at ${m.offsetSeconds.toFixed(1)} s`);
    if (m.matchedSeconds !== undefined) parts.push(`${m.matchedSeconds.toFixed(1)} s matched`);
  }
  if ((m.algorithm === 'sha256' || m.algorithm === 'md5') && m.distance === undefined) parts.push('identical file');
  parts.push(m.strength === 'exact' ? '(exact)' : '(near)');
  return parts.join(', ').replace(', (', ' (');
}

/** The human-readable report of one check: verdict, summary, matches with their context, provenance. */
export function formatCheck(file: string, c: MediaCheck): string[] {
  const lines: string[] = [];
  lines.push(`${oneLine(file)}: ${c.verdict}`);
  lines.push(`  ${oneLine(c.summary)}`);
  const hash = c.hashes.pdq ? `pdq ${c.hashes.pdq}${c.hashes.pdqQuality !== undefined ? ` (quality ${c.hashes.pdqQuality})` : ''}` : c.hashes.sha256 ? `sha256 ${c.hashes.sha256}` : '';
  lines.push(`  check ${oneLine(c.id)}: ${oneLine(c.type)} (${c.kind}), ${c.bytes} bytes${hash ? `, ${hash}` : ''}`);
  c.matches.forEach((m, i) => {
    lines.push(`  match ${i + 1}: ${describeMatch(m)}`);
    const where = `${oneLine(m.ownerInstance)}/${oneLine(m.ownerOrg)}${m.local ? '' : ', federated'}`;
    lines.push(`    bank: ${oneLine(m.bank)} (${where})${m.entryId ? `, entry ${oneLine(m.entryId)}` : ''}`);
    if (m.title) lines.push(`    title: ${oneLine(m.title)}`);
    if (m.narrative) lines.push(`    narrative: ${oneLine(m.narrative)}`);
    const who = [m.actor ? `actor: ${oneLine(m.actor)}` : '', m.campaign ? `campaign: ${oneLine(m.campaign)}` : ''].filter(Boolean);
    if (who.length) lines.push(`    ${who.join('; ')}`);
    if (m.disarm.length) lines.push(`    DISARM: ${m.disarm.map(oneLine).join(', ')}`);
    const seen = [m.firstSeen ? `first seen ${oneLine(m.firstSeen)}` : '', m.source ? `source: ${oneLine(m.source)}` : ''].filter(Boolean);
    if (seen.length) lines.push(`    ${seen.join('; ')}`);
    lines.push(`    TLP:${oneLine(m.tlp)}`);
  });
  if (c.provenance) lines.push(`  provenance: ${oneLine(c.provenance.summary)}`);
  else lines.push('  provenance: not read');
  for (const p of c.problems) lines.push(`  problem: ${oneLine(p)}`);
  return lines;
}

/** What a failed file prints: `{file, error, code?, status?}` for machines, one line for people. */
export function failure(file: string, err: unknown): { file: string; error: string; code?: string; status?: number } {
  const message = renderError(err).replace(/^error: /, '');
  if (err instanceof ProblemError) return { file, error: message, code: err.problem.code, status: err.status };
  return { file, error: message };
}

/** Opens the file to see that it is a readable regular file; its size. */
async function readableSize(path: string): Promise<number> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new UsageError(`cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new UsageError('not a regular file');
    return st.size;
  } finally {
    await handle.close();
  }
}

/** Seconds a check may take when --timeout is not given: the server decodes whole videos. */
export const CHECK_TIMEOUT_S = 600;

/** The time limit of one check: --timeout when given (flag or environment), else CHECK_TIMEOUT_S. */
function checkTimeoutS(cmd: Command): number {
  let root = cmd;
  while (root.parent) root = root.parent;
  const given = root.getOptionValueSource('timeout') !== 'default';
  return given ? Number(root.opts<{ timeout: string }>().timeout) : CHECK_TIMEOUT_S;
}

/** A request without the client's short default timeout, under this check's own limit and Ctrl-C. */
async function checkRequest(ctx: Ctx, timeoutS: number, path: string, opts: Omit<RequestOptions, 'signal' | 'stream'>): Promise<MediaCheck> {
  const timeout = AbortSignal.timeout(timeoutS * 1000);
  try {
    return await ctx.client.request<MediaCheck>('POST', path, { ...opts, stream: true, signal: AbortSignal.any([ctx.signal, timeout]) });
  } catch (err) {
    if (timeout.aborted && !ctx.signal.aborted) throw new Error(`no answer within ${timeoutS} s (a longer --timeout gives the server more time)`, { cause: err });
    throw err;
  }
}

async function uploadFile(ctx: Ctx, timeoutS: number, path: string, maxBytes: number | undefined): Promise<MediaCheck> {
  const size = await readableSize(path);
  if (maxBytes !== undefined && size > maxBytes) throw new UsageError(`${size} bytes, more than --max-bytes ${maxBytes}: not uploaded`);
  // A Blob backed by the file: fetch streams it from disk (with its length), nothing is read ahead.
  const body = await openAsBlob(path);
  return checkRequest(ctx, timeoutS, API.mediaCheck, { query: { name: basename(path).slice(0, 255) }, body, headers: { 'content-type': 'application/octet-stream' } });
}

function fetchUrl(ctx: Ctx, timeoutS: number, url: string): Promise<MediaCheck> {
  return checkRequest(ctx, timeoutS, API.mediaCheckUrl, { json: { url } });
}

interface Options {
  fetch?: string[];
  failOn?: string[];
  maxBytes?: string;
}

function report(out: Out, json: boolean, file: string, c: MediaCheck): void {
  if (json) printNdjson(out, { file, ...c });
  else for (const line of formatCheck(file, c)) println(out, line);
}

export function registerMediaCheck(media: Command, app: App): void {
  const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
  media
    .command('check')
    .description('check files (uploaded, streamed from disk) or URLs (fetched by the server) against the hash banks: verdict known-fake, near-match, ai-generated or unknown, with the evidence')
    .argument('[files...]', 'media files (images, videos, audio)')
    .option('--fetch <url>', 'also have the server fetch this http(s) URL and check it (repeatable; --url names the server)', collect)
    .option('--fail-on <verdicts>', `exit status ${FAIL_ON_EXIT} when any file gets one of these verdicts (comma list, repeatable: ${VERDICTS.join(', ')})`, collect)
    .option('--max-bytes <n>', 'largest file uploaded (bytes, or with K/M/G), checked before uploading; the server has its own limit')
    .addHelpText('after', `
Prints per file the verdict, its summary, each match (algorithm, distance, shares or bit error rate,
bank, owner, title, narrative, actor, DISARM techniques, TLP) and the provenance summary. With --json,
one line per file: the check as the API returns it with "file" added, or {"file", "error", "code",
"status"} for a file that failed.
Each check may take --timeout seconds (default here ${CHECK_TIMEOUT_S}: the server decodes whole videos).
Exit status: 0 when every file was checked (whatever the verdicts), 1 when any file could not be checked
(unreadable, too large, refused, network), ${FAIL_ON_EXIT} when any file got a --fail-on verdict (before 1).`)
    .action(async (files: string[], o: Options, cmd: Command) => {
      const ctx = app.ctx(cmd);
      const urls = (o.fetch ?? []).map(parseFetchUrl);
      if (files.length === 0 && urls.length === 0) throw new UsageError('give files to check, or --fetch <url>');
      const failOn = o.failOn ? parseVerdicts(o.failOn) : new Set<MediaVerdict>();
      const maxBytes = o.maxBytes === undefined ? undefined : parseByteSize(o.maxBytes, '--max-bytes');
      const timeoutS = checkTimeoutS(cmd);
      const jobs: { file: string; run: () => Promise<MediaCheck> }[] = [
        ...files.map((file) => ({ file, run: () => uploadFile(ctx, timeoutS, file, maxBytes) })),
        ...urls.map((url) => ({ file: url, run: () => fetchUrl(ctx, timeoutS, url) })),
      ];
      let first = true;
      for (const job of jobs) {
        if (ctx.signal.aborted) break;
        let check: MediaCheck;
        try {
          check = await job.run();
        } catch (err) {
          if (ctx.signal.aborted) break;
          ctx.exit(1);
          const f = failure(job.file, err);
          if (ctx.json) printNdjson(ctx.out, f);
          else note(ctx.out, `error: ${oneLine(job.file)}: ${f.error}`);
          continue;
        }
        if (failOn.has(check.verdict)) ctx.exit(FAIL_ON_EXIT);
        if (!ctx.json && !first) println(ctx.out);
        first = false;
        report(ctx.out, ctx.json, job.file, check);
      }
    });
}
