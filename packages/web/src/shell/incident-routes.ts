// The views of the incidents page, addressed by #/incidents[/<view or incident id>]: the queue, one
// incident, the block list, the grouping settings, playbooks, playbook runs and the NIS2 entity profile.
import { detailFromHash, detailHref, hrefFor } from './routes.ts';

export type IncidentView =
  | { readonly view: 'queue' }
  | { readonly view: 'incident'; readonly incidentId: string }
  | { readonly view: 'blocklist' }
  | { readonly view: 'grouping' }
  | { readonly view: 'playbooks' }
  | { readonly view: 'runs' }
  | { readonly view: 'nis2-profile' };

export type IncidentTab = 'queue' | 'blocklist' | 'grouping' | 'playbooks' | 'runs' | 'nis2-profile';

const TABS: ReadonlySet<string> = new Set<IncidentTab>(['blocklist', 'grouping', 'playbooks', 'runs', 'nis2-profile']);

export function incidentViewFromDetail(detail: string | undefined): IncidentView {
  if (!detail || detail === 'queue') return { view: 'queue' };
  if (TABS.has(detail)) return { view: detail as Exclude<IncidentTab, 'queue'> };
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
