// Impossible travel: two successful logins of one user from countries further apart than anyone can
// travel in the time between them. Positions are country centres (offline database), so moves within
// a country are not judged and short hops under `minKm` are ignored. Allow-listed addresses, networks
// (CIDR), countries or ASNs ("AS64500") — VPN egress, known offices — are skipped and do not move the user.
import { distanceKm } from '../geo/geo.ts';
import type { EventView } from './event-view.ts';
import { AUTHENTICATION } from './event-view.ts';
import { clampScore, HOUR, Job, type Finding, type JobEnv } from './job.ts';

interface UserState { ip: string; country: string; lat: number; lon: number; t: number; event: string }

export const TRAVEL = { minKm: 500, maxKmh: 900 };

export class ImpossibleTravelJob extends Job<UserState> {
  readonly info = {
    name: 'impossible_travel',
    title: 'Impossible travel',
    description: 'Successful logins of one user from two countries too far apart for the time between them (country-level geolocation, offline).',
    entityKind: 'user' as const,
    defaultThreshold: 60,
    learning: 'each user from its second located login',
    allowList: 'addresses, CIDR networks, country codes or ASNs (AS64500) of VPN egress and known locations (entity: a user or *)',
  };

  keyOf(ev: EventView): string | undefined {
    return ev.classUid === AUTHENTICATION && ev.statusId === 1 && ev.srcIp ? ev.user : undefined;
  }

  observe(ev: EventView, env: JobEnv): Finding[] | undefined {
    if (ev.classUid !== AUTHENTICATION || ev.statusId !== 1 || !ev.user || !ev.srcIp) return undefined;
    const geo = env.geo();
    if (!geo) return undefined;
    const info = geo.lookup(ev.srcIp);
    const c = info.country;
    if (!c) return undefined;
    const values = [ev.srcIp, c.country, ...(info.asn ? [`AS${info.asn.number}`] : [])];
    if (env.allowed(this.info.name, ev.user, values)) return undefined;
    const old = this.entities.get(ev.user);
    const prev = old ? { ...old } : undefined;
    const s = this.touch(ev.user, () => ({ ip: ev.srcIp!, country: c.country, lat: c.lat, lon: c.lon, t: ev.time, event: ev.eventId }));
    if (!prev || prev.country === c.country || ev.time < prev.t) {
      Object.assign(s, { ip: ev.srcIp, country: c.country, lat: c.lat, lon: c.lon, t: Math.max(ev.time, prev?.t ?? 0), event: ev.eventId });
      return undefined;
    }
    const km = distanceKm(prev, c);
    const hours = Math.max((ev.time - prev.t) / HOUR, 1 / 60);
    const kmh = km / hours;
    Object.assign(s, { ip: ev.srcIp, country: c.country, lat: c.lat, lon: c.lon, t: ev.time, event: ev.eventId });
    if (km < TRAVEL.minKm || kmh <= TRAVEL.maxKmh) return undefined;
    const score = clampScore(60 + 15 * Math.log2(kmh / TRAVEL.maxKmh));
    return [{
      job: this.info.name, entityKind: 'user', entity: ev.user, feature: `travel:${[prev.country, c.country].sort().join('-')}`, score,
      title: `Impossible travel for ${ev.user}: ${prev.country} → ${c.country} in ${hours.toFixed(1)} h`, eventIds: [prev.event, ev.eventId], time: ev.time,
      explanation: {
        features: { distance_km: Math.round(km), hours: Number(hours.toFixed(2)), speed_kmh: Math.round(kmh) },
        baseline: { max_speed_kmh: TRAVEL.maxKmh, previous_country: prev.country, previous_ip: prev.ip, previous_time: new Date(prev.t).toISOString() },
        observed: { country: c.country, ip: ev.srcIp, ...(info.asn ? { asn: info.asn.number, asn_org: info.asn.org } : {}) },
        influencers: [{ field: 'user', value: ev.user }, { field: 'src_ip', value: prev.ip }, { field: 'src_ip', value: ev.srcIp }, { field: 'country', value: prev.country }, { field: 'country', value: c.country }],
      },
    }];
  }

  protected encode(s: UserState): unknown {
    return s;
  }

  protected decode(j: unknown): UserState {
    return j as UserState;
  }
}
