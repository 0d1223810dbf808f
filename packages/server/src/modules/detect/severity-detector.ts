// A built-in detector: an event that its own source rates critical or fatal (OCSF severity 5 or 6)
// raises an alert, as SIEMs do for high source severities. Rule engines come as further detectors.
import type { EventWire } from '../ingest/index.ts';
import type { DetectedAlert, Detector } from './port.ts';

export const severityDetector: Detector = {
  id: 'source-severity',
  detect(_orgId: string, events: readonly EventWire[]): DetectedAlert[] {
    const out: DetectedAlert[] = [];
    for (const e of events) {
      if (e.severityId !== 5 && e.severityId !== 6) continue;
      const host = e.ocsf.device?.hostname ?? e.ocsf.src_endpoint?.ip;
      const what = e.message ?? e.ocsf.class_name;
      out.push({
        ruleId: 'critical-source-severity',
        title: `Critical event from ${e.source}${host ? ` (${host})` : ''}: ${what}`.slice(0, 300),
        severity: 'critical',
        eventIds: [e.eventId],
        eventTime: e.time,
        tags: [],
        fields: { severity_id: e.severityId, class_name: e.ocsf.class_name, ...(host ? { host } : {}) },
      });
    }
    return out;
  },
};
