// The console's pages, addressed by the URL hash (#/live, #/search, …) so reloads keep the page
// and the server needs no fallback route.
export const ROUTES = [
  { id: 'live', label: 'Live events' },
  { id: 'search', label: 'Search' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'health', label: 'Health' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];
export const DEFAULT_ROUTE: RouteId = 'live';

export function routeFromHash(hash: string): RouteId | undefined {
  const id = hash.replace(/^#\/?/, '');
  return ROUTES.find((r) => r.id === id)?.id;
}

export function hrefFor(id: RouteId): string {
  return `#/${id}`;
}
