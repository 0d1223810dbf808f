// Bank entries that other organisations of this instance and federated instances shared with the caller
// (media indicators in the intel store it may receive), read back with the same reader the index uses.
import type { SharedMediaEntry } from '@bulwark/contracts';
import type { Principal } from '../../../platform/index.ts';
import type { MediaDeps } from '../module.ts';
import { readMediaIndicator } from './media-indicator.ts';
import { MEDIA_PATTERN_PREFIXES, MEDIA_PROPERTY } from './stix.ts';

export async function sharedEntries(deps: MediaDeps, p: Principal, limit: number): Promise<SharedMediaEntry[]> {
  const self = await deps.intel.instanceId();
  const found = await deps.intel.objects.receivedIndicatorsOf(p, { patternTypePrefixes: MEDIA_PATTERN_PREFIXES, property: MEDIA_PROPERTY }, limit);
  const out: SharedMediaEntry[] = [];
  for (const row of found) {
    const m = readMediaIndicator(row.object, { pdqDistance: deps.platform.config.media.pdqDistance });
    if ('error' in m) continue;
    const c = m.context;
    out.push({
      indicatorId: row.id, kind: m.kind, bank: c.bank, ownerInstance: row.ownerInstance, ownerOrg: row.ownerOrg, local: row.ownerInstance === self,
      title: c.title, narrative: c.narrative, actor: c.actor, campaign: c.campaign, disarm: c.disarm, firstSeen: c.firstSeen, source: c.source, tlp: row.tlp,
      hashes: { ...c.hashes, ...(m.pdq ? { pdq: m.pdq } : {}), ...(m.frames ? { vpdq: [...m.frames] } : {}), ...(typeof row.object['pattern'] === 'string' && m.chromaprint ? { chromaprint: row.object['pattern'] } : {}) },
      modified: new Date(String(row.object['modified'])).toISOString(),
    });
  }
  return out;
}
