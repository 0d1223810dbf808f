// MISP machine tags: `namespace:predicate` or `namespace:predicate="value"` (the namespace ends at the
// first colon; a predicate may contain colons, as in `tlp:ex:chr`).

export interface ParsedTag {
  namespace: string;
  predicate: string;
  value?: string;
}

/** Parses a machine tag; undefined for a free tag (no namespace) or a malformed one. */
export function parseTag(tag: string): ParsedTag | undefined {
  const t = tag.trim();
  const colon = t.indexOf(':');
  if (colon <= 0) return undefined;
  const namespace = t.slice(0, colon).trim();
  if (namespace === '' || /[\s="]/.test(namespace)) return undefined;
  const rest = t.slice(colon + 1);
  const eq = rest.indexOf('=');
  const predicate = (eq < 0 ? rest : rest.slice(0, eq)).trim();
  if (predicate === '' || predicate.includes('"')) return undefined;
  if (eq < 0) return { namespace, predicate };
  let value = rest.slice(eq + 1).trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1).replace(/\\"/g, '"');
  else if (value.includes('"')) return undefined;
  if (value === '') return undefined;
  return { namespace, predicate, value };
}

/** The canonical text of a machine tag: `ns:pred` or `ns:pred="value"`. */
export function formatTag(tag: ParsedTag): string {
  return tag.value === undefined ? `${tag.namespace}:${tag.predicate}` : `${tag.namespace}:${tag.predicate}="${tag.value.replace(/"/g, '\\"')}"`;
}
