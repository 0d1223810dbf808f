// Deviation from the user's peer group: how many distinct hosts a user reaches in a day, against the
// same measure for the user's peers (the group, department or role the events name) and the user's
// own history. A user who suddenly touches far more hosts than colleagues do is flagged once that day.
import { Ewma, type EwmaState } from '../baselines/index.ts';
import type { EventView } from './event-view.ts';
import { AUTHENTICATION, NETWORK_ACTIVITY } from './event-view.ts';
import { clampScore, DAY, Job, type Finding, type JobEnv } from './job.ts';

interface UserState { group: string; day: number; hosts: string[]; raised: boolean; own: Ewma }

export const PEER_GROUP = { minPeerDays: 30, minOwnDays: 3, k: 5, minHosts: 10, maxHosts: 256, alpha: 0.05 };

export class PeerGroupJob extends Job<UserState> {
  readonly info = {
    name: 'peer_group',
    title: 'Deviation from peer group',
    description: 'A user reaching many more distinct hosts in a day than the peers of the same group (department, role) do, and than the user usually does.',
    entityKind: 'user' as const,
    defaultThreshold: 60,
    learning: `each group after ${PEER_GROUP.minPeerDays} user-days, each user after ${PEER_GROUP.minOwnDays} days`,
    allowList: 'host names (entity: a user or *)',
  };
  private readonly peers = new Map<string, Ewma>();

  keyOf(ev: EventView): string | undefined {
    return ev.group ? ev.user : undefined;
  }

  observe(ev: EventView, env: JobEnv): Finding[] | undefined {
    if (!ev.user || !ev.group) return undefined;
    let target: string | undefined;
    if (ev.classUid === AUTHENTICATION && ev.statusId === 1) target = ev.host ?? ev.dstHost;
    else if (ev.classUid === NETWORK_ACTIVITY) target = ev.dstHost ?? ev.dstIp;
    if (!target) return undefined;
    const day = Math.floor(ev.time / DAY);
    const s = this.touch(ev.user, () => ({ group: ev.group!, day, hosts: [], raised: false, own: new Ewma(PEER_GROUP.alpha) }));
    if (day > s.day) {
      this.close(s);
      s.day = day;
      s.hosts = [];
      s.raised = false;
      s.group = ev.group;
    } else if (day < s.day) {
      return undefined;
    }
    if (s.hosts.includes(target) || s.hosts.length >= PEER_GROUP.maxHosts) return undefined;
    if (env.allowed(this.info.name, ev.user, [target])) return undefined;
    s.hosts.push(target);
    const peer = this.peers.get(s.group);
    if (s.raised || !peer || peer.n < PEER_GROUP.minPeerDays || s.own.n < PEER_GROUP.minOwnDays) return undefined;
    const n = s.hosts.length;
    const peerLimit = peer.mean + PEER_GROUP.k * Math.max(peer.std, 1);
    const ownLimit = 2 * s.own.mean + 3;
    if (n < PEER_GROUP.minHosts || n <= peerLimit || n <= ownLimit) return undefined;
    s.raised = true;
    const z = (n - peer.mean) / Math.max(peer.std, 1);
    const score = clampScore(55 + 10 * Math.log2(z / PEER_GROUP.k) + 10 * Math.log2(n / peerLimit));
    return [{
      job: this.info.name, entityKind: 'user', entity: ev.user, feature: 'distinct_hosts', score,
      title: `${ev.user} reached ${n} hosts today; peers in ${s.group} reach ${peer.mean.toFixed(1)}`, eventIds: [ev.eventId], time: ev.time,
      explanation: {
        features: { distinct_hosts_today: n, peer_z: Number(z.toFixed(1)) },
        baseline: { group: s.group, peer_mean: Number(peer.mean.toFixed(2)), peer_std: Number(peer.std.toFixed(2)), own_mean: Number(s.own.mean.toFixed(2)) },
        observed: { distinct_hosts_today: n, hosts: s.hosts.slice(-10) },
        influencers: [{ field: 'user', value: ev.user }, { field: 'group', value: s.group }, ...s.hosts.slice(-5).map((h) => ({ field: 'host', value: h }))],
      },
    }];
  }

  /** A user's day is over: its count feeds the user's and the group's baselines. */
  private close(s: UserState): void {
    const n = s.hosts.length;
    if (n === 0) return;
    s.own.update(n);
    let peer = this.peers.get(s.group);
    if (!peer) {
      if (this.peers.size >= 10_000) return;
      this.peers.set(s.group, (peer = new Ewma(0.01)));
    }
    peer.update(n);
  }

  protected encode(s: UserState): unknown {
    return { g: s.group, d: s.day, h: s.hosts, r: s.raised, o: s.own.snapshot() };
  }

  protected decode(j: unknown): UserState {
    const o = j as { g: string; d: number; h: string[]; r: boolean; o: EwmaState };
    return { group: o.g, day: o.d, hosts: o.h, raised: o.r, own: new Ewma(PEER_GROUP.alpha, o.o) };
  }

  override encodeOrg(): unknown {
    return [...this.peers].map(([g, e]) => [g, e.snapshot()]);
  }

  override decodeOrg(j: unknown): void {
    for (const [g, e] of j as Array<[string, EwmaState]>) this.peers.set(g, new Ewma(0.01, e));
  }
}
