// The TAXII collections of an API root: one per sharing scope. Reading a collection gives the objects
// of that scope the caller may receive (the access model decides, the collection narrows); adding to a
// collection stores the objects with that scope (objects without a TLP marking get its default TLP).
import { sql, type SQL } from 'drizzle-orm';
import type { Distribution } from '../access/distribution.ts';
import type { TlpLevel } from '../access/tlp.ts';

export interface CollectionDef {
  readonly id: string;
  readonly alias: string;
  readonly title: string;
  readonly description: string;
  /** Narrows the objects the caller may receive to this scope. */
  readonly scope: (org: string) => SQL;
  /** What added objects get. */
  readonly write: { readonly distribution: Distribution; readonly tlp: TlpLevel };
}

export const COLLECTIONS: readonly CollectionDef[] = [
  {
    id: '5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d01',
    alias: 'shared-with-me',
    title: 'Everything shared with you',
    description: 'Every object your organisation may receive, whoever shared it. Objects added here stay in your organisation.',
    scope: () => sql`true`,
    write: { distribution: 'organisation', tlp: 'AMBER' },
  },
  {
    id: '5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d02',
    alias: 'organisation',
    title: 'Your organisation',
    description: 'Objects your organisation owns and keeps to itself (distribution: your organisation).',
    scope: (org) => sql`owner_org = ${org} and distribution = 'organisation'`,
    write: { distribution: 'organisation', tlp: 'AMBER' },
  },
  {
    id: '5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d03',
    alias: 'community',
    title: 'This instance\'s community',
    description: 'Objects shared with the organisations of this instance (distribution: community). Added objects default to TLP:GREEN.',
    scope: () => sql`distribution = 'community'`,
    write: { distribution: 'community', tlp: 'GREEN' },
  },
  {
    id: '5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d04',
    alias: 'federation',
    title: 'Connected communities',
    description: 'Objects shared with this instance and the instances it federates with (distribution: connected or all). Added objects go to directly federated instances.',
    scope: () => sql`distribution in ('connected', 'all')`,
    write: { distribution: 'connected', tlp: 'GREEN' },
  },
  {
    id: '5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d05',
    alias: 'public',
    title: 'Public (TLP:CLEAR)',
    description: 'Objects anyone may receive (TLP:CLEAR, distribution: all), e.g. ATT&CK, ATLAS, DISARM.',
    scope: () => sql`tlp = 'CLEAR' and distribution = 'all'`,
    write: { distribution: 'all', tlp: 'CLEAR' },
  },
];

export function collectionById(id: string): CollectionDef | undefined {
  return COLLECTIONS.find((c) => c.id === id || c.alias === id);
}
