#!/usr/bin/env node
// Runs bench/github-budget/main.ts (TypeScript: it reuses the GitHub-like test server and
// the GitHub service), bundled on the fly with esbuild, which the build already uses.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(path.join(root, 'dist'), { recursive: true });
// Inside the project (dist/ is not committed) so the bundle finds node_modules.
const out = mkdtempSync(path.join(root, 'dist', 'bench-'));
const file = path.join(out, 'main.mjs');
try {
  await build({
    entryPoints: [path.join(root, 'bench/github-budget/main.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  await import(pathToFileURL(file).href);
} finally {
  rmSync(out, { recursive: true, force: true });
}
