#!/usr/bin/env node
// Launcher: checks the Node version, then runs the compiled CLI. `npm run build` makes dist/.
import { existsSync } from 'node:fs';
import module from 'node:module';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { missingDeckFlags, opensTheDeck } from './deck-node-flags.js';
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
const args = process.argv.slice(2);
// The deck runs with node options that only work on node's command line (deck-node-flags.js):
// node is started again with them in this same process (execve, Node ≥ 22.15), keeping its
// terminal and pid. Where that is not possible the deck runs on without them.
const missing = opensTheDeck(args) ? missingDeckFlags(process.execArgv) : [];
if (missing.length > 0 && typeof process.execve === 'function') {
  try {
    const self = fileURLToPath(import.meta.url);
    process.execve(process.execPath, [process.execPath, ...missing, ...process.execArgv, self, ...args], process.env);
  } catch {
    // not on this platform (Windows): run on as we are
  }
}
// V8 flags that work when set at run time, so other commands need no second start of node.
// The engine (`engine run`, a server apart) keeps V8's defaults.
if (args[0] !== 'engine') {
  // The young generation stays at its first size (semispaces of 2 MB for the deck, see
  // deck-node-flags.js, 1 MB for other commands) instead of a log flood growing it to 16 MB
  // ones: measured (bench/log-flood.sh memory check), 100,000 retained lines then cost ~20 MB
  // less resident memory.
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  // V8 optimizes a function with TurboFan once it has run about 3,000 times its own length.
  // The deck's polls and frames get there slowly, so an idle deck kept compiling for minutes
  // (live demo: 12-19 compiles, 34-92 ms of CPU every 30 s). Four times that count leaves idle
  // code to the baseline compiler; a log flood's code still gets there within a second.
  v8.setFlagsFromString('--invocation-count-for-turbofan=12000');
}
// V8's compiled code for the bundle is kept on disk (Node's compile cache, in the system's
// temporary folder) so later launches skip compiling it: measured, importing the bundle took
// 262-338 ms without and 169-239 ms with a warm cache. A cache that cannot be written is skipped.
module.enableCompileCache?.();
const { main } = await import(entry.href);
process.exitCode = await main(args);
