// One benchmark worker: compiles the rules, parses its share of the events and warms up on a few
// thousand of them (untimed, as the one-core run does), then matches them all (timed, best of two) and
// reports the count of events, matches and the matching time.
import { parentPort, workerData } from 'node:worker_threads';
import { compilePack } from '../packages/server/src/modules/detect/sigma/compile.ts';
import { RuleRouter } from '../packages/server/src/modules/detect/sigma/logsources.ts';
import { fieldResolver } from '../packages/server/src/modules/detect/sigma/resolver.ts';

const { rules, lines } = workerData as { rules: string[]; lines: string[] };
const pack = await compilePack(rules);
const router = new RuleRouter(pack.rules);
const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
for (const e of events.slice(0, 5000)) router.match(fieldResolver(e));
let ms = Infinity;
let matches = 0;
for (let i = 0; i < 2; i++) {
  matches = 0;
  const start = performance.now();
  for (const e of events) matches += router.match(fieldResolver(e)).length;
  ms = Math.min(ms, performance.now() - start);
}
parentPort!.postMessage({ events: events.length, matches, ms });
