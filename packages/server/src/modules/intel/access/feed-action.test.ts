import { describe, expect, it } from 'vitest';
import { feedActionFor } from './feed-action.ts';
import type { ObjectScope, Viewer } from './scope.ts';

const green: ObjectScope = { holder: 'fr', ownerInstance: 'fr', ownerOrg: 'anssi', tlp: 'GREEN', distribution: 'all' };
const peer: Viewer = { kind: 'peer', instance: 'de' };

describe('feedActionFor', () => {
  it('sends a new object the viewer may receive, and skips one it may not', () => {
    expect(feedActionFor(peer, undefined, green)).toBe('send');
    expect(feedActionFor(peer, undefined, { ...green, tlp: 'AMBER' })).toBe('skip');
  });
  it('sends a tombstone when a TLP or distribution change takes the object away', () => {
    expect(feedActionFor(peer, green, { ...green, tlp: 'AMBER' })).toBe('tombstone');
    expect(feedActionFor(peer, green, { ...green, distribution: 'community' })).toBe('tombstone');
    expect(feedActionFor({ kind: 'public' }, { ...green, tlp: 'CLEAR' }, green)).toBe('tombstone');
  });
  it('sends a tombstone on deletion only to those who could see it', () => {
    expect(feedActionFor(peer, green, undefined)).toBe('tombstone');
    expect(feedActionFor({ kind: 'public' }, green, undefined)).toBe('skip');
  });
  it('sends the new version when the object becomes visible (TLP lowered)', () => {
    expect(feedActionFor(peer, { ...green, tlp: 'AMBER' }, green)).toBe('send');
  });
  it('skips changes the viewer never sees', () => {
    expect(feedActionFor(peer, { ...green, tlp: 'RED' }, { ...green, tlp: 'AMBER' })).toBe('skip');
  });
});
