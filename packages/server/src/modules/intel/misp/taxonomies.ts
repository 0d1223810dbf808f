// Loaded MISP taxonomies: look up and validate tags, list the tags a taxonomy defines, check exclusivity.
import { formatTag, parseTag } from './tag-parse.ts';
import type { Taxonomy, TaxonomyEntry, TaxonomyPredicate, TaxonomyTag, TagValidation } from './taxonomy-types.ts';

export interface TagSetProblem {
  namespace: string;
  predicate?: string;
  tags: string[];
  message: string;
}

function describe(t: Taxonomy, p: TaxonomyPredicate, e?: TaxonomyEntry): TaxonomyTag {
  const tag: TaxonomyTag = {
    tag: formatTag(e ? { namespace: t.namespace, predicate: p.value, value: e.value } : { namespace: t.namespace, predicate: p.value }),
    namespace: t.namespace,
    predicate: p.value,
    expanded: e ? (e.expanded ?? e.value) : (p.expanded ?? p.value),
    predicateExpanded: p.expanded ?? p.value,
  };
  if (e) tag.value = e.value;
  const description = e ? e.description : p.description;
  if (description) tag.description = description;
  const colour = e?.colour ?? p.colour;
  if (colour) tag.colour = colour;
  const n = e ? e.numericalValue : p.numericalValue;
  if (n !== undefined) tag.numericalValue = n;
  return tag;
}

export class Taxonomies {
  readonly taxonomies: readonly Taxonomy[];
  private readonly byNamespace = new Map<string, Taxonomy>();
  private readonly byLowerNamespace = new Map<string, Taxonomy>();

  constructor(taxonomies: readonly Taxonomy[]) {
    this.taxonomies = taxonomies;
    for (const t of taxonomies) {
      this.byNamespace.set(t.namespace, t);
      if (!this.byLowerNamespace.has(t.namespace.toLowerCase())) this.byLowerNamespace.set(t.namespace.toLowerCase(), t);
    }
  }

  taxonomy(namespace: string): Taxonomy | undefined {
    return this.byNamespace.get(namespace) ?? this.byLowerNamespace.get(namespace.toLowerCase());
  }

  /** Every tag a taxonomy (or all of them) defines. */
  tags(namespace?: string): TaxonomyTag[] {
    const list = namespace === undefined ? this.taxonomies : [this.taxonomy(namespace)].filter((t): t is Taxonomy => t !== undefined);
    return list.flatMap((t) => t.predicates.flatMap((p) => (p.entries.length === 0 ? [describe(t, p)] : p.entries.map((e) => describe(t, p, e)))));
  }

  /** Whether a tag is defined by a loaded taxonomy, with its meaning. Namespaces, predicates and values match case-insensitively, as MISP's tags do. */
  validate(text: string): TagValidation {
    const parsed = parseTag(text);
    if (!parsed) return { ok: false, reason: 'not-machine-tag', message: `${JSON.stringify(text)} is not a machine tag (namespace:predicate or namespace:predicate="value")` };
    const t = this.taxonomy(parsed.namespace);
    if (!t) return { ok: false, reason: 'unknown-namespace', message: `no loaded taxonomy has the namespace ${parsed.namespace}` };
    const p = t.predicates.find((x) => x.value === parsed.predicate) ?? t.predicates.find((x) => x.value.toLowerCase() === parsed.predicate.toLowerCase());
    if (!p) return { ok: false, reason: 'unknown-predicate', message: `taxonomy ${t.namespace} has no predicate ${parsed.predicate}` };
    let e: TaxonomyEntry | undefined;
    if (parsed.value === undefined) {
      if (p.entries.length > 0) return { ok: false, reason: 'value-required', message: `${t.namespace}:${p.value} needs a value, one of: ${p.entries.map((x) => x.value).join(', ')}` };
    } else {
      if (p.entries.length === 0) return { ok: false, reason: 'no-values', message: `${t.namespace}:${p.value} takes no value` };
      e = p.entries.find((x) => x.value === parsed.value) ?? p.entries.find((x) => x.value.toLowerCase() === (parsed.value as string).toLowerCase());
      if (!e) return { ok: false, reason: 'unknown-value', message: `${t.namespace}:${p.value} has no value ${JSON.stringify(parsed.value)}` };
    }
    const tag = describe(t, p, e);
    return { ok: true, tag, caseDiffers: tag.tag !== formatTag(parsed) };
  }

  lookup(text: string): TaxonomyTag | undefined {
    const v = this.validate(text);
    return v.ok ? v.tag : undefined;
  }

  /** Exclusivity problems in a set of tags: two tags of an exclusive taxonomy, or two values of an exclusive predicate. */
  checkTagSet(texts: readonly string[]): TagSetProblem[] {
    const problems: TagSetProblem[] = [];
    const byTaxonomy = new Map<Taxonomy, TaxonomyTag[]>();
    for (const text of texts) {
      const tag = this.lookup(text);
      if (!tag) continue;
      const t = this.taxonomy(tag.namespace) as Taxonomy;
      const list = byTaxonomy.get(t) ?? [];
      if (!list.some((x) => x.tag === tag.tag)) list.push(tag);
      byTaxonomy.set(t, list);
    }
    for (const [t, tags] of byTaxonomy) {
      if (t.exclusive && tags.length > 1) {
        problems.push({ namespace: t.namespace, tags: tags.map((x) => x.tag), message: `taxonomy ${t.namespace} is exclusive: only one of ${tags.map((x) => x.tag).join(', ')} may be set` });
        continue;
      }
      for (const p of t.predicates) {
        if (!p.exclusive) continue;
        const same = tags.filter((x) => x.predicate === p.value);
        if (same.length > 1) problems.push({ namespace: t.namespace, predicate: p.value, tags: same.map((x) => x.tag), message: `predicate ${t.namespace}:${p.value} is exclusive: only one of ${same.map((x) => x.tag).join(', ')} may be set` });
      }
    }
    return problems;
  }
}
