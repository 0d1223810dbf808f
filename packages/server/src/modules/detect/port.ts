// The detector port: engines (Sigma, indicators, anomaly models) consume normalised events of one
// organisation and return alerts. Alert ids are derived, so re-delivery never duplicates an alert.
import type { Severity } from '@bulwark/contracts';
import type { EventWire } from '../ingest/index.ts';

export interface DetectedAlert {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly eventIds: readonly string[];
  readonly eventTime: string;
  readonly tags?: readonly string[];
  readonly references?: readonly string[];
  /** The fields that matched, shown to the analyst. */
  readonly fields?: Record<string, unknown>;
}

export interface Detector {
  readonly id: string;
  detect(orgId: string, events: readonly EventWire[]): Promise<DetectedAlert[]> | DetectedAlert[];
  /** Saves what must survive a restart; called when the worker stops. */
  close?(): Promise<void>;
}

export const SEVERITY_ID: Record<Severity, number> = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 };
