// The console's pages, addressed by the URL hash (#/live, #/search, …) so reloads keep the page
// and the server needs no fallback route. A page may take one more segment (#/rules/<rule key>,
// #/intel/<object id>). A page that needs a permission is listed only for sessions that hold it.
export const ROUTES = [
  { id: 'live', label: 'Live events' },
  { id: 'search', label: 'Search' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'incidents', label: 'Incidents', permission: 'incidents:read' },
  { id: 'entities', label: 'Entity risk', permission: 'alerts:read' },
  { id: 'rules', label: 'Detection rules' },
  { id: 'intel', label: 'Intelligence', permission: 'intel:read' },
  { id: 'media', label: 'Media', permission: 'intel:read' },
  { id: 'aiguard', label: 'AI gateway', permission: 'aiguard:read' },
  { id: 'groups', label: 'Sharing groups', permission: 'intel:share' },
  { id: 'federation', label: 'Federation', permission: 'federation:manage' },
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

/** Whether a session with these permissions may open the page (and sees it in the navigation). */
export function routeAllowed(id: RouteId, permissions: readonly string[]): boolean {
  const route = ROUTES.find((r) => r.id === id);
  return !route || !('permission' in route) || permissions.includes(route.permission);
}

/** The item in #/<route>/<key>, when there is one. */
export function detailFromHash(route: RouteId, hash: string): string | undefined {
  const [id, ...rest] = segments(hash);
  if (id !== route || rest.length === 0 || !rest.join('/')) return undefined;
  try {
    return decodeURIComponent(rest.join('/'));
  } catch {
    return undefined;
  }
}

export function detailHref(route: RouteId, key: string): string {
  return `${hrefFor(route)}/${encodeURIComponent(key)}`;
}

/** The rule key in #/rules/<key>, when there is one. */
export function ruleKeyFromHash(hash: string): string | undefined {
  return detailFromHash('rules', hash);
}

export function ruleHref(key: string): string {
  return detailHref('rules', key);
}

/** The STIX id in #/intel/<id>, when there is one. */
export function intelIdFromHash(hash: string): string | undefined {
  return detailFromHash('intel', hash);
}

export function intelHref(id: string): string {
  return detailHref('intel', id);
}
