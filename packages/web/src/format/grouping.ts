// Grouping settings as people edit them: key names, windows in readable units, and the checks the
// server would make (at least one key per rule, no key twice, windows within 1 minute to 30 days).
import type { GroupingKey, GroupingSettings } from '@bulwark/contracts';

export const GROUPING_KEYS: ReadonlyArray<{ value: GroupingKey; label: string }> = [
  { value: 'host', label: 'Host' },
  { value: 'user', label: 'User' },
  { value: 'ip', label: 'IP address (source, else destination)' },
  { value: 'src_ip', label: 'Source IP' },
  { value: 'dst_ip', label: 'Destination IP' },
  { value: 'indicator', label: 'Matched indicator' },
  { value: 'rule', label: 'Detection rule' },
  { value: 'detector', label: 'Detector' },
  { value: 'tactic', label: 'ATT&CK tactic' },
];

export const MAX_WINDOW_MINUTES = 43_200;
export const MAX_RULES = 20;
export const MAX_KEYS = 4;

/** 240 → "4 h", 90 → "1 h 30 min", 2880 → "2 d". */
export function windowText(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min';
}

/** What is wrong with the settings, one line each ("Rule 2: …"); empty when they can be saved. */
export function groupingProblems(s: GroupingSettings): string[] {
  const out: string[] = [];
  if (s.rules.length > MAX_RULES) out.push(`At most ${MAX_RULES} rules`);
  const windowOk = (w: number) => Number.isInteger(w) && w >= 1 && w <= MAX_WINDOW_MINUTES;
  s.rules.forEach((r, i) => {
    const at = `Rule ${i + 1}`;
    if (r.by.length === 0) out.push(`${at}: choose at least one key`);
    if (r.by.length > MAX_KEYS) out.push(`${at}: at most ${MAX_KEYS} keys`);
    if (new Set(r.by).size !== r.by.length) out.push(`${at}: a key is named twice`);
    if (!windowOk(r.windowMinutes)) out.push(`${at}: the window must be 1 to ${MAX_WINDOW_MINUTES} minutes`);
  });
  const seen = new Map<string, number>();
  s.rules.forEach((r, i) => {
    const k = [...r.by].sort().join('+');
    if (r.by.length && seen.has(k)) out.push(`Rule ${i + 1}: same keys as rule ${seen.get(k)! + 1}, so it never applies`);
    else seen.set(k, i);
  });
  if (!windowOk(s.fallbackWindowMinutes)) out.push(`Fallback: the window must be 1 to ${MAX_WINDOW_MINUTES} minutes`);
  return out;
}

/** A rule's keys joined for reading: "host + user". */
export function keysText(by: readonly string[]): string {
  return by.map((k) => GROUPING_KEYS.find((g) => g.value === k)?.label ?? k).join(' + ');
}
