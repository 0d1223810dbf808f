// Which recipient classes a viewer belongs to for one object copy: the facts both tables are read against.
import type { RecipientClass } from './recipient-class.ts';
import { orgEntries, type ObjectScope, type Viewer } from './scope.ts';

export function recipientClasses(viewer: Viewer, scope: ObjectScope): Set<RecipientClass> {
  const classes = new Set<RecipientClass>();
  const recipients = orgEntries(scope.recipients);
  const members = scope.distribution === 'group' ? orgEntries(scope.group?.members) : [];
  switch (viewer.kind) {
    case 'user': {
      const here = scope.holder;
      // A user is served only by its own instance: a copy held elsewhere is never this user's to read.
      if (typeof here !== 'string' || viewer.instance !== here) return classes;
      classes.add('community');
      if (scope.ownerInstance === here && scope.ownerOrg === viewer.org) classes.add('owner');
      for (const r of recipients) {
        if (r.instance !== here || r.org !== viewer.org) continue;
        if (r.user === undefined) classes.add('named-org');
        else if (viewer.user !== undefined && r.user === viewer.user) classes.add('named-user');
      }
      if (members.some((m) => m.instance === here && m.org === viewer.org)) classes.add('group-member');
      return classes;
    }
    case 'peer': {
      // Never back to the holder itself or to the owner's instance (which holds the original).
      if (viewer.instance === scope.holder || viewer.instance === scope.ownerInstance) return classes;
      classes.add('peer');
      if (members.some((m) => m.instance === viewer.instance)) classes.add('peer-of-group-member');
      if (recipients.some((r) => r.instance === viewer.instance)) classes.add('peer-of-named-recipient');
      return classes;
    }
    case 'public':
      classes.add('public');
      return classes;
    default:
      return classes;
  }
}
