#!/usr/bin/env node
// Launcher: checks the Node version, then runs the compiled CLI. `npm run build` makes dist/.
import { existsSync } from 'node:fs';
import { nodeVersionProblem } from './node-version.js';

const tooOld = nodeVersionProblem(process.versions.node);
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exit(2);
}
const entry = new URL('../dist/dynodeck.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('dynodeck: not built yet; run "npm run build" (or "npm start") first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
