// One EventSource per signed-in organisation (cookie auth, same origin) feeding the live store.
// Alerts also refresh the alert lists. When the server closes the stream, the session is probed
// (a 401 there returns to the login screen) and the stream reopens after a pause.
import { createContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { API, type Alert, type StoredEvent } from '@bulwark/contracts';
import { withQuery } from '../api/client.ts';
import { SESSION_KEY } from '../api/useSession.ts';
import { ALERTS_KEY } from '../api/useAlerts.ts';
import { createLiveStore, type LiveStore } from './live-store.ts';

export const LiveStoreContext = createContext<LiveStore | undefined>(undefined);

const RETRY_MS = 5000;
const ALERT_REFRESH_MS = 1000;

function parse<T>(data: unknown, idKey: string, idType: 'string' | 'number' = 'string'): T | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const v: unknown = JSON.parse(data);
    return v !== null && typeof v === 'object' && typeof (v as Record<string, unknown>)[idKey] === idType ? (v as T) : undefined;
  } catch {
    return undefined;
  }
}

export function LiveStreamProvider({ organisationId, children }: { organisationId: string; children: ReactNode }) {
  const client = useQueryClient();
  const [store, setStore] = useState<LiveStore>(() => createLiveStore());

  useEffect(() => {
    const live = createLiveStore();
    setStore(live);
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let alertRefresh: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const refreshAlerts = () => {
      alertRefresh ??= setTimeout(() => {
        alertRefresh = undefined;
        void client.invalidateQueries({ queryKey: ALERTS_KEY });
      }, ALERT_REFRESH_MS);
    };
    const open = () => {
      live.setStatus('connecting');
      const es = new EventSource(withQuery(API.stream, { topics: 'events,alerts' }), { withCredentials: false });
      source = es;
      es.onopen = () => live.setStatus('open');
      es.addEventListener('event', (m) => {
        const e = parse<StoredEvent>(m.data, 'eventId');
        if (e) live.pushEvent(e);
      });
      es.addEventListener('alert', (m) => {
        const a = parse<Alert>(m.data, 'id');
        if (!a) return;
        live.pushAlert(a);
        refreshAlerts();
      });
      es.addEventListener('dropped', (m) => {
        const d = parse<{ dropped: number }>(m.data, 'dropped', 'number');
        if (d && d.dropped > 0) live.noteDropped(d.dropped);
      });
      es.onerror = () => {
        if (es.readyState !== EventSource.CLOSED) return live.setStatus('connecting'); // browser retries
        live.setStatus('closed');
        void client.refetchQueries({ queryKey: SESSION_KEY });
        if (!stopped) retry = setTimeout(open, RETRY_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      source?.close();
      if (retry) clearTimeout(retry);
      if (alertRefresh) clearTimeout(alertRefresh);
      live.dispose();
    };
  }, [organisationId, client]);

  return <LiveStoreContext value={store}>{children}</LiveStoreContext>;
}
