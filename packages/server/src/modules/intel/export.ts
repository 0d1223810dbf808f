// Export: the newest version of every object a viewer may receive, as one STIX 2.1 bundle. TLP markings
// are written with the OASIS TLP 2.0 ids whatever spelling they came in with (TLP 1.0, OpenCTI), and the
// TLP 2.0 marking definitions used are included once.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/index.ts';
import { tlpMarkingId, tlpMarkingObject, tlpOfMarkingId } from './access/marking-ids.ts';
import type { ReceiveFilter } from './access/receive-filter.ts';
import type { TlpLevel } from './access/tlp.ts';
import { queryObjects } from './store/query.ts';

const PAGE = 5000;

/** The object with its TLP marking references rewritten to the OASIS TLP 2.0 ids; the levels it uses. */
export function withTlp2Markings(obj: Record<string, unknown>, used: Set<TlpLevel>): Record<string, unknown> {
  const rewrite = (ref: unknown): unknown => {
    if (typeof ref !== 'string') return ref;
    const level = tlpOfMarkingId(ref);
    if (!level) return ref;
    used.add(level);
    return tlpMarkingId(level);
  };
  let out = obj;
  if (Array.isArray(obj['object_marking_refs'])) out = { ...out, object_marking_refs: [...new Set(obj['object_marking_refs'].map(rewrite))] };
  if (Array.isArray(obj['granular_markings'])) {
    out = { ...out, granular_markings: obj['granular_markings'].map((g: unknown) => (g && typeof g === 'object' && 'marking_ref' in g ? { ...g, marking_ref: rewrite((g as { marking_ref: unknown }).marking_ref) } : g)) };
  }
  return out;
}

export interface ExportOptions {
  readonly types?: readonly string[] | undefined;
  readonly limit: number;
}

export async function exportBundle(db: Db, access: ReceiveFilter, opts: ExportOptions): Promise<{ type: 'bundle'; id: string; objects: Record<string, unknown>[] }> {
  const objects: Record<string, unknown>[] = [];
  const used = new Set<TlpLevel>();
  let afterSeq: number | undefined;
  while (objects.length < opts.limit) {
    const page = await queryObjects(db, { access, ...(opts.types?.length ? { types: opts.types } : {}), limit: Math.min(PAGE, opts.limit - objects.length), ...(afterSeq !== undefined ? { afterSeq } : {}) });
    for (const o of page.objects) {
      // TLP marking definitions of any spelling are replaced by the OASIS TLP 2.0 ones below.
      if (o.type === 'marking-definition' && tlpOfMarkingId(o.id)) continue;
      objects.push(withTlp2Markings(o.object, used));
    }
    if (!page.more || page.objects.length === 0) break;
    afterSeq = page.objects.at(-1)!.seq;
  }
  const markings = [...used].map((level) => ({ ...tlpMarkingObject(level) }) as Record<string, unknown>);
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [...markings, ...objects] };
}
