// Decay of an indicator's score over time. Indicators of infrastructure (addresses, domains, URLs)
// go stale within days or weeks as it is abandoned or reassigned; file hashes stay true for long.
//
// The age of an indicator is counted from its most recent sign of life: `valid_from`, or the last
// sighting when later (a sighting refreshes it). Two models, pure functions of their inputs:
//
// - exponential: score = base × 2^(−age / halfLife). Half the score is left after one half-life.
// - polynomial (MISP's decaying model): score = base × (1 − (age / lifetime)^(1 / decaySpeed)),
//   0 once the lifetime has passed; decaySpeed > 1 loses score fast at first, < 1 slowly at first.
//
// Before valid_from and from valid_until on the score is 0 (the indicator is not in force). A score
// below the model's `threshold` is 0 (MISP: the indicator is then considered expired).

export type DecayModel =
  | { readonly kind: 'exponential'; readonly halfLifeDays: number; readonly threshold?: number }
  | { readonly kind: 'polynomial'; readonly lifetimeDays: number; readonly decaySpeed: number; readonly threshold?: number }
  | { readonly kind: 'none'; readonly threshold?: number };

/** Default models by the STIX object type an indicator is about. */
export const DEFAULT_DECAY_MODELS: Readonly<Record<string, DecayModel>> = Object.freeze({
  'ipv4-addr': { kind: 'exponential', halfLifeDays: 10, threshold: 5 },
  'ipv6-addr': { kind: 'exponential', halfLifeDays: 10, threshold: 5 },
  'network-traffic': { kind: 'exponential', halfLifeDays: 10, threshold: 5 },
  'domain-name': { kind: 'exponential', halfLifeDays: 30, threshold: 5 },
  url: { kind: 'exponential', halfLifeDays: 20, threshold: 5 },
  'email-addr': { kind: 'exponential', halfLifeDays: 60, threshold: 5 },
  'email-message': { kind: 'exponential', halfLifeDays: 60, threshold: 5 },
  file: { kind: 'exponential', halfLifeDays: 365, threshold: 5 },
  process: { kind: 'exponential', halfLifeDays: 180, threshold: 5 },
  'user-account': { kind: 'exponential', halfLifeDays: 90, threshold: 5 },
});

export const FALLBACK_DECAY_MODEL: DecayModel = Object.freeze({ kind: 'exponential', halfLifeDays: 30, threshold: 5 });

export function decayModelFor(objectType: string): DecayModel {
  return DEFAULT_DECAY_MODELS[objectType] ?? FALLBACK_DECAY_MODEL;
}

const DAY = 86_400_000;
type When = Date | number;
const ms = (t: When): number => (typeof t === 'number' ? t : t.getTime());

/**
 * The score of an indicator at `now`, between 0 and `baseScore` (0–100 as in STIX confidence).
 * `validUntil` and `lastSeen` may be absent; times are Dates or epoch milliseconds.
 */
export function decayScore(
  baseScore: number,
  validFrom: When,
  validUntil: When | undefined,
  lastSeen: When | undefined,
  now: When,
  model: DecayModel,
): number {
  const t = ms(now);
  const from = ms(validFrom);
  if (!Number.isFinite(baseScore) || baseScore <= 0 || !Number.isFinite(t) || !Number.isFinite(from)) return 0;
  if (t < from || (validUntil !== undefined && t >= ms(validUntil))) return 0;
  const seen = lastSeen === undefined ? from : Math.min(t, Math.max(from, ms(lastSeen)));
  const age = Math.max(0, t - seen);
  let score: number;
  switch (model.kind) {
    case 'none':
      score = baseScore;
      break;
    case 'exponential':
      score = model.halfLifeDays > 0 ? baseScore * 2 ** (-age / (model.halfLifeDays * DAY)) : 0;
      break;
    case 'polynomial': {
      const lifetime = model.lifetimeDays * DAY;
      if (lifetime <= 0 || model.decaySpeed <= 0 || age >= lifetime) score = 0;
      else score = baseScore * (1 - (age / lifetime) ** (1 / model.decaySpeed));
      break;
    }
  }
  return score < (model.threshold ?? 0) ? 0 : score;
}
