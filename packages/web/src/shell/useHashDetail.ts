// The item a page shows in detail, from #/<route>/<key>: links open it, closing returns to
// #/<route>, and a reload keeps it open.
import { useCallback, useEffect, useState } from 'react';
import { detailFromHash, hrefFor, type RouteId } from './routes.ts';

export function useHashDetail(route: RouteId): [string | undefined, () => void] {
  const [key, setKey] = useState(() => detailFromHash(route, window.location.hash));
  useEffect(() => {
    const onChange = () => setKey(detailFromHash(route, window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [route]);
  const close = useCallback(() => {
    window.location.hash = hrefFor(route);
  }, [route]);
  return [key, close];
}
