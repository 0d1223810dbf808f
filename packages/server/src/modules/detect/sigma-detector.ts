// Sigma rules as a live detector. Each organisation runs the instance's packs and its own uploaded packs,
// with its own settings (rules disabled, levels overridden), meta filters and correlation state. An event
// is routed to the rules that can match its log source; one alert per (rule, event) carries the rule's
// metadata and the values of the fields the rule looks at.
import type { Severity } from '@bulwark/contracts';
import { orgScope, type Bus, type Db, type Logger } from '../../platform/index.ts';
import type { EventWire } from '../ingest/index.ts';
import type { DetectedAlert, Detector } from './port.ts';
import type { Pack, SigmaCatalog } from './sigma-catalog.ts';
import { correlationAlert, OrgCorrelations } from './sigma-correlations.ts';
import { CORRELATE_SUBJECT, CorrelationPartitions, inputsMessageId, partitionOf, type CorrelationInput } from './sigma-partitions.ts';
import { RuleMeter, ruleKey } from './sigma-meter.ts';
import { addStats, configStamp, loadSettings, type RuleSetting } from './sigma-store.ts';
import type { CompiledRule, PackError } from './sigma/compile.ts';
import type { CompiledFilter } from './sigma/filter.ts';
import { routeMatch, routesFor, RuleRouter, type Route } from './sigma/logsources.ts';
import { declaredSourceOf, withOcsf } from './sigma/declared-source.ts';
import { fieldResolver } from './sigma/resolver.ts';
import type { CorrelationRule, SigmaRule } from './sigma/rule.ts';
import type { EventAccessor } from './sigma/values.ts';
import type { StateStore } from './state-store.ts';

const SEVERITY: Record<string, Severity> = { informational: 'informational', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };
/** How long an organisation's compiled view is used before its packs and settings are checked again. */
const RECHECK_MS = 15_000;

/** Field names a rule's search identifiers mention (modifiers stripped), to show what matched. */
function ruleFields(rule: SigmaRule): string[] {
  const names = new Set<string>();
  const visit = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) visit(x);
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) names.add(k.split('|')[0]!);
  };
  for (const [id, def] of Object.entries(rule.detection)) if (id !== 'condition') visit(def);
  return [...names].filter((n) => n !== '');
}

function shown(v: unknown): unknown {
  if (typeof v === 'string') return v.length > 1000 ? `${v.slice(0, 1000)}…` : v;
  return v;
}

const described = new WeakMap<SigmaRule, { fields: string[]; routes: Route[] }>();
function describe(rule: SigmaRule): { fields: string[]; routes: Route[] } {
  let d = described.get(rule);
  if (!d) described.set(rule, (d = { fields: ruleFields(rule), routes: routesFor(rule.logsource) }));
  return d;
}

export interface SigmaDetector extends Detector {
  /** Rules compiled from the instance's packs. */
  readonly rules: number;
  readonly errors: readonly PackError[];
  /** Matches per rule key since start, all organisations. */
  readonly hits: ReadonlyMap<string, number>;
  /** Recompiles the instance's packs and swaps them in; batches in progress finish with the rules they started with. */
  reload(): Promise<{ rules: number; errors: number }>;
  /** The organisation's packs or settings changed: rebuild its view before its next batch. */
  invalidate(orgId: string): void;
  close(): Promise<void>;
}

interface Shared {
  readonly packs: readonly Pack[];
  readonly router: RuleRouter;
  readonly rules: number;
  readonly errors: readonly PackError[];
}

interface OrgView {
  readonly stamp: string;
  checkedAt: number;
  stale: boolean;
  readonly shared: Shared;
  readonly router: RuleRouter | undefined;
  readonly settings: ReadonlyMap<string, RuleSetting>;
  readonly filters: readonly CompiledFilter[];
  readonly correlations: readonly CorrelationRule[];
  /** Partitioned: only to ask which matches feed correlations and where they go; else the state itself. */
  readonly corr: OrgCorrelations | undefined;
}

export interface SigmaDetectorOptions {
  readonly catalog: SigmaCatalog;
  readonly db: Db;
  readonly log: Logger;
  /** Where correlation state is saved (periodically and on close) and restored from. */
  readonly store?: StateStore;
  /** How often statistics and correlation state are saved. */
  readonly saveMs?: number;
  /**
   * Several worker processes: correlation state is split into partitions by group key, each worked by one
   * process (see sigma-partitions.ts). Without it, each process correlates what it sees.
   */
  readonly partitioned?: { readonly bus: Bus; readonly partitions: number; readonly leaseTtlMs?: number; readonly raise: (orgId: string, alerts: DetectedAlert[]) => Promise<void> };
}

export async function createSigmaDetector({ catalog, db, log, store, saveMs = 10_000, partitioned }: SigmaDetectorOptions): Promise<SigmaDetector> {
  const meter = new RuleMeter();
  const hits = new Map<string, number>();
  const share = (packs: readonly Pack[]): Shared => {
    const rules = packs.flatMap((p) => p.compiled.rules);
    return { packs, router: new RuleRouter(rules.map((r) => meter.instrument(r))), rules: rules.length, errors: packs.flatMap((p) => p.compiled.errors) };
  };
  let shared = share(await catalog.instancePacks());
  let views = new Map<string, OrgView>();
  const dirty = new Set<string>();

  async function build(orgId: string, stamp: string, previous: OrgView | undefined): Promise<OrgView> {
    const own = await catalog.orgPacks(db, orgId);
    const settings = await loadSettings(db, orgId);
    const enabled = (key: string) => settings.get(key)?.enabled !== false;
    const ownRules = own.flatMap((p) => p.compiled.rules).filter((r) => enabled(ruleKey(r.rule)));
    const all = [...shared.packs, ...own];
    const correlations: CorrelationRule[] = all.flatMap((p) => p.compiled.correlations).filter((c) => enabled(ruleKey(c)));
    let corr: OrgCorrelations | undefined;
    if (correlations.length) {
      corr = new OrgCorrelations(correlations);
      const saved = partitioned ? undefined : previous?.corr ? previous.corr.snapshot() : await store?.load(OrgCorrelations.STATE_KEY, orgId);
      if (saved) corr.restore(saved);
    } else if (previous?.corr && !partitioned) {
      await store?.save(OrgCorrelations.STATE_KEY, orgId, previous.corr.snapshot()); // kept for when they return
    }
    return {
      stamp,
      checkedAt: Date.now(),
      stale: false,
      shared,
      router: ownRules.length ? new RuleRouter(ownRules.map((r) => meter.instrument(r))) : undefined,
      settings,
      filters: all.flatMap((p) => p.compiled.filters),
      correlations,
      corr,
    };
  }

  async function viewOf(orgId: string): Promise<OrgView> {
    const v = views.get(orgId);
    if (v && !v.stale && v.shared === shared && Date.now() - v.checkedAt < RECHECK_MS) return v;
    const stamp = await configStamp(db, orgId);
    if (v && !v.stale && v.shared === shared && v.stamp === stamp) {
      v.checkedAt = Date.now();
      return v;
    }
    const next = await build(orgId, stamp, v);
    views.set(orgId, next);
    return next;
  }

  const partitions = partitioned
    ? new CorrelationPartitions({
      db, bus: partitioned.bus, log, store, partitions: partitioned.partitions, raise: partitioned.raise,
      ...(partitioned.leaseTtlMs ? { leaseTtlMs: partitioned.leaseTtlMs } : {}),
      rulesOf: async (orgId) => {
        const v = await viewOf(orgId);
        return { correlations: v.correlations, levelOf: (key) => v.settings.get(key)?.level };
      },
    })
    : undefined;
  await partitions?.start();

  const flush = async () => {
    for (const [orgId, deltas] of meter.drain()) await addStats(db, orgId, deltas);
    await partitions?.flush();
    if (!store) return;
    for (const orgId of [...dirty]) {
      dirty.delete(orgId);
      const corr = views.get(orgId)?.corr;
      if (corr) await store.save(OrgCorrelations.STATE_KEY, orgId, corr.snapshot());
    }
  };
  const timer = setInterval(() => void flush().catch((err: unknown) => log.warn({ err }, 'cannot save Sigma statistics or state')), saveMs);
  timer.unref();

  function alertFor(m: CompiledRule, seen: EventAccessor, e: EventWire, view: OrgView): DetectedAlert {
    const fields: Record<string, unknown> = {};
    for (const f of describe(m.rule).fields) {
      const v = seen(f);
      if (v !== undefined && v !== null) fields[f] = shown(v);
    }
    const key = ruleKey(m.rule);
    return {
      ruleId: key,
      title: m.rule.title,
      severity: view.settings.get(key)?.level ?? SEVERITY[m.rule.level ?? 'medium'] ?? 'medium',
      eventIds: [e.eventId],
      eventTime: e.time,
      tags: m.rule.tags,
      references: m.rule.references,
      fields,
    };
  }

  return {
    id: 'sigma',
    get rules() {
      return shared.rules;
    },
    get errors() {
      return shared.errors;
    },
    hits,
    invalidate(orgId) {
      const v = views.get(orgId);
      if (v) v.stale = true;
    },
    async close() {
      clearInterval(timer);
      await partitions?.stop();
      for (const orgId of views.keys()) dirty.add(orgId);
      await flush();
    },
    async reload() {
      const packs = await catalog.reload();
      for (const orgId of views.keys()) dirty.add(orgId);
      await flush(); // the next view restores the state of correlations that did not change
      shared = share(packs);
      views = new Map();
      return { rules: shared.rules, errors: shared.errors.length };
    },
    async detect(orgId: string, events: readonly EventWire[]): Promise<DetectedAlert[]> {
      const view = await viewOf(orgId);
      const { corr, settings, filters } = view;
      if (corr && !partitions) dirty.add(orgId);
      meter.begin(orgId);
      const out: DetectedAlert[] = [];
      const outbound = new Map<number, CorrelationInput[]>();
      for (const e of events) {
        // Native fields, plus `ocsf.*` from the projection; where the event comes from when it has no Windows channel.
        const get: EventAccessor = withOcsf(fieldResolver(e.native), e.ocsf);
        const declared = declaredSourceOf(get, { format: e.format, source: e.source });
        const counted = corr && !partitions ? corr.firstTime(e.eventId) : false;
        const matched = view.router ? [...view.shared.router.match(get, declared), ...view.router.match(get, declared)] : view.shared.router.match(get, declared);
        for (const m of matched) {
          const key = ruleKey(m.rule);
          if (settings.get(key)?.enabled === false) continue;
          // The field names as the rule sees them (e.g. Image for Security 4688's NewProcessName).
          const seen = routeMatch(describe(m.rule).routes, get, declared) ?? get;
          if (filters.some((f) => f.appliesTo(m.rule) && f.matcher(seen))) continue;
          const refs = [m.rule.id, m.rule.name].filter((x): x is string => typeof x === 'string');
          if (corr && partitions && corr.engine.consumes(refs)) {
            const match = { ruleRefs: refs, time: Date.parse(e.time), event: get, eventId: e.eventId };
            const part = partitionOf(orgId, corr.engine.partitionKey(match), partitioned!.partitions);
            const fields: Record<string, unknown> = {};
            for (const f of corr.engine.inputFields(refs)) {
              const v = get(f);
              if (v !== undefined) fields[f] = v;
            }
            let list = outbound.get(part);
            if (!list) outbound.set(part, (list = []));
            list.push({ refs, time: match.time, eventId: e.eventId, fields });
          } else if (corr && counted) {
            for (const a of corr.engine.push({ ruleRefs: refs, time: Date.parse(e.time), event: get, eventId: e.eventId })) {
              if (!a.standalone) continue;
              meter.hit(a.correlationId, new Date());
              hits.set(a.correlationId, (hits.get(a.correlationId) ?? 0) + 1);
              out.push(correlationAlert(a, settings.get(a.correlationId)?.level));
            }
          }
          // A base rule that only feeds correlations alerts on its own only with `generate: true`.
          if (corr && corr.engine.consumes(refs) && !corr.engine.isStandalone(refs)) continue;
          meter.hit(key, new Date());
          hits.set(key, (hits.get(key) ?? 0) + 1);
          out.push(alertFor(m, seen, e, view));
        }
      }
      if (outbound.size && partitioned) {
        await db.tx(orgScope(orgId), async (tx) => {
          for (const [part, inputs] of outbound) {
            const msg = { orgId, part, inputs };
            await partitioned.bus.publish(tx, `${CORRELATE_SUBJECT}.${part}`, msg, inputsMessageId(msg));
          }
        });
      }
      return out;
    },
  };
}
