// Media checks: a file (uploaded, or fetched from a URL through the egress guard) or a set of hashes →
// hashes + provenance → matches in the banks the caller receives → verdict with evidence. Each check is
// recorded for the organisation (hashes, verdict, evidence); the file itself only when retention is on.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { API, MediaCheck, MediaCheckHashes, MediaCheckList, MediaCheckQuery, MediaCheckUrl, type MediaHashes, type MediaKind } from '@bulwark/contracts';
import { actor, audit, egressFetch, errors, orgScope, parseAllowList, principalOf, type Principal } from '../../../platform/index.ts';
import { decompressFingerprint } from '../audio/compress.ts';
import type { MediaQuery } from '../banks/live-index.ts';
import type { MediaDeps } from '../module.ts';
import { analyse, type Analysis } from './analyse.ts';
import { checkOf, listChecks, retainedMedia, saveCheck } from './store.ts';
import { verdictOf, visibleMatches } from './verdict.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
// File names are kept as text without control characters (they are shown in the console and the CLI).
const safeName = (name: string | undefined) => [...(name ?? '')].filter((c) => c >= ' ' && c !== '\u007f').join('').slice(0, 255);

function queryOf(a: Pick<Analysis, 'hashes' | 'pdqVariants' | 'chromaprint'>): MediaQuery {
  return {
    ...(a.hashes.sha256 ? { sha256: a.hashes.sha256.toLowerCase() } : {}),
    ...(a.hashes.md5 ? { md5: a.hashes.md5.toLowerCase() } : {}),
    ...(a.pdqVariants.length ? { pdq: a.pdqVariants } : {}),
    ...(a.hashes.vpdq?.length ? { vpdq: a.hashes.vpdq } : {}),
    ...(a.chromaprint ? { chromaprint: a.chromaprint } : {}),
  };
}

export function checkRoutes(app: FastifyInstance, deps: MediaDeps): void {
  const { db, config } = deps.platform;
  const maxBytes = config.media.maxUploadBytes;
  const allow = parseAllowList(config.egressAllow.join(','));

  const run = async (p: Principal, ip: string, name: string, a: Analysis, media: Uint8Array | undefined): Promise<MediaCheck> => {
    const matches = await visibleMatches(deps, p, queryOf(a));
    const { verdict, summary } = verdictOf(a.kind, matches, a.provenance);
    const retain = media && config.media.retentionDays > 0 ? { bytes: media, days: config.media.retentionDays } : undefined;
    return db.tx(orgScope(p.orgId), async (tx) => {
      const id = await saveCheck(tx, p, { name, kind: a.kind, type: a.type, bytes: a.bytes, hashes: a.hashes, verdict, summary, matches, provenance: a.provenance, problems: a.problems }, retain);
      await audit(tx, { ...actor(p, ip), action: 'media.check', outcome: 'success', details: { check: id, verdict, sha256: a.hashes.sha256 ?? null, matches: matches.map((m) => m.indicatorId) } });
      return checkOf(tx, p.orgId, id);
    });
  };
  const analyseBytes = (bytes: Uint8Array) => {
    if (bytes.length === 0) throw errors.invalid('the file is empty');
    return analyse(bytes, { maxBytes, provenance: deps.provenance }).catch((e: unknown) => {
      throw errors.invalid(`the file could not be read: ${(e as Error).message}`);
    });
  };

  // The upload takes any media type as raw bytes, in its own context so other routes keep their parsers.
  void app.register(async (upload) => {
    upload.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
    upload.withTypeProvider<TypeBoxTypeProvider>().post(API.mediaCheck, {
      config: { permission: 'intel:read' },
      bodyLimit: maxBytes,
      schema: {
        tags: ['media'], summary: 'Check a file: hashes, provenance, matches in your banks and those shared with you, verdict',
        description: `The body is the file itself (Content-Type: application/octet-stream or its media type), at most ${maxBytes} bytes (setting media_max_upload_bytes). Images, videos (ffmpeg), audio and any other file (digests only). The file is not kept unless media retention is on.`,
        querystring: MediaCheckQuery, response: { 200: MediaCheck },
      },
    }, async (req) => {
      const p = principalOf(req);
      if (!Buffer.isBuffer(req.body)) throw errors.invalid('send the file as the request body (Content-Type: application/octet-stream)');
      const bytes = new Uint8Array(req.body);
      return run(p, req.ip, safeName(req.query.name), await analyseBytes(bytes), bytes);
    });
  });

  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(API.mediaCheckUrl, {
    config: { permission: 'intel:read' },
    schema: {
      tags: ['media'], summary: 'Check the file at a URL (fetched by the server through its egress guard)',
      description: 'Only http and https; no private, loopback or link-local destinations (unless allowed by egress_allow), redirects checked hop by hop, the same size limit as uploads.',
      body: MediaCheckUrl, response: { 200: MediaCheck },
    },
  }, async (req) => {
    const p = principalOf(req);
    let url: URL;
    try {
      url = new URL(req.body.url);
    } catch {
      throw errors.invalid('url is not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw errors.invalid('only http and https URLs are fetched');
    if (url.username || url.password) throw errors.invalid('URLs with credentials are not fetched');
    const res = await egressFetch(url.toString(), { maxBytes, timeoutMs: 30_000, maxRedirects: 5, allow });
    if (res.status !== 200) throw errors.invalid(`the URL answered HTTP ${res.status}, not 200`);
    const name = safeName(decodeURIComponent(new URL(res.url).pathname.split('/').pop() ?? '') || url.hostname);
    const bytes = new Uint8Array(res.body);
    return run(p, req.ip, name, await analyseBytes(bytes), bytes);
  });

  r.post(API.mediaCheckHashes, {
    config: { permission: 'intel:read' },
    schema: {
      tags: ['media'], summary: 'Check hashes computed elsewhere (no file leaves the client)',
      description: 'PDQ (the caller may send one hash; rotated copies are found when the bank holds them or the caller checks each variant), vPDQ frames, a Chromaprint fingerprint, SHA-256 or MD5. No provenance without the file.',
      body: MediaCheckHashes, response: { 200: MediaCheck },
    },
  }, async (req) => {
    const p = principalOf(req);
    const h: MediaHashes = req.body.hashes;
    let chromaprint: Uint32Array | undefined;
    if (h.chromaprint) {
      try {
        chromaprint = decompressFingerprint(h.chromaprint).raw;
      } catch (e) {
        throw errors.invalid(`hashes.chromaprint: ${(e as Error).message}`);
      }
    }
    if (!h.sha256 && !h.md5 && !h.pdq && !h.vpdq?.length && !chromaprint) throw errors.invalid('give at least one hash: sha256, md5, pdq, vpdq or chromaprint');
    const kind: MediaKind = req.body.kind ?? (h.pdq ? 'image' : h.vpdq?.length ? 'video' : h.chromaprint ? 'audio' : 'other');
    const a: Analysis = { kind, type: '', bytes: 0, hashes: h, pdqVariants: h.pdq ? [['original', h.pdq.toLowerCase()]] : [], ...(chromaprint ? { chromaprint } : {}), provenance: null, problems: [] };
    return run(p, req.ip, safeName(req.body.name), a, undefined);
  });

  r.get(API.mediaChecks, {
    config: { permission: 'intel:read' },
    schema: {
      tags: ['media'], summary: 'Your organisation\'s recent media checks, newest first',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })), verdict: Type.Optional(Type.String({ maxLength: 20 })) }),
      response: { 200: MediaCheckList },
    },
  }, async (req) => {
    const p = principalOf(req);
    return { checks: await db.tx(orgScope(p.orgId), (tx) => listChecks(tx, p.orgId, req.query.limit ?? 50, req.query.verdict)) };
  });

  r.get(API.mediaCheckResult(':id'), {
    config: { permission: 'intel:read' },
    schema: { tags: ['media'], summary: 'One media check', params: Id, response: { 200: MediaCheck } },
  }, async (req) => {
    const p = principalOf(req);
    return db.tx(orgScope(p.orgId), (tx) => checkOf(tx, p.orgId, req.params.id));
  });

  r.get(API.mediaCheckMedia(':id'), {
    config: { permission: 'intel:read' },
    schema: { tags: ['media'], summary: 'The checked file, while media retention keeps it (else 404)', params: Id },
  }, async (req, reply) => {
    const p = principalOf(req);
    const media = await db.tx(orgScope(p.orgId), (tx) => retainedMedia(tx, p.orgId, req.params.id));
    if (!media) throw errors.notFound('retained media for this check (retention is off or over)');
    await db.tx(orgScope(p.orgId), (tx) => audit(tx, { ...actor(p, req.ip), action: 'media.check.download', outcome: 'success', details: { check: req.params.id } }));
    // Served as an attachment of a neutral type: never rendered by the browser as the page's content.
    return reply.header('content-type', 'application/octet-stream').header('content-disposition', 'attachment').header('x-content-type-options', 'nosniff').send(Buffer.from(media));
  });

}
