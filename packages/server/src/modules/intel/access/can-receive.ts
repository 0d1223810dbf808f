// The one place that says yes or no: a viewer receives an object copy only when its TLP level and its
// distribution both allow one of the viewer's recipient classes. Malformed input allows nobody.
import { distributionAllows } from './distribution.ts';
import { recipientClasses } from './recipient-classes.ts';
import type { ObjectScope, Viewer } from './scope.ts';
import { tlpAllows } from './tlp.ts';

export function canReceive(viewer: Viewer, scope: ObjectScope): boolean {
  const classes = recipientClasses(viewer, scope);
  if (classes.size === 0) return false;
  return tlpAllows(scope.tlp, classes) && distributionAllows(scope.distribution, classes);
}
