// Sigma rules as a live detector: packs loaded from the configured paths, each event routed to the rules
// that can match its log source, one alert per (rule, event) carrying the rule's metadata and the
// values of the fields the rule looks at.
import type { Severity } from '@bulwark/contracts';
import type { Logger } from '../../platform/index.ts';
import type { EventWire } from '../ingest/index.ts';
import { compilePack, type CompiledRule, type PackError } from './sigma/compile.ts';
import { CorrelationEngine } from './sigma/correlate/index.ts';
import type { CorrelationRule } from './sigma/rule.ts';
import { routeMatch, routesFor, RuleRouter, type Route } from './sigma/logsources.ts';
import type { Placeholders } from './sigma/placeholders.ts';
import { fieldResolver } from './sigma/resolver.ts';
import type { EventAccessor } from './sigma/values.ts';
import type { DetectedAlert, Detector } from './port.ts';
import type { StateStore } from './state-store.ts';

const SEVERITY: Record<string, Severity> = { informational: 'informational', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/** Field names a rule's search identifiers mention (modifiers stripped), to show what matched. */
function ruleFields(rule: CompiledRule['rule']): string[] {
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

export interface SigmaDetector extends Detector {
  readonly rules: number;
  readonly errors: readonly PackError[];
  /** Matches per rule id since start. */
  readonly hits: ReadonlyMap<string, number>;
  /** Recompiles the packs and swaps them in; batches in progress finish with the rules they started with. */
  reload(): Promise<{ rules: number; errors: number }>;
  close(): Promise<void>;
}

interface Loaded {
  readonly rules: readonly CompiledRule[];
  readonly correlations: readonly CorrelationRule[];
  readonly errors: readonly PackError[];
  readonly router: RuleRouter;
  readonly fieldsOf: Map<CompiledRule, string[]>;
  readonly routesOf: Map<CompiledRule, Route[]>;
}

function prepare(rules: readonly CompiledRule[], errors: readonly PackError[], correlations: readonly CorrelationRule[]): Loaded {
  return {
    rules,
    correlations,
    errors,
    router: new RuleRouter(rules),
    fieldsOf: new Map(rules.map((r) => [r, ruleFields(r.rule)])),
    routesOf: new Map(rules.map((r) => [r, routesFor(r.rule.logsource)])),
  };
}

const SEEN_MAX = 200_000;
const SEEN_SAVED = 20_000;
const STATE_KEY = 'sigma-correlation';
const FLUSH_MS = 10_000;

/**
 * Correlation state of one organisation, in memory: one engine per organisation (state never mixes
 * organisations) and the ids of events already counted, so that a re-delivered batch counts once.
 */
class OrgCorrelations {
  readonly engine: CorrelationEngine;
  private readonly seen = new Set<string>();

  constructor(correlations: readonly CorrelationRule[]) {
    this.engine = new CorrelationEngine([...correlations]);
  }

  snapshot(): unknown {
    return { engine: this.engine.snapshot(), seen: [...this.seen].slice(-SEEN_SAVED) };
  }

  restore(state: unknown): void {
    const st = state as { engine?: unknown; seen?: unknown };
    if (st.engine) this.engine.restore(st.engine as Parameters<CorrelationEngine['restore']>[0]);
    if (Array.isArray(st.seen)) for (const id of st.seen) if (typeof id === 'string') this.seen.add(id);
  }

  firstTime(eventId: string): boolean {
    if (this.seen.has(eventId)) return false;
    if (this.seen.size >= SEEN_MAX) this.seen.delete(this.seen.values().next().value!);
    this.seen.add(eventId);
    return true;
  }
}

export function sigmaDetectorFrom(
  rules: readonly CompiledRule[],
  errors: readonly PackError[] = [],
  load?: () => Promise<{ rules: CompiledRule[]; errors: PackError[]; correlations: CorrelationRule[] }>,
  correlations: readonly CorrelationRule[] = [],
  store?: StateStore,
): SigmaDetector {
  let current = prepare(rules, errors, correlations);
  let byOrg = new Map<string, OrgCorrelations>();
  const dirty = new Set<string>();
  const hits = new Map<string, number>();
  const flush = async () => {
    if (!store) return;
    for (const orgId of [...dirty]) {
      dirty.delete(orgId);
      const corr = byOrg.get(orgId);
      if (corr) await store.save(STATE_KEY, orgId, corr.snapshot());
    }
  };
  const timer = store ? setInterval(() => void flush().catch(() => undefined), FLUSH_MS) : undefined;
  timer?.unref();
  async function correlationsOf(orgId: string): Promise<OrgCorrelations | undefined> {
    if (current.correlations.length === 0) return undefined;
    let corr = byOrg.get(orgId);
    if (!corr) {
      corr = new OrgCorrelations(current.correlations);
      const saved = await store?.load(STATE_KEY, orgId);
      if (saved) corr.restore(saved);
      byOrg.set(orgId, corr);
    }
    return corr;
  }
  return {
    id: 'sigma',
    get rules() {
      return current.rules.length;
    },
    get errors() {
      return current.errors;
    },
    hits,
    async close() {
      if (timer) clearInterval(timer);
      for (const orgId of byOrg.keys()) dirty.add(orgId);
      await flush();
    },
    async reload() {
      if (!load) return { rules: current.rules.length, errors: current.errors.length };
      const pack = await load();
      for (const orgId of byOrg.keys()) dirty.add(orgId);
      await flush(); // restore() keeps the state of correlations that did not change
      current = prepare(pack.rules, pack.errors, pack.correlations);
      byOrg = new Map();
      return { rules: pack.rules.length, errors: pack.errors.length };
    },
    async detect(orgId: string, events: readonly EventWire[]): Promise<DetectedAlert[]> {
      const { router, fieldsOf, routesOf } = current;
      const corr = await correlationsOf(orgId);
      if (corr) dirty.add(orgId);
      const out: DetectedAlert[] = [];
      for (const e of events) {
        const get: EventAccessor = fieldResolver(e.native);
        const counted = corr ? corr.firstTime(e.eventId) : false;
        for (const m of router.match(get)) {
          const refs = [m.rule.id, m.rule.name].filter((x): x is string => typeof x === 'string');
          if (corr && counted) {
            for (const a of corr.engine.push({ ruleRefs: refs, time: Date.parse(e.time), event: get, eventId: e.eventId })) {
              if (!a.standalone) continue;
              out.push({
                ruleId: a.correlationId,
                title: a.title,
                severity: SEVERITY[a.level ?? 'medium'] ?? 'medium',
                eventIds: a.eventIds,
                eventTime: new Date(a.lastTime).toISOString(),
                tags: ['sigma.correlation'],
                fields: { correlation: a.type, ...(a.value !== undefined ? { value: a.value } : {}), ...a.groupKey },
              });
            }
          }
          // A base rule that only feeds correlations alerts on its own only with `generate: true`.
          if (corr && corr.engine.consumes(refs) && !corr.engine.isStandalone(refs)) continue;
          // The field names as the rule sees them (e.g. Image for Security 4688's NewProcessName).
          const seen = routeMatch(routesOf.get(m) ?? [], get) ?? get;
          const fields: Record<string, unknown> = {};
          for (const f of fieldsOf.get(m) ?? []) {
            const v = seen(f);
            if (v !== undefined && v !== null) fields[f] = shown(v);
          }
          const ruleId = m.rule.id ?? m.rule.title;
          hits.set(ruleId, (hits.get(ruleId) ?? 0) + 1);
          out.push({
            ruleId,
            title: m.rule.title,
            severity: SEVERITY[m.rule.level ?? 'medium'] ?? 'medium',
            eventIds: [e.eventId],
            eventTime: e.time,
            tags: m.rule.tags,
            references: m.rule.references,
            fields,
          });
        }
      }
      return out;
    },
  };
}

export async function loadSigmaDetector(paths: readonly string[], log: Logger, placeholders?: Placeholders, store?: StateStore): Promise<SigmaDetector> {
  const load = async () => {
    const pack = await compilePack(paths, placeholders ? { placeholders } : {});
    for (const e of pack.errors.slice(0, 50)) log.warn({ file: e.file, reason: e.reason }, 'Sigma rule not loaded');
    log.info({ rules: pack.rules.length, notLoaded: pack.errors.length, paths }, 'Sigma rules loaded');
    return pack;
  };
  const pack = await load();
  return sigmaDetectorFrom(pack.rules, pack.errors, load, pack.correlations, store);
}
