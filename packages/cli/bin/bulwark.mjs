#!/usr/bin/env node
// The `bulwark` command: runs the built dist/ when present, else the TypeScript sources (Node 24 strips types).
import { existsSync } from 'node:fs';

const dist = new URL('../dist/main.js', import.meta.url);
const entry = existsSync(dist) ? dist : new URL('../src/main.ts', import.meta.url);
let mod;
try {
  mod = await import(entry.href);
} catch (err) {
  if (err && err.code === 'ERR_UNKNOWN_FILE_EXTENSION') {
    process.stderr.write(`bulwark needs Node.js 24 or later to run from source (this is ${process.version}); use \`npx bulwark\` from the repository or build it with \`npm run build -w @bulwark/cli\`.\n`);
    process.exit(1);
  }
  throw err;
}
process.exitCode = await mod.main(process.argv);
