// Worker role: every raised alert is placed in an incident (consumer group `respond-incidents`: one
// worker of the instance handles each alert; a redelivery finds the alert already placed).
import type { Alert } from '@bulwark/contracts';
import { orgScope, SUBJECTS, type Platform } from '../../../platform/index.ts';
import { eventsByIds } from '../../ingest/index.ts';
import { factsOf } from './entities.ts';
import { groupOf } from './grouping.ts';
import { groupingOf, placeAlert, type Placed } from './store.ts';

/** Events read per alert for its entities (Sigma correlations can name hundreds). */
const EVENTS_PER_ALERT = 20;

export async function placeRaised(platform: Platform, orgId: string, alert: Alert): Promise<Placed> {
  const { db, bus } = platform;
  return db.tx(orgScope(orgId), async (tx) => {
    const settings = await groupingOf(tx, orgId);
    const events = await eventsByIds(tx, orgId, alert.eventIds.slice(0, EVENTS_PER_ALERT));
    const facts = factsOf(alert, events);
    return placeAlert(tx, bus, orgId, alert, facts, groupOf(settings, alert, facts));
  });
}

export function startGrouping(platform: Platform, onPlaced?: (p: Placed) => void): () => Promise<void> {
  return platform.bus.consume<{ orgId: string; alert: Alert }>(SUBJECTS.alertRaised, 'respond-incidents', async (msg) => {
    const placed = await placeRaised(platform, msg.data.orgId, msg.data.alert);
    onPlaced?.(placed);
  });
}
