// Logsource routing (rules spec "LogSource", taxonomy appendix): which events a rule can ever match,
// and the field-name mapping for sources that name Sigma fields differently (Security 4688 ↔ Sysmon 1).
// The mapping is data (logsources.json). Channel names compare case-insensitively. Windows and Sysmon
// for Linux events are routed by channel and event id; every rule can also match events whose input
// declares its product/service/category (declared-source.ts), with that source's field mapping.
import type { CompiledRule } from './compile.ts';
import data from './logsources.json' with { type: 'json' };
import { mappingAccessor, mappingFields, isMapping } from './mappings.ts';
import { fieldText, mappedAccessor } from './resolver.ts';
import { type IndexedRule, RuleIndex } from './rule-index.ts';
import type { LogSource } from './rule.ts';
import type { EventAccessor } from './values.ts';

interface SourceSpec {
  channel: string;
  eventIds?: number[];
  fields?: Record<string, string>;
}

/** A product whose events carry a channel: service → channels, category → channel + event ids. */
interface ChannelProduct {
  services: Record<string, string[]>;
  categories: Record<string, SourceSpec[]>;
}

const WINDOWS: ChannelProduct = data.windows;
const LINUX: ChannelProduct = data.linux;
/** Channels of other products than Windows: product-wide Windows rules (channel `*`) do not see them. */
const LINUX_CHANNELS: readonly string[] = data.linux.channels.map((c) => c.toLowerCase());
const OTHER_CHANNELS: ReadonlySet<string> = new Set(LINUX_CHANNELS);

/**
 * Where an event comes from when no channel says it (set by its input, see declared-source.ts). A
 * source may belong to several services or categories at once (an sshd line in auth.log: `sshd` and
 * `auth`); a rule matches when each of its product, service and category is among them. `mapping`
 * names a field mapping of logsources.json (`ecs`, `ocsf`, `message`) to evaluate rules through.
 */
export interface DeclaredSource {
  product?: string;
  service?: string | readonly string[];
  category?: string | readonly string[];
  mapping?: string;
}

/** One way a rule can see events: a channel (+ event ids), or a declared source. */
export interface Route {
  channel?: string; // lower-cased; '*' = any Windows channel
  eventIds?: string[];
  fields?: Readonly<Record<string, string>>;
  declared?: LogSource;
}

const lower = (s: string | undefined) => s?.toLowerCase();

/** The channel routes of a logsource within one product, or undefined if it names what the product lacks. */
function channelRoutes(spec: ChannelProduct, ls: LogSource, productWide: readonly Route[]): Route[] | undefined {
  const category = lower(ls.category);
  const service = lower(ls.service);
  const serviceChannels = service ? spec.services[service]?.map((c) => c.toLowerCase()) : undefined;
  if (service && !serviceChannels) return undefined;
  if (category) {
    const specs = spec.categories[category];
    if (!specs) return undefined;
    return specs
      .filter((s) => !serviceChannels || serviceChannels.includes(s.channel.toLowerCase()))
      .map((s) => ({ channel: s.channel.toLowerCase(), eventIds: s.eventIds?.map(String), fields: s.fields }));
  }
  if (serviceChannels) return serviceChannels.map((channel) => ({ channel }));
  return [...productWide];
}

/**
 * The routes of a logsource: Windows or Sysmon for Linux channels where the taxonomy gives them (a rule
 * without product: those of every product that knows its category or service), then its declared source.
 */
export function routesFor(ls: LogSource): Route[] {
  const product = lower(ls.product);
  const out: Route[] = [];
  if (product === 'windows') out.push(...(channelRoutes(WINDOWS, ls, [{ channel: '*' }]) ?? []));
  else if (product === 'linux') out.push(...(channelRoutes(LINUX, ls, LINUX_CHANNELS.map((channel) => ({ channel }))) ?? []));
  else if (!product && (ls.category !== undefined || ls.service !== undefined)) {
    for (const spec of [WINDOWS, LINUX]) out.push(...(channelRoutes(spec, ls, []) ?? []));
  }
  out.push({ declared: ls });
  return out;
}

function has(values: string | readonly string[] | undefined, want: string): boolean {
  if (values === undefined) return false;
  if (typeof values === 'string') return values.toLowerCase() === want;
  return values.some((v) => v.toLowerCase() === want);
}

function declaredMatches(want: LogSource, have: DeclaredSource | undefined): boolean {
  if (!have) return false;
  if (want.product !== undefined && lower(want.product) !== lower(have.product)) return false;
  if (want.service !== undefined && !has(have.service, want.service.toLowerCase())) return false;
  if (want.category !== undefined && !has(have.category, want.category.toLowerCase())) return false;
  return true;
}

/** The accessor for a rule of `category` over an event of a declared source (its mapping applied). */
function declaredAccessor(get: EventAccessor, declared: DeclaredSource, category: string | undefined): EventAccessor {
  const base = mappingAccessor(get, declared.mapping);
  const fields = mappingFields(declared.mapping, category);
  return fields ? mappedAccessor(base, fields) : base;
}

/** The accessor to evaluate a rule with (field names mapped), or undefined if the logsource cannot match. */
export function routeMatch(routes: readonly Route[], get: EventAccessor, declared?: DeclaredSource): EventAccessor | undefined {
  const channel = lower(fieldText(get('Channel')));
  const eventId = fieldText(get('EventID'));
  for (const r of routes) {
    if (r.declared) {
      if (declared && declaredMatches(r.declared, declared)) return declaredAccessor(get, declared, r.declared.category);
      continue;
    }
    if (channel === undefined) continue;
    if (r.channel === '*' ? OTHER_CHANNELS.has(channel) : r.channel !== channel) continue;
    if (r.eventIds && (eventId === undefined || !r.eventIds.includes(eventId.trim()))) continue;
    return r.fields ? mappedAccessor(get, r.fields) : get;
  }
  return undefined;
}

/** True when an event can belong to the rule's logsource. */
export function logsourceMatches(ls: LogSource, get: EventAccessor, declared?: DeclaredSource): boolean {
  return routeMatch(routesFor(ls), get, declared) !== undefined;
}

/** The rules an event of one channel/event id (or one declared source) can match, in router order, with their index. */
interface Plan {
  slots: IndexedRule[];
  index: RuleIndex;
  rules: ReadonlySet<CompiledRule>;
}

const MAX_PLANS = 4096;
const key3 = (product: string, service: string, category: string) => `${product}\u0000${service}\u0000${category}`;
const list = (v: string | readonly string[] | undefined): string[] =>
  v === undefined ? [] : typeof v === 'string' ? [v.toLowerCase()] : v.map((x) => x.toLowerCase());

/**
 * Rules grouped by the channel/event id they can match, and by their logsource for declared sources, so
 * an event is tested only against those; within a group, the required-literal index (rule-index.ts)
 * skips the rules whose literals the event lacks.
 */
export class RuleRouter {
  private readonly byKey = new Map<string, IndexedRule[]>();
  private readonly anyWindows: IndexedRule[] = [];
  /** Rules by lower-cased `product\0service\0category` of their logsource ('' where absent), with their order. */
  private readonly byLogsource = new Map<string, Array<{ rule: CompiledRule; order: number }>>();
  private plans = new Map<string, Plan>();

  constructor(rules: readonly CompiledRule[]) {
    rules.forEach((rule, order) => {
      const routes = routesFor(rule.rule.logsource);
      const add = (key: string, fields: Route['fields']) => {
        let list = this.byKey.get(key);
        if (!list) this.byKey.set(key, (list = []));
        list.push({ rule, fields });
      };
      for (const r of routes) {
        if (r.declared) {
          const k = key3(lower(r.declared.product) ?? '', lower(r.declared.service) ?? '', lower(r.declared.category) ?? '');
          let group = this.byLogsource.get(k);
          if (!group) this.byLogsource.set(k, (group = []));
          group.push({ rule, order });
        } else if (r.channel === '*') this.anyWindows.push({ rule, fields: r.fields });
        else if (r.eventIds) for (const id of r.eventIds) add(`${r.channel}\u0000${id}`, r.fields);
        else add(`${r.channel}\u0000*`, r.fields);
      }
    });
  }

  private cache(key: string, slots: IndexedRule[]): Plan {
    const plan = { slots, index: new RuleIndex(slots), rules: new Set(slots.map((s) => s.rule)) };
    if (this.plans.size >= MAX_PLANS) this.plans = new Map();
    this.plans.set(key, plan);
    return plan;
  }

  /**
   * The rules for one channel and event id: each rule once, through its first route (built on first use).
   * Channels and event ids no rule names share one plan each, so odd input cannot make many plans.
   */
  private plan(channel: string, eventId: string | undefined): Plan {
    const idKey = `${channel}\u0000${eventId}`;
    const specific = this.byKey.get(idKey);
    if (specific) {
      const plan = this.plans.get(idKey);
      if (plan) return plan;
    }
    const channelWide = this.byKey.get(`${channel}\u0000*`);
    const other = OTHER_CHANNELS.has(channel);
    const key = specific ? idKey : `\u0001${channelWide || other ? channel : ''}`;
    const plan = this.plans.get(key);
    if (plan) return plan;
    const seen = new Set<CompiledRule>();
    const slots: IndexedRule[] = [];
    for (const list of [specific, channelWide, other ? undefined : this.anyWindows]) {
      for (const s of list ?? []) {
        if (seen.has(s.rule)) continue;
        seen.add(s.rule);
        slots.push(s);
      }
    }
    return this.cache(key, slots);
  }

  /**
   * The rules a declared source can match, in rule order, each with its mapping's fields for its category.
   * Keyed by the logsource groups it reaches (and the mapping), so odd declarations share plans.
   */
  private declaredPlan(declared: DeclaredSource): Plan {
    const products = ['', ...list(declared.product)];
    const services = ['', ...list(declared.service)];
    const categories = ['', ...list(declared.category)];
    const groups: string[] = [];
    for (const p of products) for (const s of services) for (const c of categories) {
      const k = key3(p, s, c);
      if (this.byLogsource.has(k) && !groups.includes(k)) groups.push(k);
    }
    const mapping = isMapping(declared.mapping) ? declared.mapping : '';
    const key = `\u0002${mapping}\u0002${groups.join('\u0003')}`;
    const plan = this.plans.get(key);
    if (plan) return plan;
    const entries = groups.flatMap((k) => this.byLogsource.get(k) ?? []).sort((a, b) => a.order - b.order);
    return this.cache(key, entries.map(({ rule }) => ({ rule, fields: mappingFields(mapping, rule.rule.logsource.category) })));
  }

  /** The rules that match the event, each once. */
  match(get: EventAccessor, declared?: DeclaredSource): CompiledRule[] {
    const channel = lower(fieldText(get('Channel')));
    const out: CompiledRule[] = [];
    let plan: Plan | undefined;
    if (channel !== undefined) {
      plan = this.plan(channel, fieldText(get('EventID'))?.trim());
      run(plan, get, out, undefined);
    }
    if (declared) {
      const dp = this.declaredPlan(declared);
      if (dp.slots.length > 0) run(dp, mappingAccessor(get, declared.mapping), out, plan?.rules);
    }
    return out;
  }
}

/** Evaluates a plan's candidate rules (those already seen through a channel skipped). */
function run(plan: Plan, get: EventAccessor, out: CompiledRule[], skip: ReadonlySet<CompiledRule> | undefined): void {
  const { slots, index } = plan;
  const always = index.always;
  const stamp = index.candidates(get);
  for (let i = 0; i < slots.length; i++) {
    if (!always[i] && !index.isCandidate(i, stamp)) continue;
    const s = slots[i] as IndexedRule;
    if (skip?.has(s.rule)) continue;
    if (s.rule.matcher(s.fields ? mappedAccessor(get, s.fields) : get)) out.push(s.rule);
  }
}
