// Key rotation on the wire. This instance publishes its key set at `/taxii2/x-bulwark-keys/` (the current
// public key and the previous ones still in their grace period), signed by the current key and endorsed by
// each previous key (`X-Bulwark-Endorsements`, one detached JWS each). Before pulling, a peer with a key
// configured fetches the set and takes it when one signature verifies with a key it already trusts: a
// rotation reaches peers without an operator, and nobody can slip in a key no trusted key vouched for.
import { sql } from 'drizzle-orm';
import { audit, canonicalJson, egressFetch, INSTANCE, parseAllowList, type Db } from '../../../platform/index.ts';
import { ENVELOPE_TYPE, importPrivateKey, jwkThumbprint, SIGNATURE_HEADER, signEnvelope, verify, type ReplayCache } from '../federation/index.ts';
import { peerKeys, type InstanceIdentity } from './identity.ts';
import type { PeerRow } from './peer-store.ts';

export const KEYS_PATH = 'x-bulwark-keys/';
export const ENDORSEMENTS_HEADER = 'X-Bulwark-Endorsements';

export interface KeySet {
  readonly instance_id: string;
  readonly keys: ReadonlyArray<Record<string, unknown>>;
}

export function keySetOf(id: InstanceIdentity): KeySet {
  return { instance_id: id.instanceId, keys: [{ ...id.publicJwk }, ...id.retired.map((r) => ({ ...r.publicJwk }))] };
}

/** The headers of a published key set: signed by the current key, endorsed by every previous one. */
export function keySetHeaders(body: KeySet, id: InstanceIdentity, audience: string | undefined): Record<string, string> {
  const kid = id.instanceId;
  const headers: Record<string, string> = { [SIGNATURE_HEADER]: signEnvelope(body, { privateKey: id.privateKey, kid }, audience) };
  if (id.retired.length) headers[ENDORSEMENTS_HEADER] = id.retired.map((r) => signEnvelope(body, { privateKey: importPrivateKey(r.privatePem), kid }, audience)).join(', ');
  return headers;
}

const thumbprints = (stored: Record<string, unknown> | null): string[] => peerKeys(stored).map((k) => jwkThumbprint(k)).sort();

export interface RefreshContext {
  readonly db: Db;
  readonly self: string;
  readonly egressAllow: readonly string[];
  readonly replay: ReplayCache;
}

/**
 * Fetches a peer's published key set and stores it when a key we trust signed or endorsed it. Returns
 * whether the keys changed; a peer that publishes none (not a Bulwark instance, or an older one) is left
 * as configured. Changes `peer.public_key` in place, so that the pull that follows uses the new keys.
 */
export async function refreshPeerKeys(ctx: RefreshContext, peer: PeerRow): Promise<'unchanged' | 'updated' | 'unavailable'> {
  if (!peer.public_key) return 'unavailable';
  const url = new URL(KEYS_PATH, peer.url).toString();
  const authorization = peer.auth.kind === 'basic' ? `Basic ${Buffer.from(`${peer.auth.user ?? ''}:${peer.auth.token}`).toString('base64')}` : `Bearer ${peer.auth.token}`;
  const res = await egressFetch(url, {
    headers: { accept: 'application/taxii+json;version=2.1', authorization }, maxRedirects: 0, maxBytes: 1024 * 1024,
    ...(ctx.egressAllow.length ? { allow: parseAllowList(ctx.egressAllow.join(',')) } : {}), ...(peer.tls ? { tls: peer.tls } : {}),
  });
  if (res.status === 404) return 'unavailable';
  if (res.status !== 200) throw new Error(`key set of ${peer.instance_id}: HTTP ${res.status}`);
  const body = JSON.parse(res.body.toString('utf8')) as KeySet;
  if (!body || body.instance_id !== peer.instance_id || !Array.isArray(body.keys) || body.keys.length === 0 || body.keys.length > 10) throw new Error(`key set of ${peer.instance_id}: not a key set of that instance`);
  const offered = { keys: body.keys };
  peerKeys(offered); // every key well-formed (throws otherwise)
  const header = (name: string) => {
    const v = res.headers[name.toLowerCase()];
    return typeof v === 'string' ? v : undefined;
  };
  const signatures = [header(SIGNATURE_HEADER), ...(header(ENDORSEMENTS_HEADER)?.split(',') ?? [])].map((s) => s?.trim()).filter((s): s is string => !!s);
  const trusted = peerKeys(peer.public_key);
  let vouched = false;
  const reasons: string[] = [];
  for (const jws of signatures) {
    const r = await verify(body, jws, { publicKeyOf: (kid) => (kid === peer.instance_id ? trusted : undefined), seen: ctx.replay, audience: ctx.self, type: ENVELOPE_TYPE });
    if (r.ok) {
      vouched = true;
      break;
    }
    reasons.push(r.reason);
  }
  if (!vouched) throw new Error(`key set of ${peer.instance_id} is signed by no key we trust (${reasons.join(', ') || 'unsigned'})`);
  if (canonicalJson(thumbprints(offered)) === canonicalJson(thumbprints(peer.public_key))) return 'unchanged';
  await ctx.db.tx(INSTANCE, async (tx) => {
    await tx.execute(sql`update federation_peers set public_key = ${JSON.stringify(offered)}::jsonb where id = ${peer.id}`);
    await audit(tx, { actorKind: 'system', action: 'federation.peer.keys', target: peer.instance_id, outcome: 'success', details: { before: thumbprints(peer.public_key), after: thumbprints(offered) } });
  });
  peer.public_key = offered;
  return 'updated';
}
