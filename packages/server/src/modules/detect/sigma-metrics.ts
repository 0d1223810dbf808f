// Prometheus figures for the Sigma detector: rules loaded, rules refused, matches per rule.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { SigmaDetector } from './sigma-detector.ts';

export function sigmaMetrics(registry: Registry, sigma: SigmaDetector): void {
  new Gauge({ name: 'bulwark_sigma_rules_loaded', help: 'Sigma rules compiled and running', registers: [registry], collect() { this.set(sigma.rules); } });
  new Gauge({ name: 'bulwark_sigma_rules_refused', help: 'Sigma rules that could not be compiled', registers: [registry], collect() { this.set(sigma.errors.length); } });
  new Counter({
    name: 'bulwark_sigma_rule_matches_total',
    help: 'Events matched, per Sigma rule id',
    labelNames: ['rule_id'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [rule, n] of sigma.hits) this.inc({ rule_id: rule }, n);
    },
  });
}
