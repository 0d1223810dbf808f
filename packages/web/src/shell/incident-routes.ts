// The views of the incidents page, addressed by #/incidents[/<view or incident id>]: the queue, one
// incident, the block list and the grouping settings.
import { detailFromHash, detailHref, hrefFor } from './routes.ts';

export type IncidentView =
  | { readonly view: 'queue' }
  | { readonly view: 'incident'; readonly incidentId: string }
  | { readonly view: 'blocklist' }
  | { readonly view: 'grouping' };

export type IncidentTab = 'queue' | 'blocklist' | 'grouping';

export function incidentViewFromDetail(detail: string | undefined): IncidentView {
  if (!detail || detail === 'queue') return { view: 'queue' };
  if (detail === 'blocklist') return { view: 'blocklist' };
  if (detail === 'grouping') return { view: 'grouping' };
  return { view: 'incident', incidentId: detail };
}

export function incidentViewFromHash(hash: string): IncidentView {
  return incidentViewFromDetail(detailFromHash('incidents', hash));
}

export function incidentTab(v: IncidentView): IncidentTab {
  return v.view === 'incident' ? 'queue' : v.view;
}

export const incidentHref = {
  queue: () => hrefFor('incidents'),
  incident: (id: string) => detailHref('incidents', id),
  tab: (tab: IncidentTab) => (tab === 'queue' ? hrefFor('incidents') : detailHref('incidents', tab)),
};
