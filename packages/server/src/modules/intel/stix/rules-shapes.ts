// Co-constraints of nested types: external-reference (2.5.2), granular-marking (7.2.3.1),
// email MIME component (6.6.2).
import type { Ctx } from './context.ts';
import { exclusive, oneOf, type Rule } from './rules-util.ts';

function externalReference(obj: Readonly<Record<string, unknown>>, path: string, ctx: Ctx): void {
  if (obj.description === undefined && obj.url === undefined && obj.external_id === undefined) {
    ctx.sink.error(path, 'external-reference', 'an external reference needs description, url or external_id besides source_name');
  }
  const id = obj.external_id;
  if (typeof id !== 'string') return;
  // CAPEC (4.1) and CVE (4.19) identifiers have fixed forms.
  if (obj.source_name === 'capec' && !/^CAPEC-\d+$/.test(id)) ctx.sink.error(`${path}.external_id`, 'external-id-format', `CAPEC ids are written CAPEC-<number>, not "${id}"`);
  if (obj.source_name === 'cve' && !/^CVE-\d{4}-\d{4,}$/.test(id)) ctx.sink.error(`${path}.external_id`, 'external-id-format', `CVE ids are written CVE-<year>-<number>, not "${id}"`);
}

export const SHAPE_RULES: Readonly<Record<string, Rule>> = {
  'external-reference': externalReference,
  'granular-marking': (obj, path, ctx) => {
    exclusive(obj, path, ctx, 'lang', 'marking_ref');
    oneOf(obj, path, ctx, ['lang', 'marking_ref']);
  },
  'email-mime-part': (obj, path, ctx) => oneOf(obj, path, ctx, ['body', 'body_raw_ref']),
};
