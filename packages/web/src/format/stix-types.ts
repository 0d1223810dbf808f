// The STIX 2.1 object types, grouped as the specification does, for the type filter.
export const STIX_TYPE_GROUPS: readonly { readonly group: string; readonly items: readonly string[] }[] = [
  {
    group: 'Domain objects',
    items: ['attack-pattern', 'campaign', 'course-of-action', 'grouping', 'identity', 'incident', 'indicator', 'infrastructure',
      'intrusion-set', 'location', 'malware', 'malware-analysis', 'note', 'observed-data', 'opinion', 'report', 'threat-actor',
      'tool', 'vulnerability'],
  },
  { group: 'Relationships', items: ['relationship', 'sighting'] },
  {
    group: 'Cyber observables',
    items: ['artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file', 'ipv4-addr',
      'ipv6-addr', 'mac-addr', 'mutex', 'network-traffic', 'process', 'software', 'url', 'user-account', 'windows-registry-key',
      'x509-certificate'],
  },
  { group: 'Meta objects', items: ['extension-definition', 'language-content', 'marking-definition'] },
];

/** "indicator--8e2e…" → "indicator". */
export function stixType(id: string): string {
  const at = id.indexOf('--');
  return at > 0 ? id.slice(0, at) : id;
}
