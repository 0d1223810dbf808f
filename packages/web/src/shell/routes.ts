// The console's pages, addressed by the URL hash (#/live, #/search, …) so reloads keep the page
// and the server needs no fallback route. A page may take one more segment (#/rules/<rule key>).
export const ROUTES = [
  { id: 'live', label: 'Live events' },
  { id: 'search', label: 'Search' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'rules', label: 'Detection rules' },
  { id: 'health', label: 'Health' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];
export const DEFAULT_ROUTE: RouteId = 'live';

function segments(hash: string): string[] {
  return hash.replace(/^#\/?/, '').split('/');
}

export function routeFromHash(hash: string): RouteId | undefined {
  const [id] = segments(hash);
  return ROUTES.find((r) => r.id === id)?.id;
}

export function hrefFor(id: RouteId): string {
  return `#/${id}`;
}

/** The rule key in #/rules/<key>, when there is one. */
export function ruleKeyFromHash(hash: string): string | undefined {
  const [id, ...rest] = segments(hash);
  if (id !== 'rules' || rest.length === 0 || !rest.join('/')) return undefined;
  try {
    return decodeURIComponent(rest.join('/'));
  } catch {
    return undefined;
  }
}

export function ruleHref(key: string): string {
  return `${hrefFor('rules')}/${encodeURIComponent(key)}`;
}
