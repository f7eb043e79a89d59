// Key stories in a real terminal on the demo: the : line, a remapped key, a read-only
// environment, zoom, and a dialog drawn over the deck with the panes still in view.
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, spawnDeck, type PtyDeck } from '../helpers/pty-deck.js';
import { stopEngine } from '../../src/engine/engine-control.js';

let work: string;
let demo: string;
let deck: PtyDeck;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-e2e-commands-'));
  demo = path.join(work, 'demo');
  // Without a terminal, `demo` creates the project and starts its environments, then stops short of the deck.
  await execa(process.execPath, [CLI, 'demo', '--dir', demo], { cwd: work, reject: false, env: { CI: 'false' } });
  await appendFile(path.join(demo, 'dynodeck.yml'), '\nreadOnly: [production]\nkeys:\n  zoom: Z\n');
  deck = spawnDeck([], { cwd: demo, cols: 160, rows: 48 });
  await deck.waitForScreen(/staging\s+v1 [0-9a-f]{7}/, 30_000);
}, 90_000);

afterAll(async () => {
  deck?.kill();
  await stopEngine(demo);
  await rm(work, { recursive: true, force: true });
});

/** The deck's last line: the footer, or the : line while it is open. */
const footer = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';

describe('commands in a real terminal', () => {
  it('the header says which environments are read-only', () => {
    expect(deck.screen().split('\n')[0]).toContain('READ-ONLY: production');
  });

  it(':scale takes the CLI words and asks for the same confirmation as the key', async () => {
    deck.write(':');
    await deck.waitForScreen(/^:\s/m);
    deck.write('scale staging web=2 worker-1\r');
    await deck.waitForScreen('scale staging to web=2 worker=0?');
    deck.write('y');
    await deck.waitForScreen(/staging\s+v1 .*web=2 worker=0/, 30_000);
  }, 40_000);

  it('a refused : command keeps the line open with the reason', async () => {
    deck.write(':restart production\r');
    await deck.waitForScreen(/:restart production\s+production is read-only \(readOnly in dynodeck\.yml\)/);
    deck.write('\u001b');
    await deck.waitForScreen((screen) => footer(screen).startsWith(' Tickets '));
  });

  it('a key on a read-only environment says why in the footer', async () => {
    deck.write('2');
    deck.write('G'); // production is the last row
    await deck.waitForScreen('› production');
    deck.write('r');
    await deck.waitForScreen('restart: production is read-only (readOnly in dynodeck.yml)');
  });

  it('a dialog is drawn over the deck: the panes stay in view around it', async () => {
    deck.write('k');
    await deck.waitForScreen('› staging');
    deck.write('r');
    const screen = await deck.waitForScreen('Restart on staging:');
    for (const title of ['1 Tickets', '2 Environments', '3 Logs', '4 Alerts']) expect(screen).toContain(title);
    deck.write('\u001b');
    await deck.waitForScreen((s) => !s.includes('Restart on staging:') && footer(s).startsWith(' Environments '));
  });

  it('the remapped zoom key zooms the Logs pane to the whole screen and back; the old key does nothing', async () => {
    deck.write('3');
    deck.write('z');
    deck.write('Z');
    const zoomed = await deck.waitForScreen((s) => s.includes('3 Logs') && !s.includes('1 Tickets'));
    expect(zoomed).not.toContain('4 Alerts');
    deck.write('Z');
    await deck.waitForScreen((s) => s.includes('1 Tickets') && s.includes('4 Alerts'));
  });
});
