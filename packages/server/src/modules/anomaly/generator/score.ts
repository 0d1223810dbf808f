// Runs the security jobs over generated logs (normalised as ingest does) and scores them against the
// ground truth: what `bulwark anomaly generate --score` and the generator test print.
import { normalize, type EventWire } from '../../ingest/index.ts';
import { OrgEngine } from '../engine.ts';
import { openGeo, type GeoPaths } from '../geo/geo.ts';
import type { Finding } from '../jobs/index.ts';
import { EMPTY_POLICY } from '../policy.ts';
import { evaluate, type Score } from './evaluate.ts';
import { generate, type GenerateOptions, type Truth } from './generate.ts';

export function wire(native: Record<string, unknown>, receivedAt: Date): EventWire {
  const n = normalize({ native, format: 'json', source: 'generator' }, receivedAt);
  return { ...n, time: n.time.toISOString(), receivedAt: n.receivedAt.toISOString() };
}

export interface GeneratedRun {
  readonly truth: Truth;
  readonly events: number;
  readonly scores: Score[];
  readonly findingsByJob: Record<string, number>;
  readonly findings: Finding[];
  readonly seconds: number;
}

/** Generates logs, runs every job over them (the truth's allow-list applied) and scores the findings. */
export function scoreGenerated(opts: GenerateOptions = {}, paths: GeoPaths = {}): GeneratedRun {
  const geo = openGeo(paths);
  const { events, truth } = generate(geo, opts);
  const received = new Date(Date.parse(truth.start) + (truth.days + 15) * 86_400_000);
  const engine = new OrgEngine({ geo: () => geo });
  const policy = { ...EMPTY_POLICY, allow: truth.allow };
  const findings: Finding[] = [];
  const started = performance.now();
  for (let i = 0; i < events.length; i += 500) findings.push(...engine.run(events.slice(i, i + 500).map((e) => wire(e, received)), policy));
  const seconds = (performance.now() - started) / 1000;
  const findingsByJob: Record<string, number> = {};
  for (const f of findings) findingsByJob[f.job] = (findingsByJob[f.job] ?? 0) + 1;
  return { truth, events: events.length, scores: evaluate(findings, truth.attacks), findingsByJob, findings, seconds };
}

/** `bulwark anomaly generate`: the events (NDJSON lines) and the ground truth. */
export function generateLogs(opts: GenerateOptions = {}, paths: GeoPaths = {}): { events: Array<Record<string, unknown>>; truth: Truth } {
  return generate(openGeo(paths), opts);
}
