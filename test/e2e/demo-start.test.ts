// `dynodeck demo` in a real terminal: the first run sets the demo up (deploy, promote) and
// opens the deck with staging and production live; after `dynodeck engine stop` the next run
// opens the deck at once while the engine brings both back, shows them live once they are,
// and finds the engine's CloudWatch (not the last run's endpoint before the engine serves it).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, spawnDeck, type PtyDeck } from '../helpers/pty-deck.js';
import { stopEngine } from '../../src/engine/engine-control.js';

let work: string;
let demo: string;
let deck: PtyDeck | undefined;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-e2e-demo-start-'));
  demo = path.join(work, 'demo');
});

afterAll(async () => {
  deck?.kill();
  await stopEngine(demo);
  await rm(work, { recursive: true, force: true });
}, 60_000);

const bothLive = (screen: string) =>
  /staging\s+v1 [0-9a-f]{7} .*\b2 up\b/.test(screen) && /production\s+v1 [0-9a-f]{7} .*\b2 up\b/.test(screen);

async function quit(open: PtyDeck) {
  open.write('q');
  expect(await open.exited()).toBe(0);
}

/** How many release-phase outputs the engine keeps: one per release phase it ran. */
const releasePhaseOutputs = async () => (await readdir(path.join(demo, '.dynodeck', 'engine', 'outputs'))).length;

describe('dynodeck demo', () => {
  it('on the first run opens the deck with staging and production live at v1', async () => {
    deck = spawnDeck(['demo', '--dir', demo], { cwd: work, cols: 170, rows: 48 });
    await deck.waitForScreen(bothLive, 120_000);
    await quit(deck);
  }, 150_000);

  it('after engine stop opens the deck, shows both live again and reads the engine’s CloudWatch, without re-running a release phase', async () => {
    const outputs = await releasePhaseOutputs();
    const stopped = await execa(process.execPath, [CLI, 'engine', 'stop'], { cwd: demo });
    expect(stopped.stdout).toContain('engine stopped');

    deck = spawnDeck(['demo', '--dir', demo], { cwd: work, cols: 170, rows: 48 });
    await deck.waitForScreen(bothLive, 60_000);
    const header = await deck.waitForScreen((s) => /cloudwatch ✓/.test(s.split('\n')[0] ?? ''), 60_000);
    expect(header).not.toContain('cannot reach');
    await quit(deck);
    expect(await releasePhaseOutputs()).toBe(outputs);
  }, 150_000);
});
