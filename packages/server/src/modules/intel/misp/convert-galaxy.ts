// MISP galaxies (clusters attached to an event or attribute) → STIX domain objects for the kinds STIX
// has (threat actors, attack patterns, intrusion sets, malware, tools, courses of action); other
// galaxies stay labels (the cluster's tag name).
import type { ConversionContext, Scope } from './convert-context.ts';
import type { MispGalaxy, MispGalaxyCluster } from './event-types.ts';
import { EPOCH } from './stix-time.ts';
import { MISP_IMPORT_NAMESPACE, stixIdFor } from './stix-ids.ts';
import { uuidv5 } from './uuid5.ts';

type SdoType = 'threat-actor' | 'attack-pattern' | 'intrusion-set' | 'malware' | 'tool' | 'course-of-action';

const GALAXY_TYPES: Readonly<Record<string, SdoType>> = {
  'threat-actor': 'threat-actor',
  'mitre-attack-pattern': 'attack-pattern',
  'mitre-atlas-attack-pattern': 'attack-pattern',
  'mitre-enterprise-attack-attack-pattern': 'attack-pattern',
  'mitre-mobile-attack-attack-pattern': 'attack-pattern',
  'mitre-intrusion-set': 'intrusion-set',
  'mitre-enterprise-attack-intrusion-set': 'intrusion-set',
  'mitre-malware': 'malware',
  'mitre-enterprise-attack-malware': 'malware',
  malpedia: 'malware',
  ransomware: 'malware',
  rat: 'malware',
  botnet: 'malware',
  stealer: 'malware',
  backdoor: 'malware',
  banker: 'malware',
  'mitre-tool': 'tool',
  'mitre-enterprise-attack-tool': 'tool',
  tool: 'tool',
  'mitre-course-of-action': 'course-of-action',
  'mitre-atlas-course-of-action': 'course-of-action',
  'mitre-enterprise-attack-course-of-action': 'course-of-action',
};

export function galaxyObjectType(galaxyType: string): SdoType | undefined {
  return Object.prototype.hasOwnProperty.call(GALAXY_TYPES, galaxyType) ? GALAXY_TYPES[galaxyType] : undefined;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : typeof v === 'string' && v.trim() !== '' ? [v] : []);

/** The tag MISP uses for a cluster. */
export function clusterTag(galaxy: MispGalaxy, cluster: MispGalaxyCluster): string {
  return cluster.tagName ?? `misp-galaxy:${galaxy.type}="${cluster.value}"`;
}

function attackPatternProps(galaxy: MispGalaxy, cluster: MispGalaxyCluster): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const source = galaxy.type.startsWith('mitre-atlas') ? 'mitre-atlas' : 'mitre-attack';
  // MISP names techniques "Name - T1566.001"; ATLAS ones "Name - AML.T0043".
  const m = /^(.*?)\s+-\s+((?:AML\.)?T\d{4}(?:\.\d{3})?)$/.exec(cluster.value);
  out.name = m ? (m[1] as string) : cluster.value;
  const externalId = strings(cluster.meta.external_id)[0] ?? m?.[2];
  const refs: Record<string, unknown>[] = [];
  if (externalId) refs.push({ source_name: source, external_id: externalId });
  for (const url of strings(cluster.meta.refs).slice(0, 20)) refs.push({ source_name: 'misp-galaxy', url });
  if (refs.length > 0) out.external_references = refs;
  const phases = strings(cluster.meta.kill_chain).map((k) => {
    const parts = k.split(':');
    return { kill_chain_name: parts[0] as string, phase_name: parts[parts.length - 1] as string };
  });
  if (phases.length > 0) out.kill_chain_phases = phases;
  return out;
}

/**
 * The STIX object for a cluster (added to the context), or undefined when its galaxy has no STIX
 * counterpart. Cluster SDOs take the scope of the event that carries them; they have no timestamps in
 * MISP, so `created`/`modified` are the epoch (the same on every import).
 */
export function convertCluster(ctx: ConversionContext, galaxy: MispGalaxy, cluster: MispGalaxyCluster, scope: Scope): string | undefined {
  const type = galaxyObjectType(galaxy.type);
  if (!type) return undefined;
  const id = cluster.uuid ? stixIdFor(type, cluster.uuid) : `${type}--${uuidv5(MISP_IMPORT_NAMESPACE, `${type}:galaxy:${galaxy.type}:${cluster.value}`)}`;
  if (ctx.objects.has(id)) return id;
  const obj: Record<string, unknown> = { type, spec_version: '2.1', id, created: EPOCH, modified: EPOCH };
  if (type === 'attack-pattern') Object.assign(obj, attackPatternProps(galaxy, cluster));
  else obj.name = cluster.value;
  if (cluster.description) obj.description = cluster.description;
  const synonyms = strings(cluster.meta.synonyms);
  if (synonyms.length > 0 && type !== 'attack-pattern' && type !== 'course-of-action') obj.aliases = synonyms;
  if (type === 'malware') obj.is_family = true;
  Object.assign(obj, ctx.common({ ...scope, labels: [] }, cluster.uuid));
  obj.x_misp_galaxy_type = galaxy.type;
  ctx.add(obj as { type: string; id: string });
  return id;
}

/** Converts the galaxies of one holder; returns the SDO ids and the tags they stand for (not repeated as labels). */
export function convertGalaxies(ctx: ConversionContext, galaxies: readonly MispGalaxy[], scope: Scope): { ids: string[]; coveredTags: Set<string>; labels: string[] } {
  const ids: string[] = [];
  const coveredTags = new Set<string>();
  const labels: string[] = [];
  for (const g of galaxies) {
    for (const c of g.clusters) {
      const id = convertCluster(ctx, g, c, scope);
      const tag = clusterTag(g, c);
      if (id) {
        if (!ids.includes(id)) ids.push(id);
        coveredTags.add(tag);
      } else if (!labels.includes(tag)) labels.push(tag);
    }
  }
  return { ids, coveredTags, labels };
}
