// The current page from location.hash; hashes that are not routes (e.g. in-page anchors) keep
// the page that was showing.
import { useEffect, useState } from 'react';
import { DEFAULT_ROUTE, routeFromHash, type RouteId } from './routes.ts';

export function useHashRoute(): RouteId {
  const [route, setRoute] = useState<RouteId>(() => routeFromHash(window.location.hash) ?? DEFAULT_ROUTE);
  useEffect(() => {
    const onChange = () => {
      const next = routeFromHash(window.location.hash);
      if (next) setRoute(next);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
