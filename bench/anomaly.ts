// `npm run bench:anomaly`: events/s on one core through every security analytics job (anomaly
// module) with 100,000 users and as many hosts, memory per entity, and the saved state per entity;
// beside bare JSON.parse of the same events in the same run. Events are already normalised (OCSF
// projection built here), so the figure is the jobs' own cost; ingest's normalisation is measured by
// bench:ingest.
import { describeMachine, machine } from './lib/machine.ts';
import { prng } from '../packages/server/src/modules/anomaly/baselines/index.ts';
import { OrgEngine } from '../packages/server/src/modules/anomaly/engine.ts';
import { intToIpv4, openGeo } from '../packages/server/src/modules/anomaly/geo/geo.ts';
import { EMPTY_POLICY } from '../packages/server/src/modules/anomaly/policy.ts';
import type { EventWire } from '../packages/server/src/modules/ingest/index.ts';

const USERS = Number(process.env['BENCH_ENTITIES'] ?? 100_000);
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;

console.log(describeMachine(machine()));
const geo = openGeo();
const rnd = prng(1);
const countries = ['DE', 'FR', 'NL', 'AT', 'US', 'GB', 'IT', 'ES', 'PL', 'SE'];
const ips = countries.flatMap((c) => geo.rangesOf!(c).slice(0, 40).map(([a, b]) => intToIpv4(a + Math.floor(rnd() * (b - a)))));
const procs = ['explorer.exe', 'chrome.exe', 'outlook.exe', 'teams.exe', 'excel.exe', 'winword.exe', 'svchost.exe', 'powershell.exe', 'code.exe', 'git.exe'];
const groups = ['finance', 'hr', 'engineering', 'it', 'sales', 'legal'];
const t0 = Date.parse('2026-01-05T00:00:00Z');
const span = 3 * 86_400_000;

function event(i: number): EventWire {
  const u = i % USERS;
  const user = `user${u}`;
  const host = `ws-${u}`;
  const time = t0 + Math.floor((i / EVENTS) * span);
  const kind = Math.floor(i / USERS) % 4;
  const base = { eventId: `e${i}`, time: new Date(time).toISOString(), receivedAt: new Date(time).toISOString(), source: 'bench', format: 'json' as const, severityId: 1, message: null };
  const meta = { version: '1.3.0', product: {} };
  if (kind === 0 || kind === 2) {
    const ok = rnd() > 0.05;
    const native = { user: { name: user, group: { name: groups[u % groups.length] } } };
    return { ...base, classUid: 3002, native, ocsf: { class_uid: 3002, class_name: 'Authentication', category_uid: 3, activity_id: 1, type_uid: 300201, time, severity_id: 1, severity: 'Informational', status_id: ok ? 1 : 2, metadata: meta, user: { name: user }, device: { hostname: host }, src_endpoint: { ip: ips[(u * 7 + (rnd() < 0.9 ? 0 : 1)) % ips.length]! } } };
  }
  if (kind === 1) {
    return { ...base, classUid: 1007, native: {}, ocsf: { class_uid: 1007, class_name: 'Process Activity', category_uid: 1, activity_id: 1, type_uid: 100701, time, severity_id: 1, severity: 'Informational', metadata: meta, device: { hostname: host }, actor: { user: { name: user } }, process: { name: procs[Math.floor(rnd() * procs.length)]! } } };
  }
  const native = { source: { bytes: Math.floor(rnd() * 5_000_000) }, user: { name: user, group: { name: groups[u % groups.length] } } };
  return { ...base, classUid: 4001, native, ocsf: { class_uid: 4001, class_name: 'Network Activity', category_uid: 4, activity_id: 1, type_uid: 400101, time, severity_id: 1, severity: 'Informational', metadata: meta, device: { hostname: host }, actor: { user: { name: user } }, dst_endpoint: { ip: ips[Math.floor(rnd() * ips.length)]!, hostname: `srv-${Math.floor(rnd() * 50)}` } } };
}

const events = Array.from({ length: EVENTS }, (_, i) => event(i));
const lines = events.map((e) => JSON.stringify(e));
console.log(`events   ${EVENTS} (${USERS} users, ${USERS} hosts, authentication/process/network, 3 days; ${(lines.reduce((n, l) => n + l.length, 0) / 2 ** 20).toFixed(0)} MiB of JSON)`);

let parseMs = Infinity;
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  for (const l of lines) JSON.parse(l);
  parseMs = Math.min(parseMs, performance.now() - t);
}

gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const engine = new OrgEngine({ geo: () => geo });
let findings = 0;
const t = performance.now();
for (let i = 0; i < events.length; i += 1000) findings += engine.run(events.slice(i, i + 1000), EMPTY_POLICY).length;
const jobsMs = performance.now() - t;
gc?.();
const heapAfter = process.memoryUsage().heapUsed;
const entities = engine.entities;
const ts = performance.now();
const rows = engine.changed(true);
const stateBytes = rows.reduce((n, r) => n + JSON.stringify(r.state).length, 0);
const snapMs = performance.now() - ts;

const perSec = (ms: number) => Math.round(EVENTS / (ms / 1000)).toLocaleString('en');
console.log(`JSON.parse          ${perSec(parseMs)} events/s (bare parse of the same events, best of 3)`);
console.log(`all jobs, one core  ${perSec(jobsMs)} events/s (${engine.jobs.length} jobs, first pass: entities created and learning; ${findings} findings)`);
console.log(`entities            ${entities.toLocaleString('en')} (job × entity states: ${engine.jobs.map((j) => `${j.info.name} ${j.size}`).join(', ')})`);
console.log(`memory              ${gc ? `${Math.round((heapAfter - heapBefore) / entities)} bytes per job-entity state, ${Math.round((heapAfter - heapBefore) / (2 * USERS))} bytes per user or host (heap growth after GC)` : 'run with --expose-gc for memory figures'}`);
console.log(`saved state         ${Math.round(stateBytes / entities)} bytes of JSON per job-entity state, ${rows.length} rows (job × partition), written in ${(snapMs / 1000).toFixed(1)} s`);
