// First-seen country or ASN for a user: where the user logs in from (authentication source) and where
// the user's traffic goes (network destination). New after the learning period → a finding; a new
// country scores more than a new network of a known country.
import { FirstSeen, type FirstSeenState } from '../baselines/index.ts';
import type { EventView } from './event-view.ts';
import { AUTHENTICATION, NETWORK_ACTIVITY } from './event-view.ts';
import { clampScore, DAY, Job, type Finding, type JobEnv } from './job.ts';

interface UserState { first: number; n: number; countries: FirstSeen; asns: FirstSeen }

export const FIRST_SEEN_GEO = { minEvents: 20, minDays: 3, ttl: 180 * DAY };

export class FirstSeenGeoJob extends Job<UserState> {
  readonly info = {
    name: 'first_seen_geo',
    title: 'First-seen country or ASN',
    description: 'A user logging in from, or sending traffic to, a country or autonomous system (ASN) not seen for the user before.',
    entityKind: 'user' as const,
    defaultThreshold: 60,
    learning: `each user after ${FIRST_SEEN_GEO.minEvents} located events over ${FIRST_SEEN_GEO.minDays} days`,
    allowList: 'country codes, ASNs (AS64500) or addresses (entity: a user or *)',
  };

  keyOf(ev: EventView): string | undefined {
    return (ev.classUid === AUTHENTICATION && ev.statusId === 1 && ev.srcIp) || (ev.classUid === NETWORK_ACTIVITY && ev.dstIp) ? ev.user : undefined;
  }

  observe(ev: EventView, env: JobEnv): Finding[] | undefined {
    if (!ev.user) return undefined;
    let ip: string | undefined;
    let direction: 'source' | 'destination';
    if (ev.classUid === AUTHENTICATION && ev.statusId === 1) { ip = ev.srcIp; direction = 'source'; }
    else if (ev.classUid === NETWORK_ACTIVITY) { ip = ev.dstIp; direction = 'destination'; }
    else return undefined;
    if (!ip) return undefined;
    const geo = env.geo();
    const info = geo?.lookup(ip);
    if (!info?.country && !info?.asn) return undefined;
    const s = this.touch(ev.user, () => ({ first: ev.time, n: 0, countries: new FirstSeen(64, FIRST_SEEN_GEO.ttl), asns: new FirstSeen(256, FIRST_SEEN_GEO.ttl) }));
    const learning = s.n < FIRST_SEEN_GEO.minEvents || ev.time - s.first < FIRST_SEEN_GEO.minDays * DAY;
    s.n++;
    const country = info.country?.country;
    const asn = info.asn ? `AS${info.asn.number}` : undefined;
    const knownCountries = s.countries.values();
    const newCountry = country !== undefined && s.countries.add(country, ev.time);
    const newAsn = asn !== undefined && s.asns.add(asn, ev.time);
    if (learning || (!newCountry && !newAsn)) return undefined;
    if (env.allowed(this.info.name, ev.user, [ip, ...(country ? [country] : []), ...(asn ? [asn] : [])])) return undefined;
    const score = clampScore(newCountry ? 75 : 45);
    const what = newCountry ? `country ${country}` : `network ${asn}${info.asn?.org ? ` (${info.asn.org})` : ''}`;
    return [{
      job: this.info.name, entityKind: 'user', entity: ev.user, feature: newCountry ? `${direction}_country:${country}` : `${direction}_asn:${asn}`, score,
      title: `First-seen ${direction} ${what} for ${ev.user}`.slice(0, 300), eventIds: [ev.eventId], time: ev.time,
      explanation: {
        features: { direction, new_country: newCountry ? 1 : 0, new_asn: newAsn ? 1 : 0 },
        baseline: { known_countries: knownCountries.slice(-20), known_asn_count: s.asns.size - (newAsn ? 1 : 0), events_learned: s.n - 1 },
        observed: { ip, ...(country ? { country } : {}), ...(asn ? { asn, asn_org: info.asn?.org } : {}) },
        influencers: [{ field: 'user', value: ev.user }, { field: direction === 'source' ? 'src_ip' : 'dst_ip', value: ip }, ...(country ? [{ field: 'country', value: country }] : []), ...(asn ? [{ field: 'asn', value: asn }] : [])],
      },
    }];
  }

  protected encode(s: UserState): unknown {
    return { f: s.first, n: s.n, c: s.countries.snapshot(), a: s.asns.snapshot() };
  }

  protected decode(j: unknown): UserState {
    const o = j as { f: number; n: number; c: FirstSeenState; a: FirstSeenState };
    return { first: o.f, n: o.n, countries: new FirstSeen(64, FIRST_SEEN_GEO.ttl, o.c), asns: new FirstSeen(256, FIRST_SEEN_GEO.ttl, o.a) };
  }
}
