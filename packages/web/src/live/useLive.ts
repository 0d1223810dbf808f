// Read the live stream's buffer from any page under LiveStreamProvider.
import { useContext, useSyncExternalStore } from 'react';
import { LiveStoreContext } from './LiveStreamProvider.tsx';
import type { LiveSnapshot } from './live-store.ts';

export function useLive(): LiveSnapshot {
  const store = useContext(LiveStoreContext);
  if (!store) throw new Error('useLive needs a LiveStreamProvider');
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
