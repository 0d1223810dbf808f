// `bulwark media bank list | create | show | update | delete | entries | add | edit | withdraw | history | shared`:
// hash banks of known synthetic or manipulated media over the API. `add --file` hashes the file on this
// machine (the server package's hashing, as its checks do: SHA-256, MD5, PDQ for images, vPDQ for videos,
// the audio fingerprint for sound) and sends only the hashes: the media never leaves the machine. A bank is named
// by its id or its name.
import type {
  DeletedMediaBank, MediaBank, MediaBankEntry, MediaBankEntryList, MediaBankList, MediaEntryHistory, MediaHashes, MediaKind,
  NewMediaBank, NewMediaBankEntry, SharedMediaEntryList, UpdateMediaBank, UpdateMediaBankEntry,
} from '@bulwark/contracts';
import { Option, type Command } from 'commander';
import { API } from '../api.ts';
import type { App } from '../context.ts';
import type { Client } from '../http.ts';
import { note, printJson, printTable, println, sanitize, type Out } from '../output.ts';
import { UsageError } from '../problem.ts';
import { loadServerPackage } from '../server-package.ts';
import { groupId } from './intel.ts';
import { parseByteSize } from './media-check.ts';

export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export const DISTRIBUTIONS = ['organisation', 'community', 'connected', 'all'] as const;
const KINDS: readonly MediaKind[] = ['image', 'video', 'audio', 'other'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DISARM_ID = /^T\d{4}(\.\d{3})?$/;
const MAX_DISARM = 50;

// ---------------------------------------------------------------------------------------------------------
// Parsing (pure)

/** TLP level in any case: `amber+strict` → `AMBER+STRICT`; `TLP:` prefix accepted. */
export function parseTlp(text: string, name = '--tlp'): (typeof TLP_LEVELS)[number] {
  const v = text.trim().toUpperCase().replace(/^TLP:/, '');
  const level = TLP_LEVELS.find((l) => l === v);
  if (!level) throw new UsageError(`${name} is one of ${TLP_LEVELS.join(', ')}, not ${JSON.stringify(text)}`);
  return level;
}

export function parseDistribution(text: string): (typeof DISTRIBUTIONS)[number] {
  const v = text.trim().toLowerCase();
  const d = DISTRIBUTIONS.find((x) => x === v);
  if (!d) throw new UsageError(`--distribution is one of ${DISTRIBUTIONS.join(', ')}, not ${JSON.stringify(text)}`);
  return d;
}

/**
 * `--distribution` and `--group` of a bank: `--group` (a sharing group's id or name) implies distribution
 * group and goes with no other distribution; `--distribution group` needs `--group`.
 */
export async function bankScope(client: Client, o: { distribution?: string; group?: string }): Promise<Pick<NewMediaBank, 'distribution' | 'group'>> {
  const asked = o.distribution?.trim().toLowerCase();
  if (o.group === undefined) {
    if (asked === 'group') throw new UsageError('--distribution group needs --group <id|name> (bulwark intel groups list)');
    return o.distribution === undefined ? {} : { distribution: parseDistribution(o.distribution) };
  }
  if (asked !== undefined && asked !== 'group') throw new UsageError(`--group shares the entries with the group: leave out --distribution ${sanitize(o.distribution)}`);
  return { distribution: 'group', group: await groupId(client, o.group) };
}

/** `community`, or `group <id>` for a bank shared with a sharing group. */
export const bankDistribution = (b: Pick<MediaBank, 'distribution' | 'group'>): string => (b.distribution === 'group' ? `group ${b.group ?? '?'}` : b.distribution);

/** `--disarm T0086.002 --disarm T0019,T0023.001` → distinct ids in order; `none` alone → [] (clears them). */
export function parseDisarm(values: readonly string[]): string[] {
  const parts = values.flatMap((v) => v.split(',')).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 1 && parts[0]!.toLowerCase() === 'none') return [];
  const out: string[] = [];
  for (const p of parts) {
    const id = p.toUpperCase();
    if (!DISARM_ID.test(id)) throw new UsageError(`--disarm: ${JSON.stringify(p)} is not a DISARM technique id (T0000 or T0000.000, e.g. T0086.002)`);
    if (!out.includes(id)) out.push(id);
  }
  if (out.length > MAX_DISARM) throw new UsageError(`--disarm: at most ${MAX_DISARM} techniques, not ${out.length}`);
  return out;
}

/** `2026-03-01` (midnight UTC) or an RFC 3339 time with its zone; `none` → null (clears it). */
export function parseFirstSeen(text: string): string | null {
  const v = text.trim();
  if (v.toLowerCase() === 'none') return null;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const full = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$/.test(v);
  if (!date && !full) throw new UsageError(`--first-seen takes a date (2026-03-01) or a time with its zone (2026-03-01T08:30:00Z), not ${JSON.stringify(text)}`);
  const at = Date.parse(date ? `${v}T00:00:00Z` : v.replace(' ', 'T'));
  // Date.parse rolls 2026-02-31 over into March: compare the date back.
  if (Number.isNaN(at) || (date && new Date(at).toISOString().slice(0, 10) !== v)) throw new UsageError(`--first-seen: no such date or time: ${JSON.stringify(text)}`);
  return new Date(at).toISOString();
}

function hex(value: string, digits: number, name: string): string {
  const v = value.trim().toLowerCase();
  if (!new RegExp(`^[0-9a-f]{${digits}}$`).test(v)) throw new UsageError(`${name} takes ${digits} hexadecimal digits (got ${v.length} characters)`);
  return v;
}

function text(value: string | undefined, max: number, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > max) throw new UsageError(`${name}: at most ${max} characters, not ${value.length}`);
  return value;
}

export function wholeNumber(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new UsageError(`${name} takes a whole number from ${min} to ${max}`);
  return n;
}

export interface ContextOptions {
  title?: string;
  narrative?: string;
  actor?: string;
  campaign?: string;
  disarm?: string[];
  firstSeen?: string;
  source?: string;
  tlp?: string;
}

/** The context fields given on the command line (those not given are left out, so `edit` keeps them). */
export function entryContext(o: ContextOptions): UpdateMediaBankEntry {
  const c: UpdateMediaBankEntry = {};
  const title = text(o.title, 300, '--title');
  const narrative = text(o.narrative, 4000, '--narrative');
  const actor = text(o.actor, 300, '--actor');
  const campaign = text(o.campaign, 300, '--campaign');
  const source = text(o.source, 1000, '--source');
  if (title !== undefined) c.title = title;
  if (narrative !== undefined) c.narrative = narrative;
  if (actor !== undefined) c.actor = actor;
  if (campaign !== undefined) c.campaign = campaign;
  if (o.disarm !== undefined) c.disarm = parseDisarm(o.disarm);
  if (o.firstSeen !== undefined) c.firstSeen = parseFirstSeen(o.firstSeen);
  if (source !== undefined) c.source = source;
  if (o.tlp !== undefined) c.tlp = parseTlp(o.tlp);
  return c;
}

export interface HashOptions {
  sha256?: string;
  md5?: string;
  pdq?: string;
  pdqQuality?: string;
  kind?: string;
}

/** Hashes given as flags (--sha256, --md5, --pdq [--pdq-quality]); undefined when none is given. */
export function hashesFromFlags(o: HashOptions): { kind?: MediaKind; hashes: MediaHashes } | undefined {
  if (o.sha256 === undefined && o.md5 === undefined && o.pdq === undefined) {
    if (o.pdqQuality !== undefined) throw new UsageError('--pdq-quality goes with --pdq');
    return undefined;
  }
  const hashes: MediaHashes = {};
  if (o.sha256 !== undefined) hashes.sha256 = hex(o.sha256, 64, '--sha256');
  if (o.md5 !== undefined) hashes.md5 = hex(o.md5, 32, '--md5');
  if (o.pdq !== undefined) hashes.pdq = hex(o.pdq, 64, '--pdq');
  if (o.pdqQuality !== undefined) {
    if (o.pdq === undefined) throw new UsageError('--pdq-quality goes with --pdq');
    const q = Number(o.pdqQuality);
    if (!Number.isInteger(q) || q < 0 || q > 100) throw new UsageError('--pdq-quality takes a whole number from 0 to 100');
    hashes.pdqQuality = q;
  }
  let kind: MediaKind | undefined;
  if (o.kind !== undefined) {
    if (!(KINDS as readonly string[]).includes(o.kind)) throw new UsageError(`--kind is one of ${KINDS.join(', ')}`);
    kind = o.kind as MediaKind;
  } else if (hashes.pdq !== undefined) kind = 'image';
  return { ...(kind ? { kind } : {}), hashes };
}

/** The bank a user means: an id as given, else the one bank with that name (exact, then ignoring case). */
export function pickBank(banks: readonly Pick<MediaBank, 'id' | 'name'>[], ref: string): string {
  if (UUID.test(ref)) return ref;
  let found = banks.filter((b) => b.name === ref);
  if (found.length === 0) found = banks.filter((b) => b.name.toLowerCase() === ref.toLowerCase());
  if (found.length === 1) return found[0]!.id;
  if (found.length === 0) throw new UsageError(`no hash bank is named ${JSON.stringify(sanitize(ref))} (see bulwark media bank list)`);
  throw new UsageError(`${found.length} hash banks are named ${JSON.stringify(sanitize(ref))}: give the id (${found.map((b) => b.id).join(', ')})`);
}

async function resolveBank(client: Client, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  const r = await client.get<MediaBankList>(API.mediaBanks);
  return pickBank(r.banks, ref);
}

// ---------------------------------------------------------------------------------------------------------
// Local hashing of --file (only the hashes are sent)

interface HashOutcomeResult {
  kind: string;
  sha256: string;
  md5: string;
  pdq?: string;
  pdq_quality?: number;
  error?: string;
}
type HashOutcome = { file: string; ok: true; result: HashOutcomeResult } | { file: string; ok: false; error: string };
interface MediaHashApi {
  mediaHashFiles(paths: string[], opts: { maxBytes?: number }): AsyncIterable<HashOutcome>;
  vpdqHashFile(path: string, opts?: { secondsPerHash?: number }): Promise<{ fps: number; frames: number; hashes: { frame: number; quality: number; pdq: string; seconds: number }[] }>;
  audioFingerprintFile(path: string): Promise<{ duration: number; raw: Uint32Array; chromaprint: string }>;
}

/**
 * Seconds between the hashed frames of a video: the server's checks hash ten frames a second (at one a
 * second, footage re-encoded at another frame rate shares few frames), and an entry must be comparable.
 */
export const VPDQ_SECONDS_PER_HASH = 0.1;
/** Fewer fingerprint items than this are not worth matching (the server leaves them out too). */
const MIN_FINGERPRINT_ITEMS = 10;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The hashes of a local file as a bank entry carries them, computed as the server's checks compute them:
 * digests; PDQ and its quality (images); vPDQ at ten frames a second, the soundtrack's fingerprint and the
 * duration (videos); the fingerprint and duration (audio). Throws when a hash the kind needs fails.
 */
export async function hashesFromFile(path: string, maxBytes?: number): Promise<{ kind: MediaKind; hashes: MediaHashes }> {
  const api = await loadServerPackage<MediaHashApi>('media bank add --file', ['mediaHashFiles', 'vpdqHashFile', 'audioFingerprintFile']);
  let outcome: HashOutcome | undefined;
  for await (const r of api.mediaHashFiles([path], maxBytes !== undefined ? { maxBytes } : {})) outcome = r;
  if (!outcome) throw new Error(`${path}: no hash result`);
  if (!outcome.ok) throw new UsageError(`cannot hash ${path}: ${outcome.error}`);
  const x = outcome.result;
  if (x.error !== undefined) throw new UsageError(`cannot hash ${path}: ${x.error} (to add its SHA-256 alone, give --sha256)`);
  const kind: MediaKind = (KINDS as readonly string[]).includes(x.kind) ? (x.kind as MediaKind) : 'other';
  const hashes: MediaHashes = { sha256: x.sha256, md5: x.md5 };
  if (x.pdq !== undefined) {
    hashes.pdq = x.pdq;
    if (x.pdq_quality !== undefined) hashes.pdqQuality = x.pdq_quality;
  }
  if (kind === 'video') {
    try {
      const v = await api.vpdqHashFile(path, { secondsPerHash: VPDQ_SECONDS_PER_HASH });
      hashes.vpdq = v.hashes.map((f) => ({ frame: f.frame, quality: f.quality, pdq: f.pdq, seconds: Math.round(f.seconds * 1000) / 1000 }));
      if (v.fps > 0) hashes.duration = Math.round((v.frames / v.fps) * 1000) / 1000;
    } catch (e) {
      throw new UsageError(`cannot hash ${path}: vpdq: ${message(e)}`);
    }
  }
  if (kind === 'video' || kind === 'audio') {
    try {
      const a = await api.audioFingerprintFile(path);
      if (a.raw.length >= MIN_FINGERPRINT_ITEMS) hashes.chromaprint = a.chromaprint;
      hashes.duration ??= a.duration;
    } catch (e) {
      // A video without sound has no fingerprint, and that is not an error.
      if (!(kind === 'video' && /no-audio|no audio/i.test(`${(e as { code?: string }).code ?? ''} ${message(e)}`))) throw new UsageError(`cannot hash ${path}: audio fingerprint: ${message(e)}`);
    }
  }
  return { kind, hashes };
}

/** One line naming the hashes (for the note after local hashing and for tables). */
export function hashSummary(h: MediaHashes): string {
  const parts: string[] = [];
  if (h.sha256) parts.push(`sha256 ${h.sha256}`);
  if (h.md5) parts.push(`md5 ${h.md5}`);
  if (h.pdq) parts.push(`pdq ${h.pdq}${h.pdqQuality !== undefined ? ` (quality ${h.pdqQuality})` : ''}`);
  if (h.vpdq) parts.push(`vpdq ${h.vpdq.length} frames`);
  if (h.chromaprint) parts.push(`chromaprint ${h.chromaprint.length} characters`);
  if (h.duration !== undefined) parts.push(`${h.duration.toFixed(2)} s`);
  return parts.join(', ');
}

// ---------------------------------------------------------------------------------------------------------
// Printing

const oneLine = (v: unknown) => sanitize(v).replace(/\s*[\t\n]\s*/g, ' ').trim();

function printBank(out: Out, b: MediaBank): void {
  println(out, `${oneLine(b.name)} (${b.id})`);
  if (b.description) println(out, `description: ${oneLine(b.description)}`);
  println(out, `TLP:${b.tlp}, distribution ${b.distribution}`);
  if (b.group) println(out, `sharing group: ${b.group}`);
  println(out, `entries: ${b.entries} active, ${b.withdrawn} withdrawn`);
  println(out, `created ${b.createdAt}, updated ${b.updatedAt}`);
  if (b.deletedAt) println(out, `deleted ${b.deletedAt}`);
}

export function formatEntry(e: MediaBankEntry): string[] {
  const lines = [`${e.title ? oneLine(e.title) : '(untitled)'} (${e.id})`];
  lines.push(`status: ${e.status}${e.withdrawReason ? ` (${oneLine(e.withdrawReason)})` : ''}, version ${e.version}, ${e.kind}, TLP:${oneLine(e.tlp)}`);
  lines.push(`bank: ${e.bankId}`);
  lines.push(`hashes: ${hashSummary(e.hashes) || '(none)'}`);
  if (e.narrative) lines.push(`narrative: ${oneLine(e.narrative)}`);
  if (e.actor) lines.push(`actor: ${oneLine(e.actor)}`);
  if (e.campaign) lines.push(`campaign: ${oneLine(e.campaign)}`);
  if (e.disarm.length) lines.push(`DISARM: ${e.disarm.map(oneLine).join(', ')}`);
  if (e.firstSeen) lines.push(`first seen: ${oneLine(e.firstSeen)}`);
  if (e.source) lines.push(`source: ${oneLine(e.source)}`);
  lines.push(`shared as: ${oneLine(e.indicatorId)}`);
  lines.push(`created ${e.createdAt}, updated ${e.updatedAt}`);
  return lines;
}

function printEntry(out: Out, e: MediaBankEntry): void {
  for (const line of formatEntry(e)) println(out, line);
}

/** A change's fields as `name: from → to`, values cut to 60 characters. */
export function describeFields(fields: Record<string, { from: unknown; to: unknown }>): string {
  const show = (v: unknown) => {
    const s = v === null || v === undefined ? '–' : Array.isArray(v) ? v.join(',') || '–' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    const flat = oneLine(s);
    return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
  };
  return Object.entries(fields).map(([k, v]) => `${oneLine(k)}: ${show(v.from)} → ${show(v.to)}`).join('; ');
}

// ---------------------------------------------------------------------------------------------------------
// Commands

interface AddOptions extends ContextOptions, HashOptions {
  file?: string;
  check?: string;
  maxBytes?: string;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

function contextOptions(cmd: Command): Command {
  return cmd
    .option('--title <text>', 'a short title')
    .option('--narrative <text>', 'the disinformation narrative the media carries')
    .option('--actor <name>', 'the threat actor behind it, when known')
    .option('--campaign <name>', 'the campaign it belongs to, when known')
    .option('--disarm <ids>', 'DISARM technique ids (repeatable or a comma list, e.g. T0086.002; none clears them)', collect)
    .option('--first-seen <when>', 'first seen: a date (2026-03-01) or an RFC 3339 time; none clears it')
    .option('--source <text>', 'where it was found (platform, URL, report)')
    .option('--tlp <level>', `TLP of the entry: ${TLP_LEVELS.join(', ')} (default: the bank's)`);
}

export function registerMediaBank(media: Command, app: App): void {
  const bank = media.command('bank').description('hash banks of known synthetic or manipulated media: banks, entries with context and history, entries shared with you');

  bank
    .command('list')
    .description('the hash banks of your organisation')
    .option('--deleted', 'the deleted banks instead (their entries stay readable by id)')
    .action(async (o: { deleted?: boolean }, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<MediaBankList>(API.mediaBanks, { deleted: o.deleted ? 'true' : undefined });
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.banks, [
        { header: 'id', value: (b) => b.id },
        { header: 'name', value: (b) => b.name, max: 40 },
        { header: 'tlp', value: (b) => b.tlp },
        { header: 'distribution', value: (b) => bankDistribution(b) },
        { header: 'entries', value: (b) => String(b.entries) },
        { header: 'withdrawn', value: (b) => String(b.withdrawn) },
        { header: o.deleted ? 'deleted' : 'updated', value: (b) => (o.deleted ? b.deletedAt ?? '' : b.updatedAt) },
      ], o.deleted ? '(no deleted hash banks)' : '(no hash banks)');
    });

  bank
    .command('create <name>')
    .description('create a hash bank')
    .option('--description <text>', 'what the bank holds')
    .option('--tlp <level>', `default TLP of its entries: ${TLP_LEVELS.join(', ')} (default AMBER)`)
    .option('--distribution <scope>', `who receives its entries (as STIX, hashes only): ${DISTRIBUTIONS.join(', ')} (default organisation), or group with --group`)
    .option('--group <group>', 'share its entries with this sharing group (its id or name; your organisation owns or belongs to it)')
    .action(async (name: string, o: { description?: string; tlp?: string; distribution?: string; group?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const body: NewMediaBank = { name };
      if (name.trim() === '' || name.length > 200) throw new UsageError('a bank name has 1 to 200 characters');
      if (o.description !== undefined) body.description = text(o.description, 4000, '--description')!;
      if (o.tlp !== undefined) body.tlp = parseTlp(o.tlp);
      Object.assign(body, await bankScope(c.client, o));
      const b = await c.client.post<MediaBank>(API.mediaBanks, body);
      if (c.json) return printJson(c.out, b);
      printBank(c.out, b);
    });

  bank
    .command('show <bank>')
    .description('one hash bank (by id or name)')
    .action(async (ref: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const b = await c.client.get<MediaBank>(API.mediaBank(await resolveBank(c.client, ref)));
      if (c.json) return printJson(c.out, b);
      printBank(c.out, b);
    });

  bank
    .command('update <bank>')
    .description('rename a hash bank or change its description, default TLP, distribution or sharing group')
    .option('--name <name>', 'new name')
    .option('--description <text>', 'new description')
    .option('--tlp <level>', `default TLP of its entries: ${TLP_LEVELS.join(', ')}`)
    .option('--distribution <scope>', `who receives its entries: ${DISTRIBUTIONS.join(', ')} (leaves its sharing group), or group with --group`)
    .option('--group <group>', 'share its entries with this sharing group instead (its id or name)')
    .action(async (ref: string, o: { name?: string; description?: string; tlp?: string; distribution?: string; group?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const body: UpdateMediaBank = {};
      if (o.name !== undefined) {
        if (o.name.trim() === '' || o.name.length > 200) throw new UsageError('--name: a bank name has 1 to 200 characters');
        body.name = o.name;
      }
      if (o.description !== undefined) body.description = text(o.description, 4000, '--description')!;
      if (o.tlp !== undefined) body.tlp = parseTlp(o.tlp);
      Object.assign(body, await bankScope(c.client, o));
      if (Object.keys(body).length === 0) throw new UsageError('give --name, --description, --tlp, --distribution or --group');
      const b = await c.client.patch<MediaBank>(API.mediaBank(await resolveBank(c.client, ref)), body);
      if (c.json) return printJson(c.out, b);
      printBank(c.out, b);
    });

  bank
    .command('delete <bank>')
    .description('delete a hash bank (by id or name): every entry is withdrawn, here and wherever it was shared; the bank leaves the list and its name is free again')
    .option('--reason <text>', 'why (each entry\'s withdrawal reason becomes "bank deleted: <reason>")')
    .action(async (ref: string, o: { reason?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      if (o.reason !== undefined && (o.reason.trim() === '' || o.reason.length > 1000)) throw new UsageError('--reason has 1 to 1000 characters');
      const r = await c.client.request<DeletedMediaBank>('DELETE', API.mediaBank(await resolveBank(c.client, ref)), { query: { reason: o.reason } });
      if (c.json) return printJson(c.out, r);
      println(c.out, `deleted: ${oneLine(r.bank.name)} (${r.bank.id}); ${r.withdrawn} ${r.withdrawn === 1 ? 'entry' : 'entries'} withdrawn, the withdrawals shared where the entries went`);
    });

  bank
    .command('entries <bank>')
    .description('the entries of a hash bank (by id or name)')
    .addOption(new Option('--status <status>', 'which entries (default: the active ones)').choices(['active', 'withdrawn', 'all']))
    .option('--search <text>', 'text in title, narrative, actor, campaign or source; or a SHA-256 or PDQ')
    .option('--limit <n>', 'entries per page, 1-1000 (default 100)')
    .option('--offset <n>', 'entries skipped (newest first)')
    .action(async (ref: string, o: { status?: string; search?: string; limit?: string; offset?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const query = {
        status: o.status,
        q: text(o.search, 200, '--search'),
        limit: wholeNumber(o.limit, '--limit', 1, 1000),
        offset: wholeNumber(o.offset, '--offset', 0, 10_000_000),
      };
      const r = await c.client.get<MediaBankEntryList>(API.mediaBankEntries(await resolveBank(c.client, ref)), query);
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.entries, [
        { header: 'id', value: (e) => e.id },
        { header: 'status', value: (e) => e.status },
        { header: 'kind', value: (e) => e.kind },
        { header: 'title', value: (e) => e.title, max: 40 },
        { header: 'actor', value: (e) => e.actor, max: 24 },
        { header: 'disarm', value: (e) => e.disarm.join(','), max: 30 },
        { header: 'tlp', value: (e) => e.tlp },
        { header: 'hashes', value: (e) => hashKinds(e.hashes) },
        { header: 'updated', value: (e) => e.updatedAt },
      ], '(no entries)');
      const from = query.offset ?? 0;
      if (r.total > from + r.entries.length || from > 0) note(c.out, `entries ${r.entries.length ? `${from + 1}-${from + r.entries.length}` : 'none'} of ${r.total}${r.total > from + r.entries.length ? ` (next: --offset ${from + r.entries.length})` : ''}`);
    });

  contextOptions(
    bank
      .command('add <bank>')
      .description('add an entry: the hashes of a local file (hashed here; the media is not sent), of one of your checks, or given as flags')
      .option('--file <path>', 'hash this file locally: SHA-256, MD5, PDQ (images), vPDQ (videos), audio fingerprint (sound)')
      .option('--max-bytes <n>', 'largest --file hashed (bytes, or with K/M/G; default 64M)')
      .option('--check <id>', 'take the hashes of this check (bulwark media check)')
      .option('--sha256 <hex>', 'SHA-256 of the file')
      .option('--md5 <hex>', 'MD5 of the file')
      .option('--pdq <hex>', 'PDQ hash of the image (64 hex digits)')
      .option('--pdq-quality <n>', 'its quality, 0-100')
      .addOption(new Option('--kind <kind>', 'media kind with hash flags (default image with --pdq, else other)').choices(KINDS)),
  ).action(async (ref: string, o: AddOptions, cmd: Command) => {
    const c = app.ctx(cmd);
    const context = entryContext(o);
    const fromFlags = hashesFromFlags(o);
    const sources = [o.file !== undefined, o.check !== undefined, fromFlags !== undefined].filter(Boolean).length;
    if (sources !== 1) throw new UsageError('give exactly one of --file <path>, --check <id>, or hash flags (--sha256, --md5, --pdq)');
    if (o.kind !== undefined && fromFlags === undefined) throw new UsageError('--kind goes with the hash flags (a file or check has its own kind)');
    if (o.maxBytes !== undefined && o.file === undefined) throw new UsageError('--max-bytes goes with --file');
    if (o.check !== undefined && !UUID.test(o.check)) throw new UsageError(`--check takes a check id (a UUID), not ${JSON.stringify(sanitize(o.check))}`);
    const bankId = await resolveBank(c.client, ref);
    const body: NewMediaBankEntry = { ...context };
    if (o.file !== undefined) {
      const h = await hashesFromFile(o.file, o.maxBytes === undefined ? undefined : parseByteSize(o.maxBytes, '--max-bytes'));
      note(c.out, `hashed ${sanitize(o.file)} here (${h.kind}): ${hashSummary(h.hashes)}; only the hashes are sent`);
      if (h.hashes.pdqQuality !== undefined && h.hashes.pdqQuality < 50) note(c.out, `warning: PDQ quality ${h.hashes.pdqQuality} is below 50: near copies of this image may be missed or mistaken`);
      body.kind = h.kind;
      body.hashes = h.hashes;
    } else if (o.check !== undefined) body.checkId = o.check;
    else {
      if (fromFlags!.kind) body.kind = fromFlags!.kind;
      body.hashes = fromFlags!.hashes;
    }
    const e = await c.client.post<MediaBankEntry>(API.mediaBankEntries(bankId), body);
    if (c.json) return printJson(c.out, e);
    printEntry(c.out, e);
  });

  contextOptions(
    bank
      .command('edit <entry-id>')
      .description('change the context of an entry (the fields given; the change is kept in its history and shared)'),
  ).action(async (id: string, o: ContextOptions, cmd: Command) => {
    const c = app.ctx(cmd);
    const body = entryContext(o);
    if (Object.keys(body).length === 0) throw new UsageError('give at least one of --title, --narrative, --actor, --campaign, --disarm, --first-seen, --source, --tlp');
    const e = await c.client.patch<MediaBankEntry>(API.mediaEntry(id), body);
    if (c.json) return printJson(c.out, e);
    printEntry(c.out, e);
  });

  bank
    .command('withdraw <entry-id>')
    .description('withdraw an entry: it stops matching here, and the withdrawal reaches everyone it was shared with')
    .requiredOption('--reason <text>', 'why (kept in the history)')
    .action(async (id: string, o: { reason: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      if (o.reason.trim() === '' || o.reason.length > 1000) throw new UsageError('--reason has 1 to 1000 characters');
      const e = await c.client.post<MediaBankEntry>(API.mediaEntryWithdraw(id), { reason: o.reason });
      if (c.json) return printJson(c.out, e);
      println(c.out, `withdrawn: ${e.title ? oneLine(e.title) : e.id} (version ${e.version})`);
    });

  bank
    .command('history <entry-id>')
    .description('the changes of an entry: added, edited, withdrawn, republished')
    .action(async (id: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<MediaEntryHistory>(API.mediaEntryHistory(id));
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.changes, [
        { header: 'version', value: (x) => String(x.version) },
        { header: 'action', value: (x) => x.action },
        { header: 'at', value: (x) => x.at },
        { header: 'by', value: (x) => x.by ?? '' },
        { header: 'changes', value: (x) => describeFields(x.fields), max: 100 },
        { header: 'note', value: (x) => x.note ?? '', max: 60 },
      ], '(no history)');
    });

  bank
    .command('shared')
    .description('entries you receive: from the other organisations of this instance and from federated instances')
    .option('--limit <n>', 'entries at most, 1-1000 (default 200)')
    .action(async (o: { limit?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<SharedMediaEntryList>(API.mediaShared, { limit: wholeNumber(o.limit, '--limit', 1, 1000) });
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.entries, [
        { header: 'owner', value: (e) => `${e.ownerInstance}/${e.ownerOrg}${e.local ? '' : ' (federated)'}`, max: 40 },
        { header: 'bank', value: (e) => e.bank, max: 30 },
        { header: 'kind', value: (e) => e.kind },
        { header: 'title', value: (e) => e.title, max: 40 },
        { header: 'actor', value: (e) => e.actor, max: 24 },
        { header: 'disarm', value: (e) => e.disarm.join(','), max: 30 },
        { header: 'tlp', value: (e) => e.tlp },
        { header: 'hashes', value: (e) => hashKinds(e.hashes) },
        { header: 'modified', value: (e) => e.modified },
      ], '(nothing shared with you)');
    });
}

/** Which hashes an entry has, for a table column: `sha256,pdq,vpdq`. */
export function hashKinds(h: MediaHashes): string {
  return (['sha256', 'md5', 'pdq', 'vpdq', 'chromaprint'] as const).filter((k) => h[k] !== undefined).join(',');
}
