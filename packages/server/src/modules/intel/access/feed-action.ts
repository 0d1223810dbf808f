// What a change feed (TAXII, federation, console live view) owes one viewer when an object changes:
// the new version, a tombstone because the viewer may no longer see it (retraction, TLP raised,
// distribution narrowed, deletion), or nothing. A tombstone carries the id only, never content.
import { canReceive } from './can-receive.ts';
import type { ObjectScope, Viewer } from './scope.ts';

export type FeedAction = 'send' | 'tombstone' | 'skip';

/** `before` undefined: the object is new here; `after` undefined: it was deleted. */
export function feedActionFor(viewer: Viewer, before: ObjectScope | undefined, after: ObjectScope | undefined): FeedAction {
  if (after !== undefined && canReceive(viewer, after)) return 'send';
  if (before !== undefined && canReceive(viewer, before)) return 'tombstone';
  return 'skip';
}
