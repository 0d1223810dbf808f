// Disinformation incidents in the console: statuses and channel categories in words, the form's values
// from and to the API's shape, lists of linked ids, and the file name of a STIX export.
import type { FimiActor, FimiChannel, MediaIncident, NewMediaIncident } from '@bulwark/contracts';
import { isoToLocalInput, parseDisarmIds } from './media.ts';

export const INCIDENT_STATUSES = ['open', 'investigating', 'closed'] as const;
export type IncidentStatusValue = (typeof INCIDENT_STATUSES)[number];

export const STATUS_COLOR: Readonly<Record<IncidentStatusValue, string>> = { open: 'red', investigating: 'orange', closed: 'gray' };

export const CHANNEL_KINDS: readonly FimiChannel['kind'][] = [
  'social-media-account', 'website', 'messaging-channel', 'video-channel', 'forum', 'news-outlet', 'advertising', 'other',
];

export const CHANNEL_KIND_LABEL: Readonly<Record<FimiChannel['kind'], string>> = {
  'social-media-account': 'Social media account',
  website: 'Website',
  'messaging-channel': 'Messaging channel',
  'video-channel': 'Video channel',
  forum: 'Forum',
  'news-outlet': 'News outlet',
  advertising: 'Advertising',
  other: 'Other',
};

type Attribution = NonNullable<FimiChannel['attribution']>;
export const ATTRIBUTIONS: readonly Attribution[] = ['official', 'state-controlled', 'state-linked', 'state-aligned', 'unattributed'];

/** The EEAS FIMI report categories in words. */
export const ATTRIBUTION_LABEL: Readonly<Record<Attribution, string>> = {
  official: 'Official state channel',
  'state-controlled': 'State-controlled outlet',
  'state-linked': 'State-linked',
  'state-aligned': 'State-aligned',
  unattributed: 'Not attributed',
};

export function channelKindLabel(kind: string): string {
  return (CHANNEL_KIND_LABEL as Record<string, string>)[kind] ?? kind;
}

export function attributionLabel(a: string | undefined): string {
  if (!a) return '—';
  return (ATTRIBUTION_LABEL as Record<string, string>)[a] ?? a;
}

export interface ChannelValues {
  readonly platform: string;
  readonly name: string;
  readonly url: string;
  readonly kind: FimiChannel['kind'];
  /** '' for none. */
  readonly attribution: string;
  readonly actor: string;
}

export interface ActorValues {
  readonly name: string;
  /** '' or 0–100. */
  readonly confidence: string;
  readonly description: string;
}

export interface IncidentValues {
  readonly title: string;
  readonly summary: string;
  readonly status: IncidentStatusValue;
  readonly tlp: string;
  readonly campaign: string;
  /** `datetime-local` values or ''. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly narratives: readonly string[];
  readonly channels: readonly ChannelValues[];
  readonly actors: readonly ActorValues[];
  /** DISARM ids as typed. */
  readonly techniques: string;
  /** Linked bank entry ids and check ids, one per line or separated by commas. */
  readonly mediaEntries: string;
  readonly mediaChecks: string;
  readonly notes: string;
}

export const EMPTY_CHANNEL: ChannelValues = { platform: '', name: '', url: '', kind: 'social-media-account', attribution: '', actor: '' };
export const EMPTY_ACTOR: ActorValues = { name: '', confidence: '', description: '' };

export const EMPTY_INCIDENT: IncidentValues = {
  title: '', summary: '', status: 'open', tlp: 'AMBER', campaign: '', firstSeen: '', lastSeen: '',
  narratives: [], channels: [], actors: [], techniques: '', mediaEntries: '', mediaChecks: '', notes: '',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids typed as a list: the UUIDs (lower case, each once), and the parts that are not UUIDs. */
export function parseIdList(text: string): { ids: string[]; bad: string[] } {
  const ids: string[] = [];
  const bad: string[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    if (UUID.test(part)) {
      const id = part.toLowerCase();
      if (!ids.includes(id)) ids.push(id);
    } else bad.push(part);
  }
  return { ids, bad };
}

export function incidentValuesOf(i: MediaIncident): IncidentValues {
  return {
    title: i.title,
    summary: i.summary,
    status: i.status,
    tlp: i.tlp,
    campaign: i.campaign,
    firstSeen: isoToLocalInput(i.firstSeen),
    lastSeen: isoToLocalInput(i.lastSeen),
    narratives: [...i.narratives],
    channels: i.channels.map((c) => ({
      platform: c.platform, name: c.name, url: c.url ?? '', kind: c.kind, attribution: c.attribution ?? '', actor: c.actor ?? '',
    })),
    actors: i.actors.map((a) => ({ name: a.name, confidence: a.confidence === undefined ? '' : String(a.confidence), description: a.description ?? '' })),
    techniques: i.techniques.join(', '),
    mediaEntries: i.mediaEntries.join('\n'),
    mediaChecks: i.mediaChecks.join('\n'),
    notes: i.notes,
  };
}

function localToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function channelOf(c: ChannelValues): FimiChannel {
  const out: FimiChannel = { platform: c.platform.trim(), name: c.name.trim(), kind: c.kind };
  if (c.url.trim()) out.url = c.url.trim();
  if (c.attribution) out.attribution = c.attribution as Attribution;
  if (c.actor.trim()) out.actor = c.actor.trim();
  return out;
}

function actorOf(a: ActorValues): FimiActor {
  const out: FimiActor = { name: a.name.trim() };
  const n = Number.parseInt(a.confidence, 10);
  if (a.confidence.trim() && Number.isInteger(n)) out.confidence = Math.max(0, Math.min(100, n));
  if (a.description.trim()) out.description = a.description.trim();
  return out;
}

/** What is wrong with the values, one line each (empty: they can be sent). */
export function incidentProblems(v: IncidentValues): string[] {
  const out: string[] = [];
  if (!v.title.trim()) out.push('The incident needs a title.');
  v.channels.forEach((c, i) => {
    if (!c.platform.trim() || !c.name.trim()) out.push(`Channel ${i + 1} needs a platform and a name.`);
    if (c.url.trim() && !isAbsoluteUrl(c.url.trim())) out.push(`Channel ${i + 1}: the URL is not an absolute URL.`);
  });
  v.actors.forEach((a, i) => {
    if (!a.name.trim()) out.push(`Actor ${i + 1} needs a name.`);
    const n = Number(a.confidence);
    if (a.confidence.trim() && !(Number.isInteger(n) && n >= 0 && n <= 100)) out.push(`Actor ${i + 1}: confidence is a whole number from 0 to 100.`);
  });
  const bad = parseDisarmIds(v.techniques).bad;
  if (bad.length) out.push(`Not DISARM technique ids: ${bad.join(', ')}.`);
  const badEntries = parseIdList(v.mediaEntries).bad;
  if (badEntries.length) out.push(`Not entry ids: ${badEntries.join(', ')}.`);
  const badChecks = parseIdList(v.mediaChecks).bad;
  if (badChecks.length) out.push(`Not check ids: ${badChecks.join(', ')}.`);
  const first = localToIso(v.firstSeen);
  const last = localToIso(v.lastSeen);
  if (first && last && last < first) out.push('Last seen is before first seen.');
  return out;
}

function isAbsoluteUrl(text: string): boolean {
  try {
    return Boolean(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** The whole incident as the API takes it (for a new incident, and for a change: lists replace the stored ones). */
export function incidentBody(v: IncidentValues): NewMediaIncident & { firstSeen: string | null; lastSeen: string | null } {
  return {
    title: v.title.trim(),
    summary: v.summary,
    status: v.status,
    tlp: v.tlp as NewMediaIncident['tlp'] & string,
    campaign: v.campaign.trim(),
    firstSeen: localToIso(v.firstSeen),
    lastSeen: localToIso(v.lastSeen),
    narratives: v.narratives.map((n) => n.trim()).filter(Boolean),
    channels: v.channels.map(channelOf),
    actors: v.actors.map(actorOf),
    techniques: parseDisarmIds(v.techniques).ids,
    mediaEntries: parseIdList(v.mediaEntries).ids,
    mediaChecks: parseIdList(v.mediaChecks).ids,
    notes: v.notes,
  };
}

/** "bulwark-incident-<first 8 of the id>-<title words>.stix.json", safe as a file name. */
export function incidentExportName(i: { readonly id: string; readonly title: string }): string {
  const words = i.title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return `bulwark-incident-${i.id.slice(0, 8)}${words ? `-${words}` : ''}.stix.json`;
}

/**
 * A new incident's values from a check: the check linked, its matching entries of this organisation, and
 * the narratives, actors, campaign, DISARM techniques and earliest first sighting the matches carry.
 */
export function incidentDraftFromCheck(check: {
  readonly id: string;
  readonly name: string;
  readonly matches: readonly {
    readonly entryId: string | null;
    readonly narrative: string;
    readonly actor: string;
    readonly campaign: string;
    readonly disarm: readonly string[];
    readonly firstSeen: string | null;
  }[];
}): IncidentValues {
  const uniq = (xs: readonly string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
  const firstSeen = check.matches.map((m) => m.firstSeen).filter((t): t is string => t !== null).sort()[0] ?? null;
  return {
    ...EMPTY_INCIDENT,
    title: check.name.slice(0, 300),
    campaign: uniq(check.matches.map((m) => m.campaign))[0] ?? '',
    firstSeen: isoToLocalInput(firstSeen),
    narratives: uniq(check.matches.map((m) => m.narrative)),
    actors: uniq(check.matches.map((m) => m.actor)).map((name) => ({ ...EMPTY_ACTOR, name })),
    techniques: uniq(check.matches.flatMap((m) => m.disarm)).join(', '),
    mediaEntries: uniq(check.matches.map((m) => m.entryId ?? '')).join('\n'),
    mediaChecks: check.id,
  };
}
