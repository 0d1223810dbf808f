// What a pattern is evaluated against: one observation, i.e. the cyber-observable objects (SCOs)
// seen together, as in a STIX observed-data object. References (`*_ref`, `*_refs`) hold the `id`
// of another object in the same observation.

export interface ObservedObject {
  readonly type: string;
  readonly id?: string;
  readonly [property: string]: unknown;
}

export interface Observation {
  readonly objects: readonly ObservedObject[];
  /** first_observed / last_observed, epoch milliseconds (a single event: both its time). */
  readonly firstObserved?: number;
  readonly lastObserved?: number;
}

/** Objects by id, built once per observation on first use. */
export class ObservationContext {
  readonly observation: Observation;
  private byId: Map<string, ObservedObject> | undefined;

  constructor(observation: Observation) {
    this.observation = observation;
  }

  deref(id: string): ObservedObject | undefined {
    if (!this.byId) {
      this.byId = new Map();
      for (const o of this.observation.objects) if (typeof o.id === 'string') this.byId.set(o.id, o);
    }
    return this.byId.get(id);
  }
}
