// Logsource routing (rules spec "LogSource", taxonomy appendix): which events a rule can ever match,
// and the field-name mapping for sources that name Sigma fields differently (Security 4688 ↔ Sysmon 1).
// The mapping is data (logsources.json). Channel names compare case-insensitively.
import type { CompiledRule } from './compile.ts';
import data from './logsources.json' with { type: 'json' };
import { fieldText, mappedAccessor } from './resolver.ts';
import { type IndexedRule, RuleIndex } from './rule-index.ts';
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

function declaredMatches(want: LogSource, have: DeclaredSource | undefined): boolean {
  if (!have) return false;
  for (const k of ['product', 'service', 'category'] as const) {
    if (want[k] !== undefined && lower(want[k]) !== lower(have[k])) return false;
  }
  return true;
}

/** The accessor to evaluate a rule with (field names mapped), or undefined if the logsource cannot match. */
export function routeMatch(routes: readonly Route[], get: EventAccessor, declared?: DeclaredSource): EventAccessor | undefined {
  const channel = lower(fieldText(get('Channel')));
  const eventId = fieldText(get('EventID'));
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

/** The rules an event of one channel/event id can match, in router order, with their index. */
interface Plan {
  slots: IndexedRule[];
  index: RuleIndex;
  rules: ReadonlySet<CompiledRule>;
}

const MAX_PLANS = 4096;

/**
 * Rules grouped by the channel/event id they can match, so an event is tested only against those; within
 * a group, the required-literal index (rule-index.ts) skips the rules whose literals the event lacks.
 */
export class RuleRouter {
  private readonly byKey = new Map<string, IndexedRule[]>();
  private readonly anyWindows: IndexedRule[] = [];
  private readonly declared: Entry[] = [];
  private plans = new Map<string, Plan>();

  constructor(rules: readonly CompiledRule[]) {
    for (const rule of rules) {
      const routes = routesFor(rule.rule.logsource);
      const add = (key: string, fields: Route['fields']) => {
        let list = this.byKey.get(key);
        if (!list) this.byKey.set(key, (list = []));
        list.push({ rule, fields });
      };
      let declared = false;
      for (const r of routes) {
        if (r.declared) declared = true;
        else if (r.channel === '*') this.anyWindows.push({ rule, fields: r.fields });
        else if (r.eventIds) for (const id of r.eventIds) add(`${r.channel}\u0000${id}`, r.fields);
        else add(`${r.channel}\u0000*`, r.fields);
      }
      if (declared) this.declared.push({ rule, routes });
    }
  }

  /**
   * The rules for one channel and event id: each rule once, through its first route (built on first use).
   * Channels and event ids no rule names share one plan each, so odd input cannot make many plans.
   */
  private plan(channel: string, eventId: string | undefined): Plan {
    const idKey = `${channel}\u0000${eventId}`;
    const channelKey = `${channel}\u0000*`;
    const specific = this.byKey.get(idKey);
    const channelWide = this.byKey.get(channelKey);
    const key = specific ? idKey : `\u0001${channelWide ? channel : ''}`;
    let plan = this.plans.get(key);
    if (plan) return plan;
    const rules = new Set<CompiledRule>();
    const slots: IndexedRule[] = [];
    for (const list of [specific, channelWide, this.anyWindows]) {
      for (const s of list ?? []) {
        if (rules.has(s.rule)) continue;
        rules.add(s.rule);
        slots.push(s);
      }
    }
    plan = { slots, index: new RuleIndex(slots), rules };
    if (this.plans.size >= MAX_PLANS) this.plans = new Map();
    this.plans.set(key, plan);
    return plan;
  }

  /** The rules that match the event, each once. */
  match(get: EventAccessor, declared?: DeclaredSource): CompiledRule[] {
    const channel = lower(fieldText(get('Channel')));
    const out: CompiledRule[] = [];
    let plan: Plan | undefined;
    if (channel !== undefined) {
      plan = this.plan(channel, fieldText(get('EventID'))?.trim());
      const { slots, index } = plan;
      const always = index.always;
      const stamp = index.candidates(get);
      for (let i = 0; i < slots.length; i++) {
        if (!always[i] && !index.isCandidate(i, stamp)) continue;
        const s = slots[i] as IndexedRule;
        if (s.rule.matcher(s.fields ? mappedAccessor(get, s.fields) : get)) out.push(s.rule);
      }
    }
    if (declared) {
      for (const e of this.declared) {
        if (plan?.rules.has(e.rule)) continue;
        const acc = routeMatch(e.routes, get, declared);
        if (acc && e.rule.matcher(acc)) out.push(e.rule);
      }
    }
    return out;
  }
}
