// Per-account abuse scoring over time. Single prompts say little; an account that keeps asking for
// what is refused says more. Each request leaves an event (its scanner score, whether it was flagged,
// refused by the gateway, or refused by the model); the account's exposure is the sum of the events'
// weights, each decaying with a half-life of one hour, and its risk is 100 × (1 − e^−exposure).
// Probing — a flagged request within ten minutes after a refusal — weighs extra and grows with every
// repetition. Escalation: from `holdAt` a flagged request is held for review instead of forwarded; from
// `blockAt` the account is blocked for an hour (until a review decides).
export interface RiskEvent {
  readonly at: number;
  /** The input scanner's score (0..1). */
  readonly score: number;
  readonly flagged: boolean;
  /** Refused by the gateway (policy block, hold). */
  readonly refused: boolean;
  /** The model refused to answer. */
  readonly modelRefused: boolean;
}

export interface AccountState {
  /** Decayed exposure and the time it was computed at. */
  exposure: number;
  at: number;
  /** Time of the last refusal (gateway or model), for probing. */
  lastRefusal: number;
  /** Probing repetitions in the current streak. */
  probes: number;
  /** Counts in the last 24 h (approximate: reset when the window rolls). */
  window: { since: number; requests: number; flagged: number; refused: number; modelRefused: number; probes: number };
}

export const RISK = {
  halfLifeMs: 3_600_000,
  probeWindowMs: 600_000,
  weights: { flagged: 0.06, refused: 0.15, modelRefused: 0.05, probe: 0.15, score: 0.05 },
  holdAt: 60,
  blockAt: 85,
  blockForMs: 3_600_000,
} as const;

export function freshState(now: number): AccountState {
  return { exposure: 0, at: now, lastRefusal: 0, probes: 0, window: { since: now, requests: 0, flagged: 0, refused: 0, modelRefused: 0, probes: 0 } };
}

export function riskOf(s: AccountState, now: number): number {
  const e = s.exposure * Math.pow(0.5, Math.max(0, now - s.at) / RISK.halfLifeMs);
  return Math.round(1000 * (1 - Math.exp(-e))) / 10;
}

/** Adds one request to the account's state (in place) and returns the new risk (0–100). */
export function addEvent(s: AccountState, ev: RiskEvent): number {
  const w = RISK.weights;
  s.exposure = s.exposure * Math.pow(0.5, Math.max(0, ev.at - s.at) / RISK.halfLifeMs);
  s.at = Math.max(s.at, ev.at);
  if (ev.at - s.window.since > 86_400_000) s.window = { since: ev.at, requests: 0, flagged: 0, refused: 0, modelRefused: 0, probes: 0 };
  s.window.requests++;
  // Allowed requests add nothing, whatever their score: only flags, refusals and probing count.
  let add = 0;
  if (ev.flagged) {
    add += w.flagged + w.score * ev.score;
    s.window.flagged++;
    if (s.lastRefusal && ev.at - s.lastRefusal <= RISK.probeWindowMs) {
      s.probes++;
      s.window.probes++;
      add += w.probe * Math.min(4, s.probes);
    }
  } else if (ev.at - s.lastRefusal > RISK.probeWindowMs) s.probes = 0;
  if (ev.refused) {
    add += w.refused;
    s.window.refused++;
  }
  if (ev.modelRefused) {
    add += w.modelRefused;
    s.window.modelRefused++;
  }
  if (ev.refused || ev.modelRefused) s.lastRefusal = ev.at;
  s.exposure += add;
  return riskOf(s, ev.at);
}

const REFUSAL = /^\s*(?:i['’]m sorry|i am sorry|sorry,? (?:but )?i (?:can(?:no|['’])t|won['’]t)|i (?:can(?:no|['’])t|won['’]t|am unable to|['’]m unable to|am not able to) (?:help|assist|provide|comply|do that|create|write|generate)|as an ai\b)/i;

/** Whether a model's answer is a refusal (its opening words). */
export function isModelRefusal(text: string): boolean {
  return REFUSAL.test(text.slice(0, 300));
}
