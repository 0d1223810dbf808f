// MITRE ATT&CK tags on alerts → RSIT incident types (the `nis2` taxonomy has no incident type; see
// README.md). Only tactics and techniques with a clear counterpart are mapped; the analyst confirms.

export interface AttackTag {
  /** Normalised: `T1059.001` for a technique, `TA0002` for a tactic. */
  id: string;
  tactic: string | null;
}

const TACTICS: Record<string, { id: string; rsit: string | null }> = {
  reconnaissance: { id: 'TA0043', rsit: 'rsit:information-gathering="scanner"' },
  'resource-development': { id: 'TA0042', rsit: null },
  'initial-access': { id: 'TA0001', rsit: null },
  execution: { id: 'TA0002', rsit: 'rsit:intrusions="system-compromise"' },
  persistence: { id: 'TA0003', rsit: 'rsit:intrusions="system-compromise"' },
  'privilege-escalation': { id: 'TA0004', rsit: 'rsit:intrusions="privileged-account-compromise"' },
  'defense-evasion': { id: 'TA0005', rsit: 'rsit:intrusions="system-compromise"' },
  'credential-access': { id: 'TA0006', rsit: 'rsit:intrusions="system-compromise"' },
  discovery: { id: 'TA0007', rsit: 'rsit:intrusions="system-compromise"' },
  'lateral-movement': { id: 'TA0008', rsit: 'rsit:intrusions="system-compromise"' },
  collection: { id: 'TA0009', rsit: 'rsit:information-content-security="unauthorised-information-access"' },
  exfiltration: { id: 'TA0010', rsit: 'rsit:information-content-security="data-leak"' },
  'command-and-control': { id: 'TA0011', rsit: 'rsit:malicious-code="infected-system"' },
  impact: { id: 'TA0040', rsit: null },
};

const TECHNIQUES: Record<string, string> = {
  T1110: 'rsit:intrusion-attempts="brute-force"',
  T1190: 'rsit:intrusion-attempts="exploit"',
  T1486: 'rsit:information-content-security="unauthorised-information-modification"',
  T1496: 'rsit:fraud="unauthorised-use-of-resources"',
  T1498: 'rsit:availability="dos"',
  T1499: 'rsit:availability="dos"',
  T1566: 'rsit:fraud="phishing"',
  T1595: 'rsit:information-gathering="scanner"',
};

const TACTIC_BY_ID = new Map(Object.entries(TACTICS).map(([name, t]) => [t.id, name]));

/** Reads `attack.t1059.001`, `T1059.001`, `attack.execution`, `attack.command_and_control`, `TA0002`; null otherwise. */
export function parseAttackTag(tag: string): AttackTag | null {
  const t = tag.trim().toLowerCase().replace(/^(mitre-)?att(&|a)ck[.:]/, '').replace(/^attack[.:]/, '');
  const technique = /^(t\d{4})(\.\d{3})?$/.exec(t);
  if (technique) return { id: `${technique[1]!.toUpperCase()}${technique[2] ?? ''}`, tactic: null };
  if (/^ta\d{4}$/.test(t)) {
    const id = t.toUpperCase();
    return TACTIC_BY_ID.has(id) ? { id, tactic: TACTIC_BY_ID.get(id)! } : null;
  }
  const name = t.replace(/[_\s]+/g, '-');
  const tactic = TACTICS[name];
  return tactic ? { id: tactic.id, tactic: name } : null;
}

/** The RSIT incident types the tags point at, sorted and without duplicates. */
export function incidentTypesFor(tags: readonly AttackTag[]): string[] {
  const out = new Set<string>();
  for (const t of tags) {
    const rsit = t.tactic ? TACTICS[t.tactic]?.rsit : TECHNIQUES[t.id.slice(0, 5)];
    if (rsit) out.add(rsit);
  }
  return [...out].sort();
}

/** Every incident type this mapping can produce (checked against the rsit taxonomy in tests). */
export function mappedIncidentTypes(): string[] {
  return [...new Set([...Object.values(TACTICS).map((t) => t.rsit), ...Object.values(TECHNIQUES)].filter((t): t is string => t !== null))].sort();
}
