#!/usr/bin/env node
// Bundles the CLI into one file. Loading Ink and its dependencies as ~400 separate
// modules took ~0.5 s on this kind of machine; one bundled file loads in ~60 ms,
// which is what lets the first frame appear within the 500 ms budget (bench/).
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { inkFrameCaches } from './ink-frame-caches.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [path.join(root, 'src/cli/main.tsx')],
  outfile: path.join(root, 'dist/dynodeck.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  sourcemap: 'linked',
  // Minified, names kept (stack traces and error names read as before): V8 holds the whole
  // source for as long as the deck runs, and a 4.4 MB bundle became 2.1 MB. Measured with
  // bench/log-flood.sh's memory check (100,000 lines retained): 160.8 -> 149.8 MB resident.
  minify: true,
  keepNames: true,
  // React's development build checks every render; users get the production one.
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: { 'react-devtools-core': path.join(root, 'scripts/devtools-stub.js') },
  // Ink keeps what it measured and tokenised for one frame for the next (see the file).
  plugins: [inkFrameCaches()],
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __dynodeckRequire } from 'node:module'; const require = __dynodeckRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// V8 keeps a script's source as one string for as long as it runs: a single non-ASCII
// character (here only in comments and one regex) makes the whole 4 MB bundle a two-byte
// string, 4 MB more resident memory for nothing. esbuild escapes strings, not comments or
// regex literals, so the rest is escaped here (the same text to JavaScript).
const outfile = path.join(root, 'dist/dynodeck.js');
const source = readFileSync(outfile, 'utf8');
const ascii = source.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
if (ascii !== source) writeFileSync(outfile, ascii);
