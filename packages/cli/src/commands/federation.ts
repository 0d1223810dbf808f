// `bulwark federation status | add-peer | set-peer | remove-peer | sync | rotate-key`.
import { readFile } from 'node:fs/promises';
import type { AddedPeer, FederationPeer, FederationStatus, RotatedKey, SyncResult, UpdatePeer } from '@bulwark/contracts';
import { type Command, Option } from 'commander';
import { API } from '../api.ts';
import type { App } from '../context.ts';
import { note, printJson, printTable, println, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';

async function readJwk(path: string): Promise<Record<string, unknown>> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
    // Accept the peer's `federation status --json` output as well as a bare JWK.
    const jwk = (parsed as { publicKey?: unknown }).publicKey ?? parsed;
    return jwk as Record<string, unknown>;
  } catch (err) {
    throw new UsageError(`--public-key ${path}: ${(err as Error).message}`);
  }
}

async function readToken(o: { token?: string; tokenFile?: string }): Promise<string | undefined> {
  if (o.tokenFile) return (await readFile(o.tokenFile, 'utf8')).trim();
  return o.token;
}

export function registerFederation(program: Command, app: App): void {
  const fed = program.command('federation').description('sharing with other Bulwark instances and TAXII servers (administrators)');

  fed
    .command('status')
    .description('this instance\'s id, public key fingerprint, and each peer\'s last sync, lag and error')
    .action(async (_o, cmd: Command) => {
      const c = app.ctx(cmd);
      const s = await c.client.get<FederationStatus>(API.federation);
      if (c.json) return printJson(c.out, s);
      println(c.out, `instance ${sanitize(s.instanceId)}, key fingerprint ${sanitize(s.fingerprint)}`);
      for (const k of s.retiredKeys ?? []) println(c.out, `previous key ${sanitize(k.fingerprint)}, published until ${sanitize(k.expiresAt)}`);
      printTable(c.out, s.peers, [
        { header: 'peer', value: (p) => p.instanceId },
        { header: 'id', value: (p) => p.id },
        { header: 'direction', value: (p) => p.direction },
        { header: 'trust', value: (p) => p.trust },
        { header: 'signed', value: (p) => (p.signed ? 'yes' : 'no') },
        { header: 'last sync', value: (p) => p.lastSyncAt ?? 'never' },
        { header: 'pulled', value: (p) => String(p.lastPulled) },
        { header: 'lag s', value: (p) => (p.lagSeconds === null ? '' : p.lagSeconds.toFixed(1)) },
        { header: 'error', value: (p) => p.lastError ?? '', max: 60 },
      ], '(no peers)');
    });

  fed
    .command('add-peer <instanceId> <url>')
    .description('add a peer: <url> is its TAXII discovery URL (https://peer/taxii2/); prints the token to give the peer (once)')
    .option('--token <token>', 'the API key the peer issued to this instance (prefer --token-file)')
    .option('--token-file <path>', 'file holding that key')
    .option('--username <name>', 'send the token as HTTP Basic with this user name (plain TAXII servers)')
    .option('--public-key <file>', 'the peer\'s public key (JWK, or its `federation status --json`): its pages must be signed')
    .option('--collection <id...>', 'collections to pull (default: the peer\'s federation collection)')
    .addOption(new Option('--direction <direction>').choices(['pull', 'push', 'both']).default('pull'))
    .addOption(new Option('--trust <trust>', 'trusted: keep the sharing scope the peer signs; restricted: use --tlp/--distribution').choices(['trusted', 'restricted']).default('trusted'))
    .addOption(new Option('--tlp <level>', 'TLP of received objects without a marking').choices(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']))
    .addOption(new Option('--distribution <scope>', 'distribution of received objects without a signed scope').choices(['organisation', 'community', 'connected', 'all']))
    .action(async (instanceId: string, url: string, o: { token?: string; tokenFile?: string; username?: string; publicKey?: string; collection?: string[]; direction: string; trust: string; tlp?: string; distribution?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const token = await readToken(o);
      if (!token) throw new UsageError('give the key the peer issued to this instance with --token-file (or --token)');
      const body = {
        instanceId, url, token, direction: o.direction, trust: o.trust,
        ...(o.username ? { username: o.username } : {}), ...(o.publicKey ? { publicKey: await readJwk(o.publicKey) } : {}),
        ...(o.collection ? { collections: o.collection } : {}), ...(o.tlp ? { tlp: o.tlp } : {}), ...(o.distribution ? { distribution: o.distribution } : {}),
      };
      const added = await c.client.post<AddedPeer>(API.federationPeers, body);
      if (c.json) return printJson(c.out, added);
      println(c.out, `added peer ${sanitize(added.peer.instanceId)} (${added.peer.id})`);
      println(c.out, `give the peer this token for calling this instance (shown once): ${added.inboundToken}`);
      if (!added.peer.signed) note(c.out, 'no --public-key: pages from this peer are not verified');
    });

  fed
    .command('set-peer <peer>')
    .description('change a peer (by id or instance id): its token, URL, public key, direction, trust or collections')
    .option('--token <token>').option('--token-file <path>').option('--url <url>')
    .option('--public-key <file>', 'new public key (JWK), or several as a JWK Set ({"keys": [...]}) during a rotation')
    .option('--collection <id...>')
    .addOption(new Option('--direction <direction>').choices(['pull', 'push', 'both']))
    .addOption(new Option('--trust <trust>').choices(['trusted', 'restricted']))
    .action(async (peer: string, o: { token?: string; tokenFile?: string; url?: string; publicKey?: string; collection?: string[]; direction?: string; trust?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const token = await readToken(o);
      const change = {
        ...(token ? { token } : {}), ...(o.url ? { url: o.url } : {}), ...(o.publicKey ? { publicKey: await readJwk(o.publicKey) } : {}),
        ...(o.collection ? { collections: o.collection } : {}), ...(o.direction ? { direction: o.direction } : {}), ...(o.trust ? { trust: o.trust } : {}),
      } as UpdatePeer;
      const p = await c.client.patch<FederationPeer>(API.federationPeer(peer), change);
      if (c.json) return printJson(c.out, p);
      println(c.out, `updated peer ${sanitize(p.instanceId)}`);
    });

  fed
    .command('remove-peer <peer>')
    .description('remove a peer and revoke the key it calls this instance with')
    .action(async (peer: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      await c.client.delete(API.federationPeer(peer));
      if (c.json) return printJson(c.out, { removed: peer });
      println(c.out, `removed peer ${sanitize(peer)}`);
    });

  fed
    .command('rotate-key')
    .description('make a new signing key current; the previous one stays published for the grace period (BULWARK_FEDERATION_KEY_GRACE_DAYS) and vouches for the new one, so Bulwark peers take it at their next sync')
    .action(async (_o, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.post<RotatedKey>(API.federationRotateKey, {});
      if (c.json) return printJson(c.out, r);
      println(c.out, `instance ${sanitize(r.instanceId)}: new key fingerprint ${sanitize(r.fingerprint)} (was ${sanitize(r.previousFingerprint)})`);
      for (const k of r.retired) println(c.out, `still published until ${k.expiresAt}: ${sanitize(k.fingerprint)}`);
      note(c.out, 'plain TAXII peers and peers that only receive pushes need the new key: give them `federation status --json`');
    });

  fed
    .command('sync <peer>')
    .description('pull from a peer now (by id or instance id): new objects, then its retractions. Exit status 2 on error')
    .action(async (peer: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.post<SyncResult>(API.federationSync(peer), {});
      if (r.error) app.exitCode = Math.max(app.exitCode, 2);
      if (c.json) return printJson(c.out, r);
      println(c.out, `pulled ${r.pulled}, stored ${r.stored}, rejected ${r.rejected}, retracted ${r.retracted}${r.error ? `; error: ${sanitize(r.error)}` : ''}`);
    });
}
