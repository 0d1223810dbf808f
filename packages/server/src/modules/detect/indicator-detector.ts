// Indicators that detect: every event is matched (on its OCSF and native fields) against the live
// indicator index; a match the organisation may receive raises an alert and records a sighting.
// Indicators on a MISP warninglist alert at informational severity, tagged so that no playbook blocks
// on them automatically. So do indicators whose decay score is 0 for the organisation (expired, or
// marked as a false positive after their last sighting): the match stays visible, tagged `intel.expired`
// or `intel.false-positive`, and records no sighting (a sighting would revive the indicator).
import type { Severity } from '@bulwark/contracts';
import type { EventWire } from '../ingest/index.ts';
import type { IndicatorMatch, IndicatorMeta, LiveIndicators, LiveMatch } from '../intel/index.ts';
import type { DetectedAlert, Detector } from './port.ts';

function severityOf(meta: IndicatorMeta, score: number): Severity {
  if (meta.warninglists.length || score === 0) return 'informational';
  const c = meta.confidence;
  if (c === null) return 'high';
  if (c >= 85) return 'critical';
  if (c >= 50) return 'high';
  if (c >= 15) return 'medium';
  return 'low';
}

function zeroTags(m: LiveMatch): string[] {
  if (m.score > 0) return [];
  return [m.falsePositive ? 'intel.false-positive' : 'intel.expired'];
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
          const zero = zeroTags(m);
          out.push({
            ruleId: m.indicatorId,
            title: `Indicator matched: ${m.meta.name ?? m.meta.pattern}`.slice(0, 300),
            severity: severityOf(m.meta, m.score),
            eventIds: [e.eventId],
            eventTime: e.time,
            tags: ['intel.indicator', `tlp:${m.meta.tlp.toLowerCase()}`, ...m.meta.labels, ...zero, ...(m.meta.warninglists.length || zero.length ? ['no-auto-block'] : [])],
            fields: { observable: m.observable, value: m.value, indicator: m.indicatorId, pattern: m.meta.pattern, score: m.score, ...(m.meta.warninglists.length ? { warninglists: m.meta.warninglists } : {}) },
          });
          if (m.score > 0) sightings.push({ match: m, eventId: e.eventId, time: e.time });
        }
      }
      await live.recordSightings(orgId, sightings);
      return out;
    },
  };
}
