// The built CLI in a real pseudo-terminal, on the demo project.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, spawnDeck, type PtyDeck } from '../helpers/pty-deck.js';
import { stopEngine } from '../../src/engine/engine-control.js';

let work: string;
let running: PtyDeck | undefined;
beforeAll(async () => {
  if (!existsSync(path.join(path.dirname(CLI), '..', 'dist', 'dynodeck.js')))
    throw new Error('run "npm run build" before the end-to-end tests');
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-e2e-'));
});
afterEach(() => running?.kill());
afterAll(async () => {
  // `dynodeck demo` leaves the demo's environments running, as it should for a user.
  await stopEngine(path.join(work, 'demo'));
  await rm(work, { recursive: true, force: true });
});

const FIRST_RUN_MS = 90_000;

describe('dynodeck in a real terminal', () => {
  it(
    'opens the demo, moves focus, opens a ticket, survives a resize and quits to the normal screen',
    async () => {
      const deck = (running = spawnDeck(['demo', '--dir', path.join(work, 'demo')], {
        cwd: work,
        cols: 120,
        rows: 36,
      }));
      // A first run makes the demo for real (git, initdb, a build, a deploy and a promotion) before the deck opens.
      // BC-101's fix shows "merged" only until the environments are read, and then "in production" for good:
      // waiting for the lasting state, not the passing one, which a loaded machine may never draw.
      const first = await deck.waitForScreen(/BC-101.*in production/, FIRST_RUN_MS);
      for (const title of ['1 Tickets', '2 Environments', '3 Logs', '4 Alerts', 'brightcart'])
        expect(first).toContain(title);
      expect(first).toMatch(/BC-102.*in progress/);
      expect(deck.isAlternateScreen()).toBe(true);

      deck.write('\t');
      await deck.waitForScreen(' Environments   ');
      deck.write('1');
      await deck.waitForScreen(' Tickets   ');
      deck.write('j');
      await deck.waitForScreen('› BC-102');
      deck.write('\r');
      const detail = await deck.waitForScreen('Acceptance criteria');
      expect(detail).toContain('Ticket BC-102');
      expect(detail).toMatch(/\d+ ahead, \d+ behind main/);
      deck.write('\u001b');
      // "2 Environments" shows beside the detail too: wait for the detail to be gone.
      await deck.waitForScreen((screen) => screen.includes('2 Environments') && !screen.includes('Ticket BC-102'));

      deck.resize(70, 20);
      await deck.waitForScreen('needs a terminal of at least 80x24; this one is 70x20');
      deck.resize(100, 30);
      const relaid = await deck.waitForScreen('4 Alerts');
      expect(relaid.split('\n').every((line) => line.length <= 100)).toBe(true);

      deck.write('q');
      expect(await deck.exited()).toBe(0);
      expect(deck.isAlternateScreen()).toBe(false);
    },
    FIRST_RUN_MS + 30_000,
  );

  it('a SIGTERM leaves the alternate screen too', async () => {
    const deck = (running = spawnDeck(['demo', '--dir', path.join(work, 'demo')], { cwd: work }));
    await deck.waitForScreen('1 Tickets');
    deck.kill();
    await deck.exited();
    expect(deck.isAlternateScreen()).toBe(false);
  });

  it('a bad dynodeck.yml draws nothing and prints one line pointing at it', async () => {
    const project = await mkdtemp(path.join(work, 'bad-'));
    await writeFile(path.join(project, 'dynodeck.yml'), 'project: shop\ntickets:\n  dri: tickets\n');
    const deck = (running = spawnDeck([], { cwd: project }));
    expect(await deck.exited()).toBe(2);
    expect(deck.isAlternateScreen()).toBe(false);
    expect(deck.screen().trim()).toBe('dynodeck.yml:3:3: tickets.dri: unknown key (did you mean "dir"?)');
  });
});
