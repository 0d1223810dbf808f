// Test inputs: a small vocabulary with the values the tests use (the corpus tests check the real files)
// and an incident as the respond module would describe it.
import type { IncidentFacts } from '../report.ts';
import { parseTaxonomy } from '../taxonomy.ts';
import type { Nis2Vocabulary } from '../vocabulary.ts';

const taxonomy = (namespace: string, predicates: Record<string, string[]>): string => JSON.stringify({
  namespace, description: namespace, version: 1,
  predicates: Object.keys(predicates).map((value) => ({ value, expanded: value })),
  values: Object.entries(predicates).map(([predicate, values]) => ({ predicate, entry: values.map((value) => ({ value, expanded: value[0]!.toUpperCase() + value.slice(1) })) })),
});

export function testVocabulary(): Nis2Vocabulary {
  return {
    nis2: parseTaxonomy(taxonomy('nis2', {
      'impact-sectors-impacted': ['energy', 'public-administration', 'transport'],
      'impact-subsectors-impacted': ['electricity', 'rail', 'public-administration-subsector'],
      'important-entities': ['postal'],
      'impact-subsectors-important-entities': ['computer-manufacturing'],
      'impact-severity': ['red', 'yellow', 'green', 'white'],
      'impact-outlook': ['improving', 'stable', 'worsening'],
      'nature-root-cause': ['malicious-actions', 'system-failures'],
      'nature-severity': ['high', 'medium', 'low'],
    })),
    incidentTypes: parseTaxonomy(taxonomy('rsit', {
      intrusions: ['system-compromise', 'privileged-account-compromise'],
      'malicious-code': ['infected-system'],
      fraud: ['phishing'],
      'information-content-security': ['unauthorised-information-modification', 'data-leak'],
    })),
  };
}

export function sampleFacts(): IncidentFacts {
  return {
    incidentId: 'inc-42',
    title: 'Ransomware on the payroll servers',
    description: 'Encrypted file shares on two servers after a phishing e-mail.',
    firstAlertAt: '2025-03-03T07:40:00Z',
    awareAt: '2025-03-03T08:10:00Z',
    severity: 'critical',
    tags: ['attack.t1566.001', 'attack.execution', 'attack.command_and_control', 'attack.t1486', 'tlp:amber', 'sigma.rule.x'],
    indicators: [
      { type: 'ipv4-addr', value: '203.0.113.7', tlp: 'TLP:AMBER' },
      { type: 'domain-name', value: 'evil.example', tlp: 'green' },
      { type: 'file:hashes.SHA-256', value: 'a'.repeat(64), tlp: 'TLP:RED' },
      { type: 'domain-name', value: 'evil.example', tlp: 'green' },
    ],
    hosts: [
      { name: 'pay-01', ip: '10.0.0.5', country: 'DE' },
      { name: 'pay-02', ip: '10.1.0.5', country: 'AT' },
      { name: 'pay-02', ip: '10.1.0.5', country: 'AT' },
      { name: 'relay', country: 'US' },
    ],
    users: ['j.doe'],
    sourceIps: [{ ip: '203.0.113.7', country: 'nl' }],
    notes: [{ at: '2025-03-03T09:00:00Z', text: 'internal: CFO informed' }],
    mitigations: [
      { action: 'Isolate host pay-02', at: '2025-03-03T08:20:00Z', playbook: 'ransomware-containment', status: 'done' },
      { action: 'Isolate host pay-01', at: '2025-03-03T08:15:00Z', playbook: 'ransomware-containment', status: 'done' },
      { action: 'Reset credentials of j.doe', at: '2025-03-03T08:30:00Z', status: 'running' },
      { action: 'Block sender domain', at: '2025-03-03T08:31:00Z', status: 'failed' },
    ],
    organisation: { name: 'Bundesamt Beispiel', sector: 'public-administration', subsector: 'public-administration-subsector', memberState: 'de', contact: { name: 'SOC duty', email: 'soc@example.org', phone: '+49 30 000000' } },
  };
}
