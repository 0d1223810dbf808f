// The actions playbooks call that act inside Bulwark: put a value on the block list, block an AI
// gateway account, look a value up in intelligence, locate an address, share a sighting or promote a
// value to an indicator over the federation. Each is idempotent: the same step of the same run (same
// idempotency key) or the same value again leaves one entry, one block, one sighting, one indicator.
import type { Incident } from '@bulwark/contracts';
import { orgScope, type Platform } from '../../../platform/index.ts';
import { blockAccount } from '../../aiguard/index.ts';
import type { GeoLookup } from '../../anomaly/index.ts';
import type { IntelModule } from '../../intel/index.ts';
import { assetsOf } from '../assets/routes.ts';
import { compileAssets } from '../assets/owners.ts';
import { addEntry } from '../blocklist/store.ts';
import { classify, type BlocklistValueError } from '../blocklist/values.ts';
import { addTimeline } from '../incidents/store.ts';
import { ActionError, type ActionContext, type ActionDefinition } from '../playbooks/index.ts';
import { checkParams, durationMs, text, type ParamSpec } from './params.ts';

export interface RespondActionDeps {
  readonly platform: Platform;
  readonly intel: IntelModule;
  /** The organisation a run acts for. */
  readonly orgOf: (ctx: ActionContext) => string;
  readonly geo: () => Promise<GeoLookup | undefined>;
}

const incidentIdOf = (ctx: ActionContext): string | null => {
  const id = (ctx.trigger.incident as Partial<Incident> | undefined)?.id;
  return typeof id === 'string' ? id : null;
};
const source = (ctx: ActionContext) => `playbook:${ctx.playbookId}@${ctx.playbookVersion}`;

function action(spec: Record<string, ParamSpec>, describe: ActionDefinition['describe'], run: ActionDefinition['run']): ActionDefinition {
  return { validate: (p, stage) => checkParams(spec, p, stage), describe, run, idempotent: true };
}

/** Notes what a step did on the incident's timeline (once per step of a run). */
async function onTimeline(d: RespondActionDeps, ctx: ActionContext, summary: string, extra: Record<string, unknown> = {}): Promise<void> {
  const incidentId = incidentIdOf(ctx);
  if (!incidentId) return;
  const orgId = d.orgOf(ctx);
  await d.platform.db.tx(orgScope(orgId), (tx) => addTimeline(tx, orgId, incidentId, 'action', { summary, playbook: `${ctx.playbookId}@${ctx.playbookVersion}`, run: ctx.runId, step: ctx.stepId, status: 'done', ...extra }, { dedupe: `action:${ctx.idempotencyKey}` }));
}

export function respondActions(d: RespondActionDeps): Map<string, ActionDefinition> {
  const { platform, intel } = d;
  const m = new Map<string, ActionDefinition>();

  m.set('contain.blocklist', action(
    { value: { type: 'string', required: true, max: 2048 }, ttl: { type: 'duration' }, reason: { type: 'string', max: 500 } },
    (p) => `put ${text(p['value'])} on the block list${p['ttl'] ? ` for ${text(p['ttl'])}` : ''} (fetched by firewalls and proxies)`,
    async (p, ctx) => {
      const orgId = d.orgOf(ctx);
      const ttl = durationMs(p['ttl']);
      try {
        classify(text(p['value']));
      } catch (err) {
        throw new ActionError((err as BlocklistValueError).message, { retryable: false, code: 'bad_value' });
      }
      const res = await platform.db.tx(orgScope(orgId), (tx) => addEntry(tx, orgId, {
        value: text(p['value']), reason: text(p['reason']) || `playbook ${ctx.playbookId}`, incidentId: incidentIdOf(ctx), source: source(ctx), expiresAt: ttl ? new Date(Date.now() + ttl) : null,
      }));
      await onTimeline(d, ctx, `${res.entry.value} put on the block list${ttl ? ` until ${res.entry.expiresAt}` : ''}`, { value: res.entry.value, kind: res.entry.kind });
      return { kind: res.entry.kind, value: res.entry.value, created: res.created, expiresAt: res.entry.expiresAt };
    },
  ));

  m.set('contain.aiguard_block', action(
    { account: { type: 'string', required: true, max: 100 }, ttl: { type: 'duration' }, reason: { type: 'string', max: 500 } },
    (p) => `block AI gateway account ${text(p['account'])}${p['ttl'] ? ` for ${text(p['ttl'])}` : ''}`,
    async (p, ctx) => {
      const orgId = d.orgOf(ctx);
      const ttl = durationMs(p['ttl']);
      let res: { id: string; created: boolean };
      try {
        res = await platform.db.tx(orgScope(orgId), (tx) => blockAccount(tx, orgId, text(p['account']), text(p['reason']) || `playbook ${ctx.playbookId}`, ttl ? new Date(Date.now() + ttl) : null));
      } catch (err) {
        if (err instanceof Error && /^account must/.test(err.message)) throw new ActionError(err.message, { retryable: false });
        throw err;
      }
      await onTimeline(d, ctx, `AI gateway account ${text(p['account'])} blocked`);
      return { block: res.id, created: res.created };
    },
  ));

  m.set('enrich.intel', action(
    { value: { type: 'string', required: true, max: 2048 } },
    (p) => `look up ${text(p['value'])} among the indicators the organisation receives`,
    async (p, ctx) => {
      const found = await intel.org.lookup(d.orgOf(ctx), text(p['value']));
      return { known: found.length > 0, count: found.length, indicators: found.map((i) => ({ id: i.id, name: i.name, tlp: i.tlp, owner: i.ownerInstance })) };
    },
  ));

  m.set('enrich.geo', action(
    { ip: { type: 'string', required: true, max: 100 } },
    (p) => `locate ${text(p['ip'])} (country and autonomous system)`,
    async (p) => {
      const g = await d.geo();
      if (!g) throw new ActionError('no geolocation table is loaded', { retryable: false, code: 'no_geo' });
      const ip = text(p['ip']);
      const at = g.lookup(ip);
      return { ip, country: at.country?.country ?? null, asn: at.asn?.number ?? null, asName: at.asn?.org ?? null };
    },
  ));

  m.set('enrich.owner', action(
    { host: { type: 'string', max: 300 }, ip: { type: 'string', max: 100 } },
    (p) => `look up who owns ${[text(p['host']), text(p['ip'])].filter(Boolean).join(' / ') || '(nothing given)'}`,
    async (p, ctx) => {
      const orgId = d.orgOf(ctx);
      const find = compileAssets(await platform.db.tx(orgScope(orgId), (tx) => assetsOf(tx, orgId)));
      const hit = (text(p['host']) && find(text(p['host']))) || (text(p['ip']) && find(text(p['ip']))) || undefined;
      return { known: hit !== undefined, owner: hit?.owner ?? null, contact: hit?.contact ?? null, criticality: hit?.criticality ?? null, match: hit?.match ?? null };
    },
  ));

  m.set('share.sighting', action(
    { value: { type: 'string', required: true, max: 2048 }, note: { type: 'string', max: 5000 }, count: { type: 'integer', min: 1, max: 1_000_000 } },
    (p) => `share a sighting of the indicators of ${text(p['value'])} with their owners, within their TLP`,
    async (p, ctx) => {
      const orgId = d.orgOf(ctx);
      const found = await intel.org.lookup(orgId, text(p['value']));
      const sightings: Array<{ indicator: string; sighting: string; created: boolean }> = [];
      // The sighting's id follows from indicator, note and time: a retried step, or another run for the
      // same incident, finds the same sighting instead of adding one.
      const number = (ctx.trigger.incident as Partial<Incident> | undefined)?.number;
      const note = text(p['note']) || (number !== undefined ? `Seen in incident INC-${number}` : `Seen by playbook ${ctx.playbookId}`);
      for (const ind of found) {
        const s = await intel.org.sight(orgId, ind.id, { note, count: typeof p['count'] === 'number' ? p['count'] : 1, lastSeen: minuteOf(ctx) });
        sightings.push({ indicator: ind.id, sighting: s.sighting.id, created: s.created });
      }
      if (sightings.length) await onTimeline(d, ctx, `sighting of ${text(p['value'])} shared (${sightings.length} indicator${sightings.length > 1 ? 's' : ''})`);
      return { shared: sightings.length, sightings };
    },
  ));

  m.set('share.indicator', action(
    {
      value: { type: 'string', required: true, max: 2048 }, name: { type: 'string', max: 300 }, description: { type: 'string', max: 5000 },
      tlp: { type: 'string', oneOf: ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] }, distribution: { type: 'string', oneOf: ['organisation', 'community', 'connected', 'all'] }, valid_for: { type: 'duration' },
    },
    (p) => `publish ${text(p['value'])} as an indicator (TLP:${text(p['tlp']) || 'AMBER'}, ${text(p['distribution']) || 'community'})`,
    async (p, ctx) => {
      const valid = durationMs(p['valid_for']);
      let res: { id: string; created: boolean };
      try {
        res = await intel.org.promote(d.orgOf(ctx), text(p['value']), {
          ...(p['name'] ? { name: text(p['name']) } : {}), ...(p['description'] ? { description: text(p['description']) } : {}),
          tlp: (text(p['tlp']) || 'AMBER') as 'AMBER', distribution: (text(p['distribution']) || 'community') as 'community',
          ...(valid ? { validUntil: new Date(Date.now() + valid).toISOString() } : {}),
        });
      } catch (err) {
        if (err instanceof Error && /is not an IP address/.test(err.message)) throw new ActionError(err.message, { retryable: false });
        throw err;
      }
      await onTimeline(d, ctx, `${text(p['value'])} shared as indicator ${res.id}`);
      return res;
    },
  ));
  return m;
}

/** The sighting's time: the incident's first alert (else the alert's time), so runs agree on it. */
function minuteOf(ctx: ActionContext): string {
  const t = (ctx.trigger.incident as { firstAlertAt?: string } | undefined)?.firstAlertAt ?? (ctx.trigger.alert as { eventTime?: string } | undefined)?.eventTime;
  const ms = t ? Date.parse(t) : Date.now();
  return new Date(Math.floor((Number.isFinite(ms) ? ms : Date.now()) / 60_000) * 60_000).toISOString();
}
