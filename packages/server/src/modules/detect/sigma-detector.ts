// Sigma rules as a live detector: packs loaded from the configured paths, each event routed to the rules
// that can match its log source, one alert per (rule, event) carrying the rule's metadata and the
// values of the fields the rule looks at.
import type { Severity } from '@bulwark/contracts';
import type { Logger } from '../../platform/index.ts';
import type { EventWire } from '../ingest/index.ts';
import { compilePack, type CompiledRule, type PackError } from './sigma/compile.ts';
import { routeMatch, routesFor, RuleRouter, type Route } from './sigma/logsources.ts';
import type { Placeholders } from './sigma/placeholders.ts';
import { fieldResolver } from './sigma/resolver.ts';
import type { EventAccessor } from './sigma/values.ts';
import type { DetectedAlert, Detector } from './port.ts';

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
}

interface Loaded {
  readonly rules: readonly CompiledRule[];
  readonly errors: readonly PackError[];
  readonly router: RuleRouter;
  readonly fieldsOf: Map<CompiledRule, string[]>;
  readonly routesOf: Map<CompiledRule, Route[]>;
}

function prepare(rules: readonly CompiledRule[], errors: readonly PackError[]): Loaded {
  return {
    rules,
    errors,
    router: new RuleRouter(rules),
    fieldsOf: new Map(rules.map((r) => [r, ruleFields(r.rule)])),
    routesOf: new Map(rules.map((r) => [r, routesFor(r.rule.logsource)])),
  };
}

export function sigmaDetectorFrom(rules: readonly CompiledRule[], errors: readonly PackError[] = [], load?: () => Promise<{ rules: CompiledRule[]; errors: PackError[] }>): SigmaDetector {
  let current = prepare(rules, errors);
  const hits = new Map<string, number>();
  return {
    id: 'sigma',
    get rules() {
      return current.rules.length;
    },
    get errors() {
      return current.errors;
    },
    hits,
    async reload() {
      if (!load) return { rules: current.rules.length, errors: current.errors.length };
      const pack = await load();
      current = prepare(pack.rules, pack.errors);
      return { rules: pack.rules.length, errors: pack.errors.length };
    },
    detect(_orgId: string, events: readonly EventWire[]): DetectedAlert[] {
      const { router, fieldsOf, routesOf } = current;
      const out: DetectedAlert[] = [];
      for (const e of events) {
        const get: EventAccessor = fieldResolver(e.native);
        for (const m of router.match(get)) {
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

export async function loadSigmaDetector(paths: readonly string[], log: Logger, placeholders?: Placeholders): Promise<SigmaDetector> {
  const load = async () => {
    const pack = await compilePack(paths, placeholders ? { placeholders } : {});
    for (const e of pack.errors.slice(0, 50)) log.warn({ file: e.file, reason: e.reason }, 'Sigma rule not loaded');
    log.info({ rules: pack.rules.length, notLoaded: pack.errors.length, paths }, 'Sigma rules loaded');
    return pack;
  };
  const pack = await load();
  return sigmaDetectorFrom(pack.rules, pack.errors, load);
}
