// Logsource routing (rules spec "LogSource", taxonomy appendix): which events a rule can ever match,
// and the field-name mapping for sources that name Sigma fields differently (Security 4688 ↔ Sysmon 1).
// The mapping is data (logsources.json). Channel names compare case-insensitively.
import type { CompiledRule } from './compile.ts';
import data from './logsources.json' with { type: 'json' };
import { mappedAccessor } from './resolver.ts';
import type { LogSource } from './rule.ts';
import type { EventAccessor } from './values.ts';

interface SourceSpec {
  channel: string;
  eventIds?: number[];
  fields?: Record<string, string>;
}

const SERVICES: Record<string, string[]> = data.windows.services;
const CATEGORIES: Record<string, SourceSpec[]> = data.windows.categories;

/** Where an event says it comes from, for sources without Windows channels (set by the input). */
export interface DeclaredSource {
  product?: string;
  service?: string;
  category?: string;
}

/** One way a rule can see events: a Windows channel (+ event ids), or a declared source. */
export interface Route {
  channel?: string; // lower-cased; '*' = any Windows channel
  eventIds?: string[];
  fields?: Readonly<Record<string, string>>;
  declared?: LogSource;
}

const lower = (s: string | undefined) => s?.toLowerCase();

/** The routes of a logsource. Unknown Windows services/categories fall back to a declared source. */
export function routesFor(ls: LogSource): Route[] {
  const product = lower(ls.product);
  const category = lower(ls.category);
  const service = lower(ls.service);
  const windowsish = product === 'windows' || (!product && ((category && CATEGORIES[category]) || (service && SERVICES[service])));
  if (!windowsish) return [{ declared: ls }];
  const serviceChannels = service ? SERVICES[service]?.map((c) => c.toLowerCase()) : undefined;
  if (service && !serviceChannels) return [{ declared: ls }];
  if (category) {
    const specs = CATEGORIES[category];
    if (!specs) return [{ declared: ls }];
    return specs
      .filter((s) => !serviceChannels || serviceChannels.includes(s.channel.toLowerCase()))
      .map((s) => ({ channel: s.channel.toLowerCase(), eventIds: s.eventIds?.map(String), fields: s.fields }));
  }
  if (serviceChannels) return serviceChannels.map((channel) => ({ channel }));
  return [{ channel: '*' }];
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object' && '#text' in v) return text((v as { '#text': unknown })['#text']);
  return String(v);
}

function declaredMatches(want: LogSource, have: DeclaredSource | undefined): boolean {
  if (!have) return false;
  for (const k of ['product', 'service', 'category'] as const) {
    if (want[k] !== undefined && lower(want[k]) !== lower(have[k])) return false;
  }
  return true;
}

/** The accessor to evaluate a rule with (field names mapped), or undefined if the logsource cannot match. */
export function routeMatch(routes: readonly Route[], get: EventAccessor, declared?: DeclaredSource): EventAccessor | undefined {
  const channel = lower(text(get('Channel')));
  const eventId = text(get('EventID'));
  for (const r of routes) {
    if (r.declared) {
      if (declaredMatches(r.declared, declared)) return get;
      continue;
    }
    if (channel === undefined) continue;
    if (r.channel !== '*' && r.channel !== channel) continue;
    if (r.eventIds && (eventId === undefined || !r.eventIds.includes(eventId.trim()))) continue;
    return r.fields ? mappedAccessor(get, r.fields) : get;
  }
  return undefined;
}

/** True when an event can belong to the rule's logsource. */
export function logsourceMatches(ls: LogSource, get: EventAccessor, declared?: DeclaredSource): boolean {
  return routeMatch(routesFor(ls), get, declared) !== undefined;
}

interface Entry {
  rule: CompiledRule;
  routes: Route[];
}

/** A rule reached through one Windows route: the field map to apply, if any. */
interface Slot {
  rule: CompiledRule;
  fields?: Readonly<Record<string, string>>;
  /** The rule has several routes, so it may sit in several lists (dedupe). */
  multi: boolean;
}

/** Rules grouped by the channel/event id they can match, so an event is tested only against those. */
export class RuleRouter {
  private readonly byKey = new Map<string, Slot[]>();
  private readonly anyWindows: Slot[] = [];
  private readonly declared: Entry[] = [];

  constructor(rules: readonly CompiledRule[]) {
    for (const rule of rules) {
      const routes = routesFor(rule.rule.logsource);
      const multi = routes.length > 1;
      const add = (key: string, fields: Route['fields']) => {
        let list = this.byKey.get(key);
        if (!list) this.byKey.set(key, (list = []));
        list.push({ rule, fields, multi });
      };
      let declared = false;
      for (const r of routes) {
        if (r.declared) declared = true;
        else if (r.channel === '*') this.anyWindows.push({ rule, fields: r.fields, multi });
        else if (r.eventIds) for (const id of r.eventIds) add(`${r.channel}\u0000${id}`, r.fields);
        else add(`${r.channel}\u0000*`, r.fields);
      }
      if (declared) this.declared.push({ rule, routes });
    }
  }

  /** The rules that match the event, each once. */
  match(get: EventAccessor, declared?: DeclaredSource): CompiledRule[] {
    const channel = lower(text(get('Channel')));
    const out: CompiledRule[] = [];
    const seen = new Set<CompiledRule>();
    const run = (slots: readonly Slot[] | undefined) => {
      if (!slots) return;
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i] as Slot;
        if (s.multi) {
          if (seen.has(s.rule)) continue;
          seen.add(s.rule);
        }
        if (s.rule.matcher(s.fields ? mappedAccessor(get, s.fields) : get)) out.push(s.rule);
      }
    };
    if (channel !== undefined) {
      const eventId = text(get('EventID'))?.trim();
      run(this.byKey.get(`${channel}\u0000${eventId}`));
      run(this.byKey.get(`${channel}\u0000*`));
      run(this.anyWindows);
    }
    if (declared) {
      for (const e of this.declared) {
        if (seen.has(e.rule)) continue;
        const acc = routeMatch(e.routes, get, declared);
        if (acc && e.rule.matcher(acc)) out.push(e.rule);
      }
    }
    return out;
  }
}
