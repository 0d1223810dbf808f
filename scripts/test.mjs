// `npm test`: the whole suite. Vitest runs every tier; the real-service tier runs when
// BULWARK_TEST_DATABASE_URL / BULWARK_TEST_NATS_URL are set (as .ci/run does) and says when it is skipped.
import { spawnSync } from 'node:child_process';

const args = ['vitest', 'run', ...process.argv.slice(2)];
const res = spawnSync('npx', args, { stdio: 'inherit' });
process.exit(res.status ?? 1);
