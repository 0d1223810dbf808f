// Correlation state of one organisation, in memory: one engine per organisation (state never mixes
// organisations) and the ids of events already counted, so that a re-delivered batch counts once.
import type { Severity } from '@bulwark/contracts';
import type { DetectedAlert } from './port.ts';
import { CorrelationEngine, type CorrelationAlert } from './sigma/correlate/index.ts';
import type { CorrelationRule } from './sigma/rule.ts';

const SEVERITY: Record<string, Severity> = { informational: 'informational', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/** A correlation alert as the alert store takes it; `level` overrides the rule's. */
export function correlationAlert(a: CorrelationAlert, level: Severity | null | undefined): DetectedAlert {
  return {
    ruleId: a.correlationId,
    title: a.title,
    severity: level ?? SEVERITY[a.level ?? 'medium'] ?? 'medium',
    eventIds: a.eventIds,
    eventTime: new Date(a.lastTime).toISOString(),
    tags: ['sigma.correlation'],
    fields: { correlation: a.type, ...(a.value !== undefined ? { value: a.value } : {}), ...a.groupKey },
  };
}

const SEEN_MAX = 200_000;
const SEEN_SAVED = 20_000;

export class OrgCorrelations {
  /** The detector_state key the state is saved under. */
  static readonly STATE_KEY = 'sigma-correlation';
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
