// Indicators that detect: every event is matched (on its OCSF and native fields) against the live
// indicator index; a match the organisation may receive raises an alert and records a sighting.
// Indicators on a MISP warninglist alert at informational severity, tagged so that no playbook blocks
// on them automatically.
import type { Severity } from '@bulwark/contracts';
import type { EventWire } from '../ingest/index.ts';
import type { IndicatorMatch, IndicatorMeta, LiveIndicators } from '../intel/index.ts';
import type { DetectedAlert, Detector } from './port.ts';

function severityOf(meta: IndicatorMeta): Severity {
  if (meta.warninglists.length) return 'informational';
  const c = meta.confidence;
  if (c === null) return 'high';
  if (c >= 85) return 'critical';
  if (c >= 50) return 'high';
  if (c >= 15) return 'medium';
  return 'low';
}

export function indicatorDetector(live: LiveIndicators): Detector {
  return {
    id: 'indicators',
    async detect(orgId: string, events: readonly EventWire[]): Promise<DetectedAlert[]> {
      if (live.size === 0) return [];
      const out: DetectedAlert[] = [];
      const sightings: Array<{ match: IndicatorMatch<IndicatorMeta>; eventId: string; time: string }> = [];
      for (const e of events) {
        const matches = await live.match(orgId, { ocsf: e.ocsf, native: e.native, time: new Date(e.time) });
        for (const m of matches) {
          out.push({
            ruleId: m.indicatorId,
            title: `Indicator matched: ${m.meta.name ?? m.meta.pattern}`.slice(0, 300),
            severity: severityOf(m.meta),
            eventIds: [e.eventId],
            eventTime: e.time,
            tags: ['intel.indicator', `tlp:${m.meta.tlp.toLowerCase()}`, ...m.meta.labels, ...(m.meta.warninglists.length ? ['no-auto-block'] : [])],
            fields: { observable: m.observable, value: m.value, indicator: m.indicatorId, pattern: m.meta.pattern, ...(m.meta.warninglists.length ? { warninglists: m.meta.warninglists } : {}) },
          });
          sightings.push({ match: m, eventId: e.eventId, time: e.time });
        }
      }
      await live.recordSightings(orgId, sightings);
      return out;
    },
  };
}
