// `bulwark media incident list | show | create | update | delete | export`: disinformation (FIMI)
// incidents of your organisation over the API: narratives, channels, actors, DISARM techniques and linked
// media (hash-bank entries, checks). `create` and `update` take flags and/or a JSON file (flags win);
// `export` writes the incident as a STIX 2.1 bundle.
import { createWriteStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ChannelAttribution, ChannelKind, FimiActor, FimiChannel, IncidentStatus, MediaIncident, MediaIncidentList, NewMediaIncident, UpdateMediaIncident } from '@bulwark/contracts';
import type { Command } from 'commander';
import { API } from '../api.ts';
import type { App } from '../context.ts';
import { note, printJson, printTable, println, sanitize, type Out } from '../output.ts';
import { UsageError } from '../problem.ts';
import { parseDisarm, parseTlp } from './media-bank.ts';

const STATUSES: readonly IncidentStatus[] = ['open', 'investigating', 'closed'];
const KINDS: readonly ChannelKind[] = ['social-media-account', 'website', 'messaging-channel', 'video-channel', 'forum', 'news-outlet', 'advertising', 'other'];
const ATTRIBUTIONS: readonly ChannelAttribution[] = ['official', 'state-controlled', 'state-linked', 'state-aligned', 'unattributed'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_FILE = 4 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------
// Parsing (pure)

export function parseStatus(text: string): IncidentStatus {
  const s = STATUSES.find((x) => x === text.trim().toLowerCase());
  if (!s) throw new UsageError(`--status is one of ${STATUSES.join(', ')}, not ${JSON.stringify(text)}`);
  return s;
}

/** `2026-05-01` (midnight UTC) or an RFC 3339 time with its zone; `none` → null. */
export function parseTime(text: string, name: string): string | null {
  const v = text.trim();
  if (v.toLowerCase() === 'none') return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(v);
  const full = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$/.test(v);
  if (!date && !full) throw new UsageError(`${name} takes a date (2026-05-01) or a time with its zone (2026-05-01T08:30:00Z), not ${JSON.stringify(text)}`);
  const at = Date.parse(date ? `${v}T00:00:00Z` : v.replace(' ', 'T'));
  if (Number.isNaN(at) || (date && new Date(at).toISOString().slice(0, 10) !== v)) throw new UsageError(`${name}: no such date or time: ${JSON.stringify(text)}`);
  return new Date(at).toISOString();
}

/**
 * `platform=Telegram,name=@newsflash,kind=messaging-channel[,url=https://…][,attribution=state-aligned][,actor=Actor X]`
 * (values without commas; use --file for anything else).
 */
export function parseChannel(text: string): FimiChannel {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UsageError(`--channel ${JSON.stringify(text)}: give key=value pairs separated by commas (platform, name, kind, url, attribution, actor)`);
    const k = part.slice(0, eq).trim().toLowerCase();
    if (!['platform', 'name', 'kind', 'url', 'attribution', 'actor'].includes(k)) throw new UsageError(`--channel: unknown key ${JSON.stringify(k)} (platform, name, kind, url, attribution, actor)`);
    if (fields.has(k)) throw new UsageError(`--channel: ${k} given twice`);
    fields.set(k, part.slice(eq + 1).trim());
  }
  const platform = fields.get('platform');
  const name = fields.get('name');
  const kind = fields.get('kind') ?? 'other';
  if (!platform || !name) throw new UsageError(`--channel ${JSON.stringify(text)}: platform and name are required`);
  if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`--channel: kind is one of ${KINDS.join(', ')}, not ${JSON.stringify(kind)}`);
  const attribution = fields.get('attribution');
  if (attribution !== undefined && !(ATTRIBUTIONS as readonly string[]).includes(attribution)) throw new UsageError(`--channel: attribution is one of ${ATTRIBUTIONS.join(', ')}, not ${JSON.stringify(attribution)}`);
  const url = fields.get('url');
  if (url !== undefined && !/^https?:\/\/\S+$/i.test(url)) throw new UsageError(`--channel: url must be an http(s) URL, not ${JSON.stringify(url)}`);
  const actor = fields.get('actor');
  return { platform, name, kind: kind as ChannelKind, ...(url ? { url } : {}), ...(attribution ? { attribution: attribution as ChannelAttribution } : {}), ...(actor ? { actor } : {}) };
}

/** `Actor X` or `Actor X:70` (confidence of the attribution, 0-100). */
export function parseActor(text: string): FimiActor {
  const m = /^(.*\S)\s*:\s*(\d{1,3})$/.exec(text.trim());
  const name = (m ? m[1]! : text).trim();
  if (!name) throw new UsageError('--actor: a name is required');
  if (!m) return { name };
  const confidence = Number(m[2]);
  if (confidence > 100) throw new UsageError(`--actor ${JSON.stringify(text)}: the confidence is 0-100`);
  return { name, confidence };
}

function uuids(values: readonly string[] | undefined, name: string): string[] | undefined {
  if (values === undefined) return undefined;
  const ids = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const id of ids) if (!UUID.test(id)) throw new UsageError(`${name}: ${JSON.stringify(id)} is not an id (UUID)`);
  return ids;
}

export interface IncidentFlags {
  file?: string;
  title?: string;
  summary?: string;
  status?: string;
  tlp?: string;
  firstSeen?: string;
  lastSeen?: string;
  campaign?: string;
  narrative?: string[];
  channel?: string[];
  actor?: string[];
  disarm?: string[];
  entry?: string[];
  check?: string[];
  notes?: string;
}

/** The fields given as flags (those not given are left out). */
export function incidentFromFlags(o: IncidentFlags): UpdateMediaIncident {
  const f: UpdateMediaIncident = {};
  if (o.title !== undefined) f.title = o.title;
  if (o.summary !== undefined) f.summary = o.summary;
  if (o.status !== undefined) f.status = parseStatus(o.status);
  if (o.tlp !== undefined) f.tlp = parseTlp(o.tlp);
  if (o.firstSeen !== undefined) f.firstSeen = parseTime(o.firstSeen, '--first-seen');
  if (o.lastSeen !== undefined) f.lastSeen = parseTime(o.lastSeen, '--last-seen');
  if (o.campaign !== undefined) f.campaign = o.campaign;
  if (o.narrative !== undefined) f.narratives = o.narrative;
  if (o.channel !== undefined) f.channels = o.channel.map(parseChannel);
  if (o.actor !== undefined) f.actors = o.actor.map(parseActor);
  if (o.disarm !== undefined) f.techniques = parseDisarm(o.disarm);
  const entries = uuids(o.entry, '--entry');
  if (entries) f.mediaEntries = entries;
  const checks = uuids(o.check, '--check');
  if (checks) f.mediaChecks = checks;
  if (o.notes !== undefined) f.notes = o.notes;
  return f;
}

/** A JSON file with the incident's fields (as the API takes them), then the flags on top. */
function incidentBody(o: IncidentFlags): UpdateMediaIncident {
  let fromFile: UpdateMediaIncident = {};
  if (o.file !== undefined) {
    let text: string;
    try {
      const buf = readFileSync(o.file === '-' ? 0 : o.file);
      if (buf.byteLength > MAX_FILE) throw new UsageError(`${o.file}: more than ${MAX_FILE} bytes`);
      text = buf.toString('utf8');
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`cannot read ${o.file}: ${(err as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`${o.file} is not JSON: ${(err as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`${o.file}: expected a JSON object with the incident's fields (title, summary, narratives, channels, actors, techniques…)`);
    fromFile = parsed as UpdateMediaIncident;
  }
  return { ...fromFile, ...incidentFromFlags(o) };
}

// ---------------------------------------------------------------------------------------------------------
// Printing

function printIncident(out: Out, i: MediaIncident): void {
  println(out, `${sanitize(i.title)} (${i.id})`);
  println(out, `status ${i.status}, TLP:${i.tlp}, first seen ${i.firstSeen ?? '-'}, last seen ${i.lastSeen ?? '-'}, updated ${i.updatedAt}`);
  if (i.campaign) println(out, `campaign: ${sanitize(i.campaign)}`);
  if (i.summary) println(out, `summary: ${sanitize(i.summary)}`);
  if (i.narratives.length) {
    println(out, 'narratives:');
    for (const n of i.narratives) println(out, `  - ${sanitize(n)}`);
  }
  if (i.actors.length) println(out, `actors: ${i.actors.map((a) => `${sanitize(a.name)}${a.confidence === undefined ? '' : ` (confidence ${a.confidence})`}`).join(', ')}`);
  if (i.techniqueDetails.length) {
    println(out, 'DISARM techniques:');
    for (const t of i.techniqueDetails) println(out, `  ${t.id}${t.tacticId ? ` [${t.tacticId}]` : ''} ${sanitize(t.name ?? '(not in the catalogue)')}`);
  }
  if (i.channels.length) {
    println(out, 'channels:');
    printTable(out, i.channels, [
      { header: 'platform', value: (c) => c.platform, max: 20 },
      { header: 'name', value: (c) => c.name, max: 40 },
      { header: 'kind', value: (c) => c.kind },
      { header: 'attribution', value: (c) => c.attribution ?? '' },
      { header: 'actor', value: (c) => c.actor ?? '', max: 30 },
      { header: 'url', value: (c) => c.url ?? '', max: 60 },
    ]);
  }
  if (i.mediaEntries.length) println(out, `hash-bank entries: ${i.mediaEntries.join(', ')}`);
  if (i.mediaChecks.length) println(out, `media checks: ${i.mediaChecks.join(', ')}`);
  if (i.notes) println(out, `notes: ${sanitize(i.notes)}`);
}

// ---------------------------------------------------------------------------------------------------------
// Commands

function withFields(cmd: Command, forCreate: boolean): Command {
  return cmd
    .option('--file <file>', 'the incident\'s fields as a JSON object (as the API takes them; - for standard input); flags given as well win')
    .option('--title <text>', forCreate ? 'title (required, here or in --file)' : 'title')
    .option('--summary <text>', 'what happened')
    .option('--status <status>', `one of ${STATUSES.join(', ')}`)
    .option('--tlp <level>', 'TLP 2.0 level (default AMBER)')
    .option('--first-seen <time>', 'date or time first seen (none clears it)')
    .option('--last-seen <time>', 'date or time last seen (none clears it)')
    .option('--campaign <name>', 'the campaign it belongs to')
    .option('--narrative <text...>', 'narratives (each one argument; replaces the list)')
    .option('--channel <spec...>', 'channels: platform=…,name=…,kind=…[,url=…][,attribution=…][,actor=…] (replaces the list)')
    .option('--actor <name...>', 'actors: "Name" or "Name:70" with the attribution confidence (replaces the list)')
    .option('--disarm <ids...>', 'DISARM technique ids, e.g. T0086.002 (none clears them)')
    .option('--entry <ids...>', 'hash-bank entry ids of your organisation (replaces the list)')
    .option('--check <ids...>', 'media check ids of your organisation (replaces the list)')
    .option('--notes <text>', 'analyst notes');
}

export function registerMediaIncident(media: Command, app: App): void {
  const incident = media.command('incident').description('disinformation (FIMI) incidents of your organisation: narratives, channels, actors, DISARM techniques, linked media');

  incident
    .command('list')
    .description('your organisation\'s incidents, most recently changed first')
    .option('--status <status>', `only ${STATUSES.join(', ')}`)
    .option('--q <text>', 'text in the title, summary, narratives, campaign, actors or channels')
    .option('--limit <n>', 'at most this many (1-500)', '100')
    .action(async (o: { status?: string; q?: string; limit: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError(`--limit must be a whole number from 1 to 500, not ${o.limit}`);
      const r = await c.client.get<MediaIncidentList>(API.mediaIncidents, { status: o.status === undefined ? undefined : parseStatus(o.status), q: o.q, limit });
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.incidents, [
        { header: 'id', value: (i) => i.id },
        { header: 'status', value: (i) => i.status },
        { header: 'tlp', value: (i) => i.tlp },
        { header: 'title', value: (i) => i.title, max: 50 },
        { header: 'techniques', value: (i) => i.techniques.join(' '), max: 40 },
        { header: 'media', value: (i) => String(i.media) },
        { header: 'updated', value: (i) => i.updatedAt },
      ], '(no incidents)');
      if (r.total > r.incidents.length) note(c.out, `${r.incidents.length} of ${r.total} incidents`);
    });

  incident
    .command('show <id>')
    .description('one incident with its narratives, channels, actors, techniques and linked media')
    .action(async (id: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const i = await c.client.get<MediaIncident>(API.mediaIncident(id));
      if (c.json) return printJson(c.out, i);
      printIncident(c.out, i);
    });

  withFields(incident.command('create').description('record an incident from flags and/or a JSON file'), true)
    .action(async (o: IncidentFlags, cmd: Command) => {
      const c = app.ctx(cmd);
      const body = incidentBody(o);
      if (!body.title) throw new UsageError('give a --title (or a title in --file)');
      const i = await c.client.post<MediaIncident>(API.mediaIncidents, body as NewMediaIncident);
      if (c.json) return printJson(c.out, i);
      printIncident(c.out, i);
    });

  withFields(incident.command('update <id>').description('change an incident: the fields given replace the stored ones (lists as a whole)'), false)
    .action(async (id: string, o: IncidentFlags, cmd: Command) => {
      const c = app.ctx(cmd);
      const body = incidentBody(o);
      if (Object.keys(body).length === 0) throw new UsageError('nothing to change: give flags or --file');
      const i = await c.client.patch<MediaIncident>(API.mediaIncident(id), body);
      if (c.json) return printJson(c.out, i);
      printIncident(c.out, i);
    });

  incident
    .command('delete <id>')
    .description('delete an incident (the linked media stay in their banks and checks)')
    .action(async (id: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      await c.client.delete(API.mediaIncident(id));
      if (c.json) return printJson(c.out, { deleted: id });
      println(c.out, `deleted incident ${sanitize(id)}`);
    });

  incident
    .command('export <id>')
    .description('write the incident as a STIX 2.1 bundle (incident, actors, DISARM attack patterns, channels, narratives, media hashes, TLP)')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (id: string, o: { output?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const res = await c.client.fetch('GET', API.mediaIncidentStix(id), { headers: { accept: 'application/stix+json;version=2.1' } });
      if (!res.body) throw new Error('the server sent no bundle');
      const body = Readable.fromWeb(res.body as WebReadableStream);
      if (o.output) {
        await pipeline(body, createWriteStream(o.output));
        note(c.out, `wrote ${sanitize(o.output)}`);
      } else await pipeline(body, c.out.stdout, { end: false });
    });
}
