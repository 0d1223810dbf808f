// What an incident can tell a NIS2 report: read from the incident, its alerts (tags, indicator
// matches, source addresses), its timeline (notes, actions taken) and the block-list entries made for it,
// plus the organisation's entity profile.
import { sql } from 'drizzle-orm';
import type { Nis2Profile } from '@bulwark/contracts';
import { rows, type Tx } from '../../../platform/index.ts';
import type { AlertFacts } from '../incidents/entities.ts';
import type { IncidentRow } from '../incidents/store.ts';
import type { IncidentFacts } from '../nis2/index.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const OBSERVABLE_TYPE: Record<string, string> = { ipv4: 'ipv4-addr', ipv6: 'ipv6-addr', cidr: 'ipv4-addr', domain: 'domain-name', url: 'url' };

export const EMPTY_PROFILE: Nis2Profile = { name: '', sector: null, subsector: null, memberState: null, contact: { name: '', email: '', phone: '' } };

export async function profileOf(tx: Tx, orgId: string): Promise<Nis2Profile> {
  const [row] = await rows<{ entity: Partial<Nis2Profile> }>(tx, sql`select entity from respond_settings where org_id = ${orgId}`);
  const e = row?.entity ?? {};
  const [org] = await rows<{ name: string }>(tx, sql`select name from organisations where id = ${orgId}`);
  return { ...EMPTY_PROFILE, ...e, name: e.name || org?.name || '', contact: { ...EMPTY_PROFILE.contact, ...(e.contact ?? {}) } };
}

export async function incidentFacts(tx: Tx, orgId: string, inc: IncidentRow): Promise<IncidentFacts> {
  const alerts = await rows<{ tags: string[]; detector: string; fields: Record<string, unknown>; facts: AlertFacts }>(tx, sql`select al.tags, al.detector, al.fields, ia.facts
    from incident_alerts ia join alerts al on al.id = ia.alert_id where ia.org_id = ${orgId} and ia.incident_id = ${inc.id} order by al.event_time limit 5000`);
  const timeline = await rows<{ at: Date | string; kind: string; actor_id: string | null; body: Record<string, unknown> }>(tx, sql`select at, kind, actor_id, body
    from incident_timeline where org_id = ${orgId} and incident_id = ${inc.id} and kind in ('note', 'action') order by at, id limit 2000`);
  const blocked = await rows<{ kind: string; value: string; source: string; created_at: Date | string }>(tx, sql`select kind, value, source, created_at
    from blocklist_entries where org_id = ${orgId} and incident_id = ${inc.id} order by created_at`);
  const profile = await profileOf(tx, orgId);

  const tags = [...new Set(alerts.flatMap((a) => a.tags))];
  const indicators: IncidentFacts['indicators'] = [];
  const seen = new Set<string>();
  const addIndicator = (type: string, value: string, tlp: string | null) => {
    if (seen.has(`${type}\n${value}`)) return;
    seen.add(`${type}\n${value}`);
    indicators.push({ type, value, tlp });
  };
  for (const a of alerts) {
    if (a.detector === 'indicators' && typeof a.fields['value'] === 'string') addIndicator(String(a.fields['observable'] ?? 'unknown'), a.fields['value'], typeof a.fields['tlp'] === 'string' ? a.fields['tlp'] : null);
  }
  for (const b of blocked) addIndicator(OBSERVABLE_TYPE[b.kind] ?? b.kind, b.value, 'amber');
  const sourceIps = [...new Set(alerts.flatMap((a) => a.facts?.srcIps ?? []))].map((ip) => ({ ip }));
  const mitigations: IncidentFacts['mitigations'] = [
    ...timeline.filter((t) => t.kind === 'action').map((t) => ({
      action: String(t.body['summary'] ?? t.body['action'] ?? 'action'), at: iso(t.at),
      ...(typeof t.body['playbook'] === 'string' ? { playbook: t.body['playbook'] } : {}),
      status: t.body['status'] === 'failed' ? 'failed' as const : 'done' as const,
    })),
    ...blocked.map((b) => ({ action: `${b.value} put on the block list fetched by firewalls and proxies`, at: iso(b.created_at), ...(b.source.startsWith('playbook:') ? { playbook: b.source.slice(9) } : {}), status: 'done' as const })),
  ];
  return {
    incidentId: inc.id,
    title: inc.title,
    description: '',
    firstAlertAt: inc.first_alert_at ? iso(inc.first_alert_at) : null,
    awareAt: inc.aware_at ? iso(inc.aware_at) : null,
    severity: inc.severity,
    tags,
    indicators,
    hosts: (inc.entities.hosts ?? []).map((name) => ({ name })),
    users: inc.entities.users ?? [],
    sourceIps,
    notes: timeline.filter((t) => t.kind === 'note').map((t) => ({ at: iso(t.at), text: String(t.body['text'] ?? ''), ...(t.actor_id ? { author: t.actor_id } : {}) })),
    mitigations,
    organisation: {
      name: profile.name, sector: profile.sector, subsector: profile.subsector, memberState: profile.memberState,
      contact: { ...(profile.contact.name ? { name: profile.contact.name } : {}), ...(profile.contact.email ? { email: profile.contact.email } : {}), ...(profile.contact.phone ? { phone: profile.contact.phone } : {}) },
    },
  };
}
