// The worker side of detection: every registered detector sees each batch of newly stored events.
import { SUBJECTS, type Platform } from '../../platform/index.ts';
import type { EventsMessage } from '../ingest/index.ts';
import { raiseAlerts } from './alert-store.ts';
import type { Detector } from './port.ts';

export function runDetectors(platform: Platform, detectors: readonly Detector[]): void {
  platform.bus.consume<EventsMessage>(SUBJECTS.eventNormalized, 'detect', async (msg) => {
    for (const d of detectors) {
      const found = await d.detect(msg.data.orgId, msg.data.events);
      await raiseAlerts(platform.db, platform.bus, msg.data.orgId, d.id, found);
    }
  });
}
