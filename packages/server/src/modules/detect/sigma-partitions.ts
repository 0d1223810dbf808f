// Sigma correlation across several worker processes. Base rules run wherever an event batch lands;
// matches that feed correlations are sent, with the few fields the correlations read, to one of N
// partitions chosen by the organisation and the values of the group-by fields all its correlations
// share. Each partition is worked by one process at a time (partition leases), which keeps that
// partition's correlation state, saves it, and hands it over when the partitions are shared anew.
import { createHash } from 'node:crypto';
import type { Severity } from '@bulwark/contracts';
import { PartitionLeases, type Bus, type Db, type Logger } from '../../platform/index.ts';
import type { DetectedAlert } from './port.ts';
import { correlationAlert, OrgCorrelations } from './sigma-correlations.ts';
import type { CorrelationRule } from './sigma/rule.ts';
import type { StateStore } from './state-store.ts';

export const CORRELATE_SUBJECT = 'sigma.correlate';

/** One base match on its way to its partition. */
export interface CorrelationInput {
  readonly refs: readonly string[];
  readonly time: number;
  readonly eventId: string;
  /** The fields the correlations read, by event field name. */
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface CorrelationInputs {
  readonly orgId: string;
  readonly part: number;
  readonly inputs: readonly CorrelationInput[];
}

/** What the partitions need to know of an organisation: its correlations and their level overrides. */
export interface OrgCorrelationRules {
  readonly correlations: readonly CorrelationRule[];
  levelOf(key: string): Severity | null | undefined;
}

export function partitionOf(orgId: string, key: string, partitions: number): number {
  return createHash('sha256').update(orgId).update('\n').update(key).digest().readUInt32BE(0) % partitions;
}

export function inputsMessageId(msg: CorrelationInputs): string {
  const h = createHash('sha256').update(`${msg.orgId}\n${msg.part}`);
  for (const i of msg.inputs) h.update(`\n${i.eventId}\u0000${i.refs.join('\u0000')}`);
  return `sigma-corr-${h.digest('hex').slice(0, 40)}`;
}

export interface PartitionOptions {
  readonly db: Db;
  readonly bus: Bus;
  readonly log: Logger;
  readonly store?: StateStore;
  readonly partitions: number;
  readonly leaseTtlMs?: number;
  readonly rulesOf: (orgId: string) => Promise<OrgCorrelationRules>;
  readonly raise: (orgId: string, alerts: DetectedAlert[]) => Promise<void>;
}

interface OrgState {
  rules: readonly CorrelationRule[];
  corr: OrgCorrelations;
}

interface Partition {
  readonly orgs: Map<string, OrgState>;
  readonly dirty: Set<string>;
  /** Alerts found but not stored yet (storing failed; the inputs behind them count as seen). */
  readonly unraised: Map<string, DetectedAlert[]>;
  stop?: () => Promise<void>;
}

const stateKey = (part: number) => `${OrgCorrelations.STATE_KEY}/p${part}`;

export class CorrelationPartitions {
  private readonly o: PartitionOptions;
  private readonly parts = new Map<number, Partition>();
  readonly leases: PartitionLeases;

  constructor(options: PartitionOptions) {
    this.o = options;
    this.leases = new PartitionLeases(options.db, {
      name: 'sigma-correlation',
      partitions: options.partitions,
      ...(options.leaseTtlMs ? { ttlMs: options.leaseTtlMs } : {}),
      log: options.log,
      onGain: async (part) => this.gain(part),
      onLose: async (part) => this.lose(part),
    });
  }

  start(): Promise<void> {
    return this.leases.start();
  }

  async stop(): Promise<void> {
    await this.leases.stop();
  }

  /** Saves the state of every organisation whose state changed, in every partition held. */
  async flush(): Promise<void> {
    for (const [part, p] of this.parts) await this.save(part, p);
  }

  private async save(part: number, p: Partition): Promise<void> {
    if (!this.o.store) return;
    for (const orgId of [...p.dirty]) {
      p.dirty.delete(orgId);
      const st = p.orgs.get(orgId);
      if (st) await this.o.store.save(stateKey(part), orgId, st.corr.snapshot());
    }
  }

  private async gain(part: number): Promise<void> {
    const p: Partition = { orgs: new Map(), dirty: new Set(), unraised: new Map() };
    this.parts.set(part, p);
    p.stop = this.o.bus.consume<CorrelationInputs>(`${CORRELATE_SUBJECT}.${part}`, 'sigma-correlate', (msg) => this.handle(part, msg.data));
    this.o.log.info({ part }, 'Sigma correlation partition taken');
  }

  private async lose(part: number): Promise<void> {
    const p = this.parts.get(part);
    if (!p) return;
    await p.stop?.().catch((err: unknown) => this.o.log.warn({ err, part }, 'stopping a Sigma correlation consumer failed'));
    await this.save(part, p);
    this.parts.delete(part);
    this.o.log.info({ part }, 'Sigma correlation partition given up');
  }

  private async stateOf(part: number, p: Partition, orgId: string): Promise<OrgState | undefined> {
    const { correlations } = await this.o.rulesOf(orgId);
    let st = p.orgs.get(orgId);
    if (st && st.rules === correlations) return st;
    if (!correlations.length) return undefined;
    const corr = new OrgCorrelations(correlations);
    // Rules changed: carry the state of unchanged correlations over; first use: resume the saved state.
    const saved = st ? st.corr.snapshot() : await this.o.store?.load(stateKey(part), orgId);
    if (saved) corr.restore(saved);
    st = { rules: correlations, corr };
    p.orgs.set(orgId, st);
    return st;
  }

  private async handle(part: number, msg: CorrelationInputs): Promise<void> {
    const p = this.parts.get(part);
    // Not (or no longer surely) ours: fail, so that the message goes to the partition's owner.
    if (!p || !this.leases.owns(part)) throw new Error(`Sigma correlation partition ${part} is not held by this process`);
    const st = await this.stateOf(part, p, msg.orgId);
    if (!st) return;
    const rules = await this.o.rulesOf(msg.orgId);
    const out: DetectedAlert[] = [];
    for (const input of msg.inputs) {
      if (!st.corr.firstTime(input.eventId)) continue;
      const fields = input.fields;
      const event = (name: string) => (Object.hasOwn(fields, name) ? fields[name] : undefined);
      for (const a of st.corr.engine.push({ ruleRefs: input.refs, time: input.time, event, eventId: input.eventId })) {
        if (a.standalone) out.push(correlationAlert(a, rules.levelOf(a.correlationId)));
      }
    }
    p.dirty.add(msg.orgId);
    const pending = [...(p.unraised.get(msg.orgId) ?? []), ...out];
    p.unraised.delete(msg.orgId);
    if (!pending.length) return;
    try {
      await this.o.raise(msg.orgId, pending);
    } catch (err) {
      p.unraised.set(msg.orgId, pending); // raised with the next message (alert ids are deterministic)
      throw err;
    }
  }
}
