// TLP 2.0 levels and distributions in words, for the console: FIRST's label colours, what each level
// allows, and an object's sharing scope as one sentence ("TLP:GREEN, shared with this instance's
// community").
import type { IntelObjectSummary } from '@bulwark/contracts';

// Spelled out here: the contract builds its union with map(), which TypeScript cannot narrow.
export type TlpLevel = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';

export const TLP_LEVELS: readonly TlpLevel[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

/** The distributions an import may give (a sharing group is set by federation, not by an import). */
export const IMPORT_DISTRIBUTIONS = ['organisation', 'community', 'connected', 'all'] as const;

/** FIRST TLP 2.0: the label in its colour on a black background. */
export const TLP_COLOR: Readonly<Record<TlpLevel, string>> = {
  CLEAR: '#FFFFFF',
  GREEN: '#33FF00',
  AMBER: '#FFC000',
  'AMBER+STRICT': '#FFC000',
  RED: '#FF2B2B',
};

export const TLP_MEANING: Readonly<Record<TlpLevel, string>> = {
  CLEAR: 'no limit on disclosure',
  GREEN: 'the community and federated communities, never public channels',
  AMBER: 'need-to-know, within the organisations it is shared with',
  'AMBER+STRICT': 'need-to-know, within the named recipient organisations only',
  RED: 'named recipients only, never beyond this instance',
};

const DISTRIBUTION_TEXT: Readonly<Record<string, string>> = {
  organisation: 'kept in the owning organisation',
  community: 'shared with this instance\'s community',
  connected: 'shared with this instance\'s community and directly federated instances',
  all: 'shared with every instance',
  group: 'shared with the members of a sharing group',
};

export const DISTRIBUTION_LABEL: Readonly<Record<string, string>> = {
  organisation: 'This organisation',
  community: 'This instance\'s community',
  connected: 'Connected communities',
  all: 'All communities',
  group: 'Sharing group',
};

export function tlpLabel(level: TlpLevel): string {
  return `TLP:${level}`;
}

export function distributionText(distribution: string): string {
  return DISTRIBUTION_TEXT[distribution] ?? `distribution "${distribution}"`;
}

/** "TLP:GREEN, shared with this instance's community". */
export function scopeSentence(s: { readonly tlp: TlpLevel; readonly distribution: IntelObjectSummary['distribution'] }): string {
  return `${tlpLabel(s.tlp)}, ${distributionText(s.distribution)}`;
}
