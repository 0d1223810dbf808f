// The policy decision for one request, from the input scan, the account's risk and the route's mode:
// block (the scanner's block verdict), hold for review (a flagged request from an account whose risk is
// at the hold threshold), flag (forwarded, logged and alerted), allow. In shadow mode every request is
// forwarded and the decision is only recorded. A scanner that failed refuses the request when the
// route fails closed and forwards it, flagged, when it fails open.
import type { AiguardAction } from '@bulwark/contracts';
import { RISK } from '../accounts/risk.ts';

export interface Decision {
  /** What the policy decided. */
  readonly action: AiguardAction;
  /** Whether the request goes to the model (shadow mode forwards whatever was decided). */
  readonly forward: boolean;
  readonly reason: string | null;
}

export interface DecideInput {
  readonly verdict: 'allow' | 'flag' | 'block' | 'failed';
  readonly risk: number;
  readonly mode: 'enforce' | 'shadow';
  readonly failPolicy: 'open' | 'closed';
  readonly why?: string;
}

export function decide(d: DecideInput): Decision {
  let action: AiguardAction;
  let reason: string | null = null;
  if (d.verdict === 'failed') {
    if (d.failPolicy === 'open') return { action: 'flag', forward: true, reason: 'scanner failed; forwarded unchecked (fail-open)' };
    return { action: 'block', forward: d.mode === 'shadow', reason: 'scanner failed (fail-closed)' };
  }
  if (d.verdict === 'block') {
    action = 'block';
    reason = d.why ?? 'the scanner blocks it';
  } else if (d.verdict === 'flag' && d.risk >= RISK.holdAt) {
    action = 'hold';
    reason = `flagged, from an account at risk ${d.risk}`;
  } else if (d.verdict === 'flag') {
    action = 'flag';
    reason = d.why ?? 'flagged by the scanner';
  } else action = 'allow';
  if (d.mode === 'shadow') return { action, forward: true, reason: action === 'allow' ? null : `shadow mode, would ${action}: ${reason}` };
  return { action, forward: action === 'allow' || action === 'flag', reason };
}
