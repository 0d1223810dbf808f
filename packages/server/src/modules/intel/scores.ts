// Decay scores of indicators for one viewer (indicators/score.ts), with the sightings and false-positive
// opinions it may receive: for the API's object list and object view.
import type { SQL } from 'drizzle-orm';
import type { IntelDecay } from '@bulwark/contracts';
import { INSTANCE, type Db } from '../../platform/index.ts';
import { indicatorScore, scoreBasis, type Signals } from './indicators/index.ts';
import { signalsFor } from './signals.ts';

export interface Scored {
  readonly score: number;
  readonly decay: IntelDecay;
}

const iso = (t: number | undefined): string | null => (t === undefined ? null : new Date(t).toISOString());

export function scoredFrom(object: Record<string, unknown>, signals: Signals, now: number): Scored | undefined {
  const basis = scoreBasis(object);
  if (!basis) return undefined;
  const { score, falsePositive } = indicatorScore(basis, signals, now);
  const m = basis.model;
  return {
    score,
    decay: {
      model: m.kind, observable: basis.observable,
      ...(m.kind === 'exponential' ? { halfLifeDays: m.halfLifeDays } : {}),
      ...(m.kind === 'polynomial' ? { lifetimeDays: m.lifetimeDays } : {}),
      threshold: m.threshold ?? 0, baseScore: Math.round(basis.base),
      lastSighting: iso(signals.seen), falsePositive: falsePositive ? iso(signals.falsePositive) : null,
    },
  };
}

/** Scores of the indicators among these objects (by id), for the viewer whose receive filter is `visible`. */
export async function scoresOf(db: Db, visible: SQL, objects: ReadonlyArray<{ id: string; object: Record<string, unknown> | null }>, now = Date.now()): Promise<Map<string, Scored>> {
  const indicators = objects.filter((o): o is { id: string; object: Record<string, unknown> } => o.object !== null && o.object['type'] === 'indicator');
  const out = new Map<string, Scored>();
  if (!indicators.length) return out;
  const signals = await db.tx(INSTANCE, (tx) => signalsFor(tx, indicators.map((o) => o.id), visible));
  for (const o of indicators) {
    const s = scoredFrom(o.object, signals.get(o.id) ?? {}, now);
    if (s) out.set(o.id, s);
  }
  return out;
}
