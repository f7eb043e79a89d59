// The build's patch of Ink (scripts/ink-frame-caches.mjs) keeps what Ink measured and tokenised
// for one frame for the next: the frames it draws must be exactly Ink's own, frame after frame,
// whether the text changed, repeated or moved; and a different Ink must fail the build.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without types
import { inkFrameCaches, patchInkSource } from '../../scripts/ink-frame-caches.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Frames drawn one after another in one process, as a deck draws them: styles, wide characters,
// a clipped box, borders, truncation, and text that changes, comes back and moves.
const FRAMES = `
import React from 'react';
import { Box, Text, renderToString } from 'ink';
const h = React.createElement;
const screen = (n) =>
  h(Box, { flexDirection: 'column', width: 60 },
    h(Box, { borderStyle: n % 2 ? 'bold' : 'round', borderColor: n % 2 ? 'cyan' : 'gray', width: 60, height: 6, overflow: 'hidden' },
      h(Text, { wrap: 'truncate-end' }, h(Text, { color: 'green', bold: n === 1 }, 'row ' + (n % 3)), ' 漢字 and ', h(Text, { inverse: true }, 'x'.repeat(70 + n)))),
    h(Box, { marginLeft: n % 4 },
      h(Text, { color: 'red' }, 'moved ' + '🚀'.repeat(n % 3)),
      h(Text, { underline: true }, ' same text')),
    n % 2 ? h(Box, { position: 'absolute', marginTop: 1, marginLeft: 5, width: 20, height: 3, borderStyle: 'single', backgroundColor: 'blue' }, h(Text, null, 'over 漢')) : null);
const frames = [];
for (let n = 0; n < 12; n++) frames.push(renderToString(screen(n % 5), { columns: 60 }));
process.stdout.write(JSON.stringify(frames));
`;

let work: string;

async function framesDrawn(patched: boolean): Promise<string[]> {
  const entry = path.join(work, 'frames.mjs');
  const outfile = path.join(work, patched ? 'patched.mjs' : 'plain.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    nodePaths: [path.join(ROOT, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-devtools-core': path.join(ROOT, 'scripts/devtools-stub.js') },
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    plugins: patched ? [inkFrameCaches()] : [],
    logLevel: 'silent',
  });
  const { stdout } = await execa(process.execPath, [outfile], { env: { CI: 'false' } });
  return JSON.parse(stdout) as string[];
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ink-caches-'));
  await writeFile(path.join(work, 'frames.mjs'), FRAMES);
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe("the build's patch of Ink", () => {
  it('draws every frame exactly as Ink does, frame after frame', async () => {
    const plain = await framesDrawn(false);
    const patched = await framesDrawn(true);
    expect(plain.length).toBe(12);
    expect(new Set(plain).size).toBeGreaterThan(4);
    expect(patched).toEqual(plain);
    // The patched bundle is Ink with the caches (the plugin did apply).
    const bundle = await readFile(path.join(work, 'patched.mjs'), 'utf8');
    expect(bundle).toContain('cachedWidestLine(text)');
    expect(bundle).toContain('sharedOutputCaches()');
    expect(bundle).toContain('cachedSliceAnsi(line, from, to)');
  }, 60_000);

  it('refuses an Ink whose source is not the one it was written for', () => {
    expect(() => patchInkSource('output.js', 'export default class Output {}')).toThrow(/ink\/build\/output\.js/);
    expect(patchInkSource('colorize.js', 'same')).toBe('same');
  });
});
