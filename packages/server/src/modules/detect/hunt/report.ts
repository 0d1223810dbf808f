// Offline hunt results: one detection per (rule, event), rendered as a timeline table, NDJSON or CSV,
// and summarised by rule, level and host.

export interface Detection {
  readonly time: string | undefined;
  readonly ruleId: string;
  readonly title: string;
  readonly level: string;
  readonly host: string | undefined;
  readonly channel: string | undefined;
  readonly eventId: string | undefined;
  readonly file: string;
  /** Record number (EVTX) or line (JSON). */
  readonly record: number;
  readonly tags: readonly string[];
}

export const LEVELS = ['critical', 'high', 'medium', 'low', 'informational'] as const;

export function byTime(a: Detection, b: Detection): number {
  return (a.time ?? '').localeCompare(b.time ?? '') || a.file.localeCompare(b.file) || a.record - b.record;
}

/** Terminal-safe text: control characters shown as escapes, so that event data cannot drive the terminal. */
export function inert(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function table(rows: readonly Detection[], width = 160): string {
  const head = ['TIME', 'LEVEL', 'HOST', 'EVENT', 'RULE', 'SOURCE'];
  const cells = rows.map((d) => [d.time ?? '-', d.level, d.host ?? '-', d.eventId ?? '-', d.title, `${d.file}:${d.record}`].map((c) => inert(c)));
  const widths = head.map((h, i) => Math.min(i === 4 ? 70 : 40, Math.max(h.length, ...cells.map((c) => c[i]!.length))));
  const fmt = (r: string[]) => r.map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!))).join('  ').trimEnd().slice(0, width);
  return [fmt(head), ...cells.map(fmt)].join('\n');
}

const CSV_COLUMNS = ['time', 'level', 'host', 'channel', 'eventId', 'ruleId', 'title', 'tags', 'file', 'record'] as const;

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function csv(rows: readonly Detection[]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const d of rows) {
    lines.push(CSV_COLUMNS.map((c) => cell(c === 'tags' ? d.tags.join(' ') : String(d[c] ?? ''))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface Summary {
  readonly detections: number;
  readonly byLevel: Record<string, number>;
  readonly byRule: Array<{ ruleId: string; title: string; level: string; count: number; first?: string; last?: string; hosts: number }>;
  readonly byHost: Array<{ host: string; count: number; highest: string }>;
}

export function summarise(rows: readonly Detection[]): Summary {
  const byLevel: Record<string, number> = {};
  const rules = new Map<string, { ruleId: string; title: string; level: string; count: number; first?: string; last?: string; hosts: Set<string> }>();
  const hosts = new Map<string, { count: number; highest: number }>();
  for (const d of rows) {
    byLevel[d.level] = (byLevel[d.level] ?? 0) + 1;
    let r = rules.get(d.ruleId);
    if (!r) rules.set(d.ruleId, (r = { ruleId: d.ruleId, title: d.title, level: d.level, count: 0, hosts: new Set() }));
    r.count += 1;
    if (d.time && (!r.first || d.time < r.first)) r.first = d.time;
    if (d.time && (!r.last || d.time > r.last)) r.last = d.time;
    if (d.host) r.hosts.add(d.host);
    const h = hosts.get(d.host ?? '-') ?? { count: 0, highest: LEVELS.length };
    h.count += 1;
    h.highest = Math.min(h.highest, rank(d.level));
    hosts.set(d.host ?? '-', h);
  }
  return {
    detections: rows.length,
    byLevel,
    byRule: [...rules.values()]
      .sort((a, b) => rank(a.level) - rank(b.level) || b.count - a.count)
      .map(({ hosts: hs, ...r }) => ({ ...r, hosts: hs.size })),
    byHost: [...hosts.entries()].map(([host, h]) => ({ host, count: h.count, highest: LEVELS[h.highest] ?? 'unknown' })).sort((a, b) => b.count - a.count),
  };
}

function rank(level: string): number {
  const i = (LEVELS as readonly string[]).indexOf(level);
  return i === -1 ? LEVELS.length : i;
}

export function summaryText(s: Summary): string {
  const lines = [`${s.detections} detection${s.detections === 1 ? '' : 's'}`];
  lines.push(`by level: ${LEVELS.filter((l) => s.byLevel[l]).map((l) => `${l} ${s.byLevel[l]}`).join(', ') || 'none'}`);
  if (s.byRule.length > 0) {
    lines.push('', 'by rule:');
    for (const r of s.byRule) lines.push(`  ${String(r.count).padStart(6)}  ${r.level.padEnd(13)} ${inert(r.title)}  (${r.hosts} host${r.hosts === 1 ? '' : 's'}, ${r.first ?? '?'} – ${r.last ?? '?'})`);
  }
  if (s.byHost.length > 0) {
    lines.push('', 'by host:');
    for (const h of s.byHost.slice(0, 50)) lines.push(`  ${String(h.count).padStart(6)}  ${h.highest.padEnd(13)} ${inert(h.host)}`);
  }
  return lines.join('\n');
}
