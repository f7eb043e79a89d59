#!/usr/bin/env node
// Launcher: runs the compiled CLI. `npm run build` makes dist/.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/dynodeck.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('dynodeck: not built yet; run "npm run build" (or "npm start") first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
