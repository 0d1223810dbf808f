// `bulwark aiguard upstreams | upstream-add | keys | key-issue | key-revoke | requests | request | review |
// accounts | unblock | blocks | block | block-remove`: the AI gateway's management over the API — the AI
// services behind it, gateway keys, the request log and review queue, per-account risk and the block list.
// Tables for people, one JSON document with --json. An upstream's API key is read from a file (or stdin
// with "-"), never from the command line, and never printed; an issued gateway key is shown once.
import type {
  AiguardAccount, AiguardAccountList, AiguardBlock, AiguardBlockList, AiguardKey, AiguardKeyList, AiguardRequest,
  AiguardRequestList, AiguardReview, AiguardUpstream, AiguardUpstreamList, IssuedAiguardKey, NewAiguardBlock, NewAiguardKey, NewAiguardUpstream,
} from '@bulwark/contracts';
import type { Command } from 'commander';
import { API } from '../api.ts';
import { readSecretFile, type App } from '../context.ts';
import { note, printJson, printTable, println, sanitize, type Out } from '../output.ts';
import { UsageError } from '../problem.ts';

const MODES = ['enforce', 'shadow'] as const;
const FAIL_POLICIES = ['open', 'closed'] as const;
const KINDS = ['openai', 'azure'] as const;
const ACTIONS = ['allow', 'flag', 'block', 'hold'] as const;
const REVIEWS = ['pending', 'confirmed', 'dismissed'] as const;
const BLOCK_KINDS = ['account', 'key', 'ip', 'cidr', 'asn', 'email'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------------------------------------------------
// Parsing (pure)

export function oneOf<T extends string>(values: readonly T[], text: string, name: string): T {
  const v = text.trim().toLowerCase();
  const found = values.find((x) => x === v);
  if (!found) throw new UsageError(`${name} is one of ${values.join(', ')}, not ${JSON.stringify(sanitize(text))}`);
  return found;
}

export function wholeNumber(text: string, name: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) throw new UsageError(`${name} takes a whole number from ${min} to ${max}, not ${JSON.stringify(sanitize(text))}`);
  return n;
}

export function uuid(text: string, what: string): string {
  const v = text.trim();
  if (!UUID.test(v)) throw new UsageError(`${what} is an id such as 0b6c…-…, not ${JSON.stringify(sanitize(text))}`);
  return v.toLowerCase();
}

/** `--model gpt-4o=deployment-a --model small` → { 'gpt-4o': 'deployment-a', small: 'small' }. */
export function parseModels(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean)) {
    const eq = v.indexOf('=');
    const offered = (eq < 0 ? v : v.slice(0, eq)).trim();
    const target = (eq < 0 ? v : v.slice(eq + 1)).trim();
    if (!offered || !target) throw new UsageError(`--model takes <offered>=<upstream model> (or one name for both), not ${JSON.stringify(sanitize(v))}`);
    if (offered.length > 200 || target.length > 200) throw new UsageError('--model: names of at most 200 characters');
    if (offered in out) throw new UsageError(`--model: ${JSON.stringify(sanitize(offered))} is given twice`);
    out[offered] = target;
  }
  if (Object.keys(out).length > 500) throw new UsageError('--model: at most 500 models');
  return out;
}

/** An RFC 3339 time with its zone, a date (midnight UTC), or a duration from now: 30m, 12h, 7d. */
export function parseExpiry(text: string, now = Date.now()): string {
  const v = text.trim();
  const rel = /^(\d{1,6})([mhd])$/.exec(v);
  if (rel) return new Date(now + Number(rel[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[rel[2] as 'm' | 'h' | 'd']).toISOString();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(v);
  const full = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$/.test(v);
  const at = date ? Date.parse(`${v}T00:00:00Z`) : full ? Date.parse(v.replace(' ', 'T')) : Number.NaN;
  if (Number.isNaN(at) || (date && new Date(at).toISOString().slice(0, 10) !== v)) {
    throw new UsageError(`--expires takes a duration (30m, 12h, 7d), a date (2026-12-31) or a time with its zone (2026-12-31T18:00:00Z), not ${JSON.stringify(sanitize(text))}`);
  }
  return new Date(at).toISOString();
}

function text(value: string | undefined, max: number, name: string): string | undefined {
  if (value !== undefined && value.length > max) throw new UsageError(`${name}: at most ${max} characters, not ${value.length}`);
  return value;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];
const ms = (n: number | null) => (n === null ? '' : n < 10 ? n.toFixed(2) : n.toFixed(0));

// ---------------------------------------------------------------------------------------------------------
// Printing

function printUpstream(out: Out, u: AiguardUpstream): void {
  println(out, `${sanitize(u.name)} (${u.id})${u.isDefault ? ', default' : ''}`);
  println(out, `${u.kind} at ${sanitize(u.baseUrl)}${u.apiVersion ? `, api-version ${sanitize(u.apiVersion)}` : ''}; key ${u.hasKey ? 'set' : 'none'}`);
  println(out, `mode ${u.mode}, scanner failure: fail-${u.failPolicy}`);
  const models = Object.entries(u.models);
  println(out, `models: ${models.length ? models.map(([a, b]) => (a === b ? sanitize(a) : `${sanitize(a)} → ${sanitize(b)}`)).join(', ') : "(the upstream's own list)"}`);
}

function printRequest(out: Out, r: AiguardRequest): void {
  println(out, `${r.id}  ${r.createdAt}`);
  println(out, `${r.action}${r.review ? ` (review ${r.review})` : ''}, HTTP ${r.status}: ${sanitize(r.route)} ${sanitize(r.model)}`);
  if (r.reason) println(out, `reason: ${sanitize(r.reason)}`);
  println(out, `account ${sanitize(r.account)}${r.risk !== null ? ` (risk ${r.risk})` : ''}${r.ip ? `, from ${sanitize(r.ip)}` : ''}${r.keyId ? `, key ${r.keyId}` : ''}`);
  println(out, `scores: input ${r.inputScore ?? '–'}, output ${r.outputScore ?? '–'}; tokens ${r.promptTokens} + ${r.completionTokens}; gateway ${ms(r.gatewayMs) || '–'} ms, upstream ${ms(r.upstreamMs) || '–'} ms`);
  if (r.findings.length) {
    println(out, 'findings:');
    for (const f of r.findings) println(out, `  ${sanitize(f.category)} ${f.score} (${sanitize(f.source)}, ${sanitize(f.where)})${f.atlas.length ? ` ATLAS ${f.atlas.map(sanitize).join(' ')}` : ''}${f.detail ? ` — ${sanitize(f.detail)}` : ''}`);
  }
  if (r.prompt !== null) println(out, `prompt: ${sanitize(r.prompt.length > 2000 ? `${r.prompt.slice(0, 1999)}…` : r.prompt)}`);
}

const categories = (r: AiguardRequest) => [...new Set(r.findings.map((f) => f.category))].join(',');

// ---------------------------------------------------------------------------------------------------------
// Commands

export function registerAiguardAdmin(aiguard: Command, app: App): void {
  aiguard
    .command('upstreams')
    .description('the AI services behind the gateway')
    .action(async (_o, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<AiguardUpstreamList>(API.aiguardUpstreams);
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.upstreams, [
        { header: 'id', value: (u) => u.id },
        { header: 'name', value: (u) => u.name, max: 30 },
        { header: 'kind', value: (u) => u.kind },
        { header: 'url', value: (u) => u.baseUrl, max: 50 },
        { header: 'mode', value: (u) => u.mode },
        { header: 'fail', value: (u) => u.failPolicy },
        { header: 'default', value: (u) => (u.isDefault ? 'yes' : '') },
        { header: 'models', value: (u) => Object.keys(u.models).join(',') || '(upstream list)', max: 40 },
      ], '(no upstreams: add one with bulwark aiguard upstream-add)');
    });

  aiguard
    .command('upstream-add <name> <base-url>')
    .description('add an AI service: any OpenAI-compatible server (the URL before /chat/completions, e.g. https://api.example/v1), Azure OpenAI, a local model server')
    .option('--kind <kind>', `${KINDS.join(' or ')} (default openai)`)
    .option('--api-key-file <path>', 'file holding the upstream\'s API key ("-": stdin); sent as Authorization: Bearer (Azure: api-key)')
    .option('--api-version <version>', 'Azure api-version')
    .option('--model <offered=upstream>', 'a model offered to clients and the upstream model (or Azure deployment) it maps to; repeatable', collect)
    .option('--mode <mode>', `${MODES.join(' or ')} (shadow: log findings only; default enforce)`)
    .option('--fail-policy <policy>', `when a scanner fails: ${FAIL_POLICIES.join(' or ')} (default closed)`)
    .option('--default', 'the upstream for keys that name none')
    .action(async (name: string, baseUrl: string, o: { kind?: string; apiKeyFile?: string; apiVersion?: string; model?: string[]; mode?: string; failPolicy?: string; default?: boolean }, cmd: Command) => {
      const c = app.ctx(cmd);
      if (name.trim() === '' || name.length > 100) throw new UsageError('an upstream name has 1 to 100 characters');
      let url: URL;
      try {
        url = new URL(baseUrl);
      } catch {
        throw new UsageError(`<base-url> is not a URL: ${JSON.stringify(sanitize(baseUrl))}`);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError('<base-url> is an http or https URL');
      const body: NewAiguardUpstream = { name, baseUrl };
      if (o.kind !== undefined) body.kind = oneOf(KINDS, o.kind, '--kind');
      if (o.apiKeyFile !== undefined) body.apiKey = readSecretFile(o.apiKeyFile, 'API key');
      if (o.apiVersion !== undefined) body.apiVersion = text(o.apiVersion, 50, '--api-version')!;
      if (o.model !== undefined) body.models = parseModels(o.model);
      if (o.mode !== undefined) body.mode = oneOf(MODES, o.mode, '--mode');
      if (o.failPolicy !== undefined) body.failPolicy = oneOf(FAIL_POLICIES, o.failPolicy, '--fail-policy');
      if (o.default) body.isDefault = true;
      const u = await c.client.post<AiguardUpstream>(API.aiguardUpstreams, body);
      if (c.json) return printJson(c.out, u);
      printUpstream(c.out, u);
    });

  aiguard
    .command('keys')
    .description('the gateway keys of your organisation (the keys themselves are never shown again)')
    .option('--all', 'include revoked keys')
    .action(async (o: { all?: boolean }, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<AiguardKeyList>(API.aiguardKeys);
      const keys = o.all ? r.keys : r.keys.filter((k) => !k.revokedAt);
      if (c.json) return printJson(c.out, { keys });
      printTable(c.out, keys, [
        { header: 'id', value: (k) => k.id },
        { header: 'prefix', value: (k) => `${k.prefix}…` },
        { header: 'subject', value: (k) => k.subject, max: 40 },
        { header: 'purpose', value: (k) => k.purpose, max: 30 },
        { header: 'account', value: (k) => k.account },
        { header: 'rpm', value: (k) => k.rpm ?? '' },
        { header: 'daily tokens', value: (k) => k.dailyTokens ?? '' },
        { header: 'last used', value: (k) => k.lastUsedAt ?? '' },
        { header: 'state', value: (k) => (k.revokedAt ? `revoked ${k.revokedAt}` : k.expiresAt ? `expires ${k.expiresAt}` : 'active') },
      ], o.all ? '(no gateway keys)' : '(no active gateway keys)');
    });

  aiguard
    .command('key-issue <subject>')
    .description('issue a gateway key for a user (e-mail) or a service; the key is printed once')
    .option('--purpose <text>', 'what it is for (drafting, code review…)')
    .option('--upstream <id>', 'the upstream it uses (default: the default upstream)')
    .option('--rpm <n>', 'requests per minute')
    .option('--daily-tokens <n>', 'prompt + completion tokens per day')
    .option('--expires <when>', 'a duration (90d), a date or a time with its zone')
    .action(async (subject: string, o: { purpose?: string; upstream?: string; rpm?: string; dailyTokens?: string; expires?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      if (subject.trim() === '' || subject.length > 320) throw new UsageError('a subject has 1 to 320 characters');
      const body: NewAiguardKey = { subject };
      if (o.purpose !== undefined) body.purpose = text(o.purpose, 200, '--purpose')!;
      if (o.upstream !== undefined) body.upstreamId = uuid(o.upstream, '--upstream');
      if (o.rpm !== undefined) body.rpm = wholeNumber(o.rpm, '--rpm', 1, 100_000);
      if (o.dailyTokens !== undefined) body.dailyTokens = wholeNumber(o.dailyTokens, '--daily-tokens', 1, 10_000_000_000);
      if (o.expires !== undefined) body.expiresAt = parseExpiry(o.expires);
      const r = await c.client.post<IssuedAiguardKey>(API.aiguardKeys, body);
      if (c.json) return printJson(c.out, r);
      println(c.out, r.token);
      note(c.out, `gateway key ${r.key.id} for ${sanitize(r.key.subject)} (account ${r.key.account}): shown once, keep it now. Clients use it as their OpenAI API key with the base URL <server>/v1.`);
    });

  aiguard
    .command('key-revoke <id>')
    .description('revoke a gateway key (refused by every server process within seconds)')
    .action(async (id: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const k = await c.client.delete<AiguardKey>(API.aiguardKey(uuid(id, '<id>')));
      if (c.json) return printJson(c.out, k);
      println(c.out, `revoked ${k.id} (${sanitize(k.subject)}) at ${k.revokedAt ?? ''}`);
    });

  aiguard
    .command('requests')
    .description('the gateway\'s requests, newest first, with verdicts and findings (the review queue: --review pending)')
    .option('--account <account>', 'one account (acct_…)')
    .option('--action <action>', ACTIONS.join(', '))
    .option('--review <state>', REVIEWS.join(', '))
    .option('--limit <n>', 'at most this many (1–500, default 50)')
    .option('--before <cursor>', 'the next page: the cursor printed after the previous one')
    .action(async (o: { account?: string; action?: string; review?: string; limit?: string; before?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const query: Record<string, string | number> = { limit: o.limit !== undefined ? wholeNumber(o.limit, '--limit', 1, 500) : 50 };
      if (o.account !== undefined) query['account'] = text(o.account, 100, '--account')!;
      if (o.action !== undefined) query['action'] = oneOf(ACTIONS, o.action, '--action');
      if (o.review !== undefined) query['review'] = oneOf(REVIEWS, o.review, '--review');
      if (o.before !== undefined) query['before'] = text(o.before, 100, '--before')!;
      const r = await c.client.get<AiguardRequestList>(API.aiguardRequests, query);
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.requests, [
        { header: 'id', value: (x) => x.id },
        { header: 'time', value: (x) => x.createdAt },
        { header: 'account', value: (x) => x.account },
        { header: 'route', value: (x) => x.route.replace(/^\/v1\//, '') },
        { header: 'status', value: (x) => x.status },
        { header: 'action', value: (x) => x.action },
        { header: 'review', value: (x) => x.review ?? '' },
        { header: 'risk', value: (x) => x.risk ?? '' },
        { header: 'findings', value: categories, max: 40 },
        { header: 'reason', value: (x) => x.reason ?? '', max: 60 },
      ], '(no requests)');
      if (r.next) note(c.out, `more: --before ${r.next}`);
    });

  aiguard
    .command('request <id>')
    .description('one request with its findings (and its prompt, while retention keeps it)')
    .action(async (id: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<AiguardRequest>(API.aiguardRequest(uuid(id, '<id>')));
      if (c.json) return printJson(c.out, r);
      printRequest(c.out, r);
    });

  aiguard
    .command('review <id> <decision>')
    .description('decide a review: confirm (abuse: the account is blocked) or dismiss (legitimate work)')
    .option('--share', 'with confirm: share the actor over the federation as STIX (one-way subject hash, addresses, ATLAS techniques)')
    .option('--note <text>', 'why')
    .action(async (id: string, decision: string, o: { share?: boolean; note?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const d = oneOf(['confirm', 'dismiss'] as const, decision, '<decision>');
      if (o.share && d !== 'confirm') throw new UsageError('--share goes with confirm');
      const body: AiguardReview = { decision: d };
      if (o.share) body.share = true;
      if (o.note !== undefined) body.note = text(o.note, 2000, '--note')!;
      const r = await c.client.post<AiguardRequest>(API.aiguardReview(uuid(id, '<id>')), body);
      if (c.json) return printJson(c.out, r);
      println(c.out, `${r.id}: ${r.review ?? 'decided'}${d === 'confirm' ? `; account ${r.account} blocked${o.share ? ' and shared' : ''}` : ''}`);
    });

  aiguard
    .command('accounts')
    .description('accounts by risk, blocked ones first')
    .option('--blocked', 'only blocked accounts')
    .option('--limit <n>', 'at most this many (1–1000, default 100)')
    .action(async (o: { blocked?: boolean; limit?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const query: Record<string, string | number | boolean> = {};
      if (o.limit !== undefined) query['limit'] = wholeNumber(o.limit, '--limit', 1, 1000);
      if (o.blocked) query['blocked'] = true;
      const r = await c.client.get<AiguardAccountList>(API.aiguardAccounts, query);
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.accounts, [
        { header: 'account', value: (a: AiguardAccount) => a.account },
        { header: 'risk', value: (a) => a.risk },
        { header: 'blocked until', value: (a) => a.blockedUntil ?? '' },
        { header: 'requests', value: (a) => a.window['requests'] ?? '' },
        { header: 'flagged', value: (a) => a.window['flagged'] ?? '' },
        { header: 'refused', value: (a) => a.window['refused'] ?? '' },
        { header: 'probes', value: (a) => a.window['probes'] ?? '' },
        { header: 'reason', value: (a) => a.blockReason ?? '', max: 60 },
      ], o.blocked ? '(no blocked accounts)' : '(no accounts yet)');
    });

  aiguard
    .command('unblock <account>')
    .description('unblock an account (its risk starts again from zero)')
    .action(async (account: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      await c.client.delete(API.aiguardAccount(text(account.trim(), 100, '<account>')!));
      if (c.json) return printJson(c.out, { account, unblocked: true });
      println(c.out, `unblocked ${sanitize(account)}`);
    });

  aiguard
    .command('blocks')
    .description('your organisation\'s block list')
    .action(async (_o, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<AiguardBlockList>(API.aiguardBlocks);
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.blocks, [
        { header: 'id', value: (b: AiguardBlock) => b.id },
        { header: 'kind', value: (b) => b.kind },
        { header: 'value', value: (b) => b.value, max: 50 },
        { header: 'reason', value: (b) => b.reason, max: 50 },
        { header: 'source', value: (b) => b.source },
        { header: 'created', value: (b) => b.createdAt },
        { header: 'expires', value: (b) => b.expiresAt ?? '' },
      ], '(the block list is empty)');
    });

  aiguard
    .command('block <kind> <value>')
    .description(`block an ${BLOCK_KINDS.join(', ')} (an IPv4 or IPv6 address, a CIDR range, an AS number, an e-mail address)`)
    .option('--reason <text>', 'why (kept with the block and shown when a request is refused)')
    .option('--expires <when>', 'a duration (12h, 30d), a date or a time with its zone')
    .action(async (kind: string, value: string, o: { reason?: string; expires?: string }, cmd: Command) => {
      const c = app.ctx(cmd);
      const body: NewAiguardBlock = { kind: oneOf(BLOCK_KINDS, kind, '<kind>'), value: text(value, 320, '<value>')! };
      if (value.trim() === '') throw new UsageError('<value> is empty');
      if (o.reason !== undefined) body.reason = text(o.reason, 1000, '--reason')!;
      if (o.expires !== undefined) body.expiresAt = parseExpiry(o.expires);
      const b = await c.client.post<AiguardBlock>(API.aiguardBlocks, body);
      if (c.json) return printJson(c.out, b);
      println(c.out, `blocked ${b.kind} ${sanitize(b.value)} (${b.id})${b.expiresAt ? ` until ${b.expiresAt}` : ''}`);
    });

  aiguard
    .command('block-remove <id>')
    .description('remove an entry from the block list')
    .action(async (id: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      await c.client.delete(API.aiguardBlock(uuid(id, '<id>')));
      if (c.json) return printJson(c.out, { id, removed: true });
      println(c.out, `removed block ${id}`);
    });
}
