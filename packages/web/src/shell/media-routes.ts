// The views of the media page, addressed by #/media/<view>[/<id>]: the check (optionally one check's
// result), the hash banks, one bank, one bank entry (over its bank), what others share, and the
// disinformation incidents (one in detail, or a new one).
import { detailFromHash, hrefFor } from './routes.ts';

export type MediaView =
  | { readonly view: 'check'; readonly checkId?: string }
  | { readonly view: 'banks' }
  | { readonly view: 'bank'; readonly bankId: string }
  | { readonly view: 'entry'; readonly entryId: string }
  | { readonly view: 'shared' }
  | { readonly view: 'incidents' }
  | { readonly view: 'incident'; readonly incidentId: string };

export type MediaTab = 'check' | 'banks' | 'shared' | 'incidents';

/** The view in the detail part of #/media/… (what `detailFromHash('media', …)` gives). */
export function mediaViewFromDetail(detail: string | undefined): MediaView {
  if (!detail) return { view: 'check' };
  const i = detail.indexOf('/');
  const head = i < 0 ? detail : detail.slice(0, i);
  const id = i < 0 ? '' : detail.slice(i + 1);
  switch (head) {
    case 'check':
      return id ? { view: 'check', checkId: id } : { view: 'check' };
    case 'banks':
      return { view: 'banks' };
    case 'bank':
      return id ? { view: 'bank', bankId: id } : { view: 'banks' };
    case 'entry':
      return id ? { view: 'entry', entryId: id } : { view: 'banks' };
    case 'shared':
      return { view: 'shared' };
    case 'incidents':
      return { view: 'incidents' };
    case 'incident':
      return id ? { view: 'incident', incidentId: id } : { view: 'incidents' };
    default:
      return { view: 'check' };
  }
}

export function mediaViewFromHash(hash: string): MediaView {
  return mediaViewFromDetail(detailFromHash('media', hash));
}

export function mediaTab(v: MediaView): MediaTab {
  switch (v.view) {
    case 'check':
      return 'check';
    case 'banks':
    case 'bank':
    case 'entry':
      return 'banks';
    case 'shared':
      return 'shared';
    case 'incidents':
    case 'incident':
      return 'incidents';
  }
}

function href(head: string, id?: string): string {
  return `${hrefFor('media')}/${head}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;
}

export const mediaHref = {
  check: (checkId?: string) => (checkId === undefined ? hrefFor('media') : href('check', checkId)),
  banks: () => href('banks'),
  bank: (bankId: string) => href('bank', bankId),
  entry: (entryId: string) => href('entry', entryId),
  shared: () => href('shared'),
  incidents: () => href('incidents'),
  incident: (incidentId: string) => href('incident', incidentId),
  tab: (tab: MediaTab) => (tab === 'check' ? hrefFor('media') : href(tab)),
};
