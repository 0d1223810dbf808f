// From index candidates to the evidence a user sees, and the verdict: only entries the user may receive
// count (the intel store's access model decides, for the few candidates), each with its bank, owner
// and context; then known fake (the same media: equal digest, PDQ within 10 bits, vPDQ both ways, audio
// bit error rate within 0.05) > near match (within the entry's threshold) > AI-generated per the file's
// Content Credentials > unknown.
import { sql } from 'drizzle-orm';
import type { MediaKind, MediaMatch, MediaProvenance, MediaVerdict } from '@bulwark/contracts';
import { orgScope, rows, type Principal } from '../../../platform/index.ts';
import type { Candidate, MediaQuery } from '../banks/live-index.ts';
import type { MediaDeps } from '../module.ts';

/** PDQ distances up to this are the same image re-encoded (reference implementations differ by up to 10 bits). */
export const SAME_PDQ = 10;
export const SAME_AUDIO_BER = 0.05;
export const SAME_VPDQ_SHARE = 0.8;

function strength(c: Candidate): MediaMatch['strength'] {
  switch (c.algorithm) {
    case 'sha256':
    case 'md5':
      return 'exact';
    case 'pdq':
      return (c.distance ?? 256) <= SAME_PDQ ? 'exact' : 'near';
    case 'vpdq':
      return (c.queryShare ?? 0) >= SAME_VPDQ_SHARE && (c.entryShare ?? 0) >= SAME_VPDQ_SHARE ? 'exact' : 'near';
    case 'chromaprint':
      return (c.ber ?? 1) <= SAME_AUDIO_BER ? 'exact' : 'near';
  }
}

const RANK: Record<MediaMatch['algorithm'], number> = { sha256: 0, md5: 1, pdq: 2, vpdq: 3, chromaprint: 4 };

/** Matches of a query that the principal may see, best first (one per entry: its strongest evidence). */
export async function visibleMatches(deps: MediaDeps, p: Principal, q: MediaQuery): Promise<MediaMatch[]> {
  const candidates = (await deps.index()).match(q);
  if (!candidates.length) return [];
  const ids = [...new Set(candidates.map((c) => c.entry.id))];
  const visible = new Map((await deps.intel.objects.receivable(p, ids)).filter((r) => !r.revoked).map((r) => [r.id, r]));
  if (!visible.size) return [];
  const self = await deps.intel.instanceId();
  const own = new Map((await deps.platform.db.tx(orgScope(p.orgId), (tx) => rows<{ id: string; indicator_id: string }>(tx,
    sql`select id, indicator_id from media_bank_entries where org_id = ${p.orgId} and indicator_id in (${sql.join([...visible.keys()].map((i) => sql`${i}`), sql`, `)})`))).map((r) => [r.indicator_id, r.id]));
  const best = new Map<string, MediaMatch>();
  for (const c of candidates) {
    const row = visible.get(c.entry.id);
    if (!row) continue;
    const ctx = c.entry.context;
    const m: MediaMatch = {
      indicatorId: c.entry.id, algorithm: c.algorithm, strength: strength(c),
      ...(c.distance !== undefined ? { distance: c.distance } : {}), ...(c.transform && c.transform !== 'original' ? { transform: c.transform } : {}),
      ...(c.queryShare !== undefined ? { queryShare: c.queryShare } : {}), ...(c.entryShare !== undefined ? { entryShare: c.entryShare } : {}),
      ...(c.ber !== undefined ? { ber: Math.round(c.ber * 10_000) / 10_000 } : {}),
      ...(c.offsetSeconds !== undefined ? { offsetSeconds: Math.round(c.offsetSeconds * 1000) / 1000 } : {}),
      ...(c.matchedSeconds !== undefined ? { matchedSeconds: Math.round(c.matchedSeconds * 1000) / 1000 } : {}),
      bank: ctx.bank, entryId: own.get(c.entry.id) ?? null, ownerInstance: row.ownerInstance, ownerOrg: row.ownerOrg, local: row.ownerInstance === self,
      title: ctx.title, narrative: ctx.narrative, actor: ctx.actor, campaign: ctx.campaign, disarm: ctx.disarm, firstSeen: ctx.firstSeen, source: ctx.source, tlp: row.tlp,
    };
    const prev = best.get(m.indicatorId);
    if (!prev || better(m, prev)) best.set(m.indicatorId, m);
  }
  return [...best.values()].sort((a, b) => (a.strength === b.strength ? RANK[a.algorithm] - RANK[b.algorithm] || (a.distance ?? 0) - (b.distance ?? 0) : a.strength === 'exact' ? -1 : 1));
}

function better(a: MediaMatch, b: MediaMatch): boolean {
  if (a.strength !== b.strength) return a.strength === 'exact';
  return RANK[a.algorithm] < RANK[b.algorithm];
}

const quote = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 79)}…` : s);

function evidence(m: MediaMatch): string {
  const what = m.algorithm === 'pdq' ? `PDQ distance ${m.distance} of 256${m.transform ? ` (${m.transform})` : ''}`
    : m.algorithm === 'vpdq' ? `vPDQ ${Math.round((m.queryShare ?? 0) * 100)} % of its frames, ${Math.round((m.entryShare ?? 0) * 100)} % of the entry's`
      : m.algorithm === 'chromaprint' ? `audio bit error rate ${m.ber} over ${m.matchedSeconds ?? 0} s` : `equal ${m.algorithm === 'sha256' ? 'SHA-256' : 'MD5'}`;
  const where = `bank ${quote(m.bank)}${m.local ? '' : ` of ${m.ownerInstance}`}`;
  return `${m.title ? `${quote(m.title)} in ` : ''}${where} (${what})`;
}

export function verdictOf(kind: MediaKind, matches: readonly MediaMatch[], provenance: MediaProvenance | null): { verdict: MediaVerdict; summary: string } {
  const exact = matches.filter((m) => m.strength === 'exact');
  const more = (n: number) => (n > 1 ? ` and ${n - 1} more` : '');
  if (exact.length) return { verdict: 'known-fake', summary: `Known fake: the same ${kind === 'other' ? 'file' : kind} as ${evidence(exact[0]!)}${more(exact.length)}.` };
  if (matches.length) return { verdict: 'near-match', summary: `Near match: ${evidence(matches[0]!)}${more(matches.length)}.` };
  if (provenance?.aiGenerated) {
    const types = [...new Set([...provenance.digitalSourceTypes, ...provenance.ingredientDigitalSourceTypes])].join(', ');
    return {
      verdict: 'ai-generated',
      summary: provenance.aiGeneratedValidated
        ? `AI-generated per its Content Credentials (${types}); the credentials are valid${provenance.signerTrusted ? ' and the signer trusted' : ', the signer not on a trust list'}.`
        : `Declared AI-generated in its Content Credentials (${types}), but the credentials do not validate (${provenance.validation}): a claim, not proof.`,
    };
  }
  const creds = !provenance || provenance.hasManifest === false ? 'no Content Credentials'
    : provenance.tampered ? 'Content Credentials that fail validation (altered after signing)' : 'Content Credentials without an AI-generation marker';
  return { verdict: 'unknown', summary: `Unknown: no match in the banks you receive; ${creds}.` };
}
