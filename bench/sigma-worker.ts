// One benchmark worker: compiles the rules, parses its share of the events (untimed), then matches
// them all (timed) and reports the count of events, matches and the matching time.
import { parentPort, workerData } from 'node:worker_threads';
import { compilePack } from '../packages/server/src/modules/detect/sigma/compile.ts';
import { RuleRouter } from '../packages/server/src/modules/detect/sigma/logsources.ts';
import { fieldResolver } from '../packages/server/src/modules/detect/sigma/resolver.ts';

const { rules, lines } = workerData as { rules: string[]; lines: string[] };
const pack = await compilePack(rules);
const router = new RuleRouter(pack.rules);
const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
const start = performance.now();
let matches = 0;
for (const e of events) matches += router.match(fieldResolver(e)).length;
parentPort!.postMessage({ events: events.length, matches, ms: performance.now() - start });
