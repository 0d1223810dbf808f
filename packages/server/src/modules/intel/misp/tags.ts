// MISP tags on events and attributes → TLP levels (markings) and labels.
import type { MispTag } from './event-types.ts';
import { type TlpLevel, tlpOfTag } from './tlp.ts';

export interface ClassifiedTags {
  tlp: TlpLevel[];
  /** Every other tag, as written (machine tags `ns:pred="value"` and free tags alike), without duplicates. */
  labels: string[];
}

export function classifyTags(tags: readonly MispTag[], skip?: ReadonlySet<string>): ClassifiedTags {
  const tlp: TlpLevel[] = [];
  const labels: string[] = [];
  for (const t of tags) {
    const level = tlpOfTag(t.name);
    if (level) {
      if (!tlp.includes(level)) tlp.push(level);
      continue;
    }
    if (skip?.has(t.name)) continue;
    if (!labels.includes(t.name)) labels.push(t.name);
  }
  return { tlp, labels };
}
