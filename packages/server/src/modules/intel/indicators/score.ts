// The score of an indicator for one viewer: its decay (decay.ts) with the model of the observable type
// its pattern is about, from a base of its `confidence` (100 without one), counted from the latest of
// `valid_from`, its version's `modified` and the last sighting the viewer may receive (a sighting, or a
// new version, is a sign of life). A false-positive opinion the viewer may receive, stated after the last
// sighting was recorded, makes it 0 until a sighting is recorded again. Pure: the caller gathers the times.
import { parsePattern, PatternError } from '../pattern/index.ts';
import { decayModelFor, decayScore, type DecayModel } from './decay.ts';

export interface ScoreBasis {
  readonly base: number;
  /** Epoch milliseconds. */
  readonly validFrom: number;
  readonly validUntil?: number;
  /** The version's `modified` (a new version refreshes the indicator, as MISP's attribute timestamp). */
  readonly modified?: number;
  /** The object type the model is chosen by (the pattern's first observable type). */
  readonly observable: string;
  readonly model: DecayModel;
}

/** What the viewer may receive about the indicator: the latest sighting (seen, recorded) and false positive. */
export interface Signals {
  /** When it was last seen (a sighting's last_seen, else first_seen, else modified). */
  readonly seen?: number;
  /** When the last sighting was recorded (its modified). */
  readonly recorded?: number;
  /** When the last false-positive opinion was stated (its modified). */
  readonly falsePositive?: number;
}

export interface Score {
  /** 0–100, whole. */
  readonly score: number;
  /** A false positive stated after the last sighting: the score is 0 for that reason. */
  readonly falsePositive: boolean;
}

const ms = (v: unknown): number | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
};

/** The first observable type a pattern tests (`ipv4-addr`, `file`…), or undefined. */
export function patternObservable(pattern: string): string | undefined {
  try {
    let e = parsePattern(pattern).root;
    for (;;) {
      if (e.kind === 'observation') {
        let c = e.comparison;
        for (;;) {
          if (c.kind === 'compare' || c.kind === 'exists') return c.path.objectType;
          c = c.operands[0]!;
        }
      }
      e = e.kind === 'qualified' ? e.expr : e.operands[0]!;
    }
  } catch (err) {
    if (!(err instanceof PatternError)) throw err;
    return /^\s*\[\s*([a-z0-9-]+):/.exec(pattern)?.[1];
  }
}

/** The basis of an indicator's score (undefined for an object that is no STIX-patterned indicator with a valid_from). */
export function scoreBasis(o: Record<string, unknown>): ScoreBasis | undefined {
  if (o['type'] !== 'indicator' || typeof o['pattern'] !== 'string') return undefined;
  const validFrom = ms(o['valid_from']) ?? ms(o['created']);
  if (validFrom === undefined) return undefined;
  const observable = (o['pattern_type'] === 'stix' ? patternObservable(o['pattern']) : undefined) ?? 'unknown';
  const confidence = o['confidence'];
  const validUntil = ms(o['valid_until']);
  const modified = ms(o['modified']);
  return {
    base: typeof confidence === 'number' && confidence >= 0 && confidence <= 100 ? confidence : 100,
    validFrom, ...(validUntil !== undefined ? { validUntil } : {}), ...(modified !== undefined ? { modified } : {}),
    observable, model: decayModelFor(observable),
  };
}

export function indicatorScore(b: ScoreBasis, s: Signals, now: number): Score {
  if (s.falsePositive !== undefined && (s.recorded === undefined || s.falsePositive > s.recorded)) return { score: 0, falsePositive: true };
  const refreshed = Math.max(b.modified ?? -Infinity, s.seen ?? -Infinity);
  const score = decayScore(b.base, b.validFrom, b.validUntil, Number.isFinite(refreshed) ? refreshed : undefined, now, b.model);
  return { score: Math.round(score), falsePositive: false };
}

/** The latest of each signal (undefined stays undefined). */
export function mergeSignals(a: Signals, b: Signals): Signals {
  const max = (x: number | undefined, y: number | undefined) => (x === undefined ? y : y === undefined ? x : Math.max(x, y));
  const seen = max(a.seen, b.seen);
  const recorded = max(a.recorded, b.recorded);
  const falsePositive = max(a.falsePositive, b.falsePositive);
  return { ...(seen !== undefined ? { seen } : {}), ...(recorded !== undefined ? { recorded } : {}), ...(falsePositive !== undefined ? { falsePositive } : {}) };
}
