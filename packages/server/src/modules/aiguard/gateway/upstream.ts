// The AI services behind the gateway: which one a key goes to (its own, else the default), how a model
// name maps to the upstream's model or Azure deployment, and the outbound request (through the egress
// guard: upstreams on private networks must be allowed by egress_allow, like federation peers).
import type { BlockList } from 'node:net';
import { sql } from 'drizzle-orm';
import { egressFetch, egressStream, INSTANCE, rows, type Db, type EgressResponse, type EgressStream } from '../../../platform/index.ts';
import { gatewayErrors } from './openai-error.ts';

export interface Upstream {
  readonly id: string;
  readonly name: string;
  readonly kind: 'openai' | 'azure';
  readonly baseUrl: string;
  readonly apiKey: string | null;
  readonly apiVersion: string | null;
  readonly models: Record<string, string>;
  readonly mode: 'enforce' | 'shadow';
  readonly failPolicy: 'open' | 'closed';
  readonly isDefault: boolean;
}

interface Row {
  id: string; name: string; kind: 'openai' | 'azure'; base_url: string; api_key: string | null; api_version: string | null; models: Record<string, string>;
  mode: 'enforce' | 'shadow'; fail_policy: 'open' | 'closed'; is_default: boolean;
}

const TTL_MS = 5_000;
export type Operation = 'chat/completions' | 'completions' | 'embeddings' | 'models';

export class Upstreams {
  private cached: { list: Upstream[]; at: number } | undefined;
  private readonly db: Db;
  private readonly allow: BlockList | undefined;

  constructor(db: Db, allow: BlockList | undefined) {
    this.db = db;
    this.allow = allow;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  async list(): Promise<Upstream[]> {
    if (!this.cached || Date.now() - this.cached.at > TTL_MS) {
      const found = await this.db.tx(INSTANCE, (tx) => rows<Row>(tx, sql`select id, name, kind, base_url, api_key, api_version, models, mode, fail_policy, is_default from aiguard_upstreams order by name`));
      this.cached = {
        at: Date.now(),
        list: found.map((r) => ({ id: r.id, name: r.name, kind: r.kind, baseUrl: r.base_url.replace(/\/+$/, ''), apiKey: r.api_key, apiVersion: r.api_version, models: r.models, mode: r.mode, failPolicy: r.fail_policy, isDefault: r.is_default })),
      };
    }
    return this.cached.list;
  }

  /** The upstream of a key: its own, else the default one (else the only one). */
  async forKey(upstreamId: string | null): Promise<Upstream> {
    const list = await this.list();
    const u = upstreamId ? list.find((x) => x.id === upstreamId) : list.find((x) => x.isDefault) ?? (list.length === 1 ? list[0] : undefined);
    if (!u) throw gatewayErrors.noUpstream();
    return u;
  }

  /** The upstream's name for a model the client asked for (refused when the upstream lists models and this is not one). */
  static modelFor(u: Upstream, model: string): string {
    if (!Object.keys(u.models).length) return model;
    const m = u.models[model];
    if (m === undefined) throw gatewayErrors.unknownModel(model);
    return m;
  }

  private target(u: Upstream, op: Operation, model: string): { url: string; headers: Record<string, string> } {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    if (u.kind === 'azure') {
      if (u.apiKey) headers['api-key'] = u.apiKey;
      const version = encodeURIComponent(u.apiVersion ?? '2024-10-21');
      const url = op === 'models' ? `${u.baseUrl}/openai/models?api-version=${version}` : `${u.baseUrl}/openai/deployments/${encodeURIComponent(model)}/${op}?api-version=${version}`;
      return { url, headers };
    }
    if (u.apiKey) headers['authorization'] = `Bearer ${u.apiKey}`;
    return { url: `${u.baseUrl}/${op}`, headers };
  }

  async send(u: Upstream, op: Operation, model: string, body: unknown, maxBytes: number): Promise<EgressResponse> {
    const { url, headers } = this.target(u, op, model);
    try {
      return await egressFetch(url, { method: op === 'models' ? 'GET' : 'POST', headers, ...(op === 'models' ? {} : { body: JSON.stringify(body) }), maxBytes, timeoutMs: 300_000, maxRedirects: 0, ...(this.allow ? { allow: this.allow } : {}) });
    } catch (e) {
      throw gatewayErrors.upstream((e as Error).message);
    }
  }

  async stream(u: Upstream, op: Operation, model: string, body: unknown, signal: AbortSignal): Promise<EgressStream> {
    const { url, headers } = this.target(u, op, model);
    try {
      return await egressStream(url, { method: 'POST', headers, body: JSON.stringify(body), timeoutMs: 120_000, idleMs: 120_000, signal, ...(this.allow ? { allow: this.allow } : {}) });
    } catch (e) {
      throw gatewayErrors.upstream((e as Error).message);
    }
  }
}
