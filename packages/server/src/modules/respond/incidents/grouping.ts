// Which incident an alert belongs to: the first grouping rule for which the alert has every key gives
// its group key (e.g. `host=ws-17`); the alert joins the open incident of that key when it comes within
// the rule's window of the incident's alerts, else it opens a new one. Alerts no rule applies to group
// by detector and rule. Keys are derived from the alert alone, so a re-delivered alert gets the same key.
import type { GroupingKey, GroupingSettings } from '@bulwark/contracts';
import type { AlertFacts } from './entities.ts';

export const DEFAULT_GROUPING: GroupingSettings = {
  rules: [
    { by: ['host'], windowMinutes: 240 },
    { by: ['user'], windowMinutes: 240 },
    { by: ['ip'], windowMinutes: 240 },
  ],
  fallbackWindowMinutes: 240,
};

export interface Group {
  readonly key: string;
  readonly windowMs: number;
  /** The values the key is made of, for the incident's title. */
  readonly label: string;
}

function valueOf(k: GroupingKey, alert: { detector: string; ruleId: string }, f: AlertFacts): string | undefined {
  switch (k) {
    case 'host': return f.hosts[0]?.toLowerCase();
    case 'user': return f.users[0]?.toLowerCase();
    case 'src_ip': return f.srcIps[0];
    case 'dst_ip': return f.dstIps[0];
    case 'ip': return f.srcIps[0] ?? f.dstIps[0];
    case 'indicator': return f.indicators[0];
    case 'rule': return `${alert.detector}:${alert.ruleId}`;
    case 'detector': return alert.detector;
    case 'tactic': return f.tactics[0];
  }
}

const part = (k: string, v: string) => `${k}=${encodeURIComponent(v)}`;

export function groupOf(settings: GroupingSettings, alert: { detector: string; ruleId: string }, facts: AlertFacts): Group {
  for (const rule of settings.rules) {
    const values = rule.by.map((k) => valueOf(k, alert, facts));
    if (values.some((v) => v === undefined || v === '')) continue;
    return { key: rule.by.map((k, i) => part(k, values[i]!)).join('&'), windowMs: rule.windowMinutes * 60_000, label: values.join(', ') };
  }
  return { key: part('rule', `${alert.detector}:${alert.ruleId}`), windowMs: settings.fallbackWindowMinutes * 60_000, label: '' };
}
