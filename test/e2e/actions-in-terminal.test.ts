// The deck in a real terminal on the demo and its local engine: one-key deploys with the
// test gate, scaling, tailing and filtering logs, and a rollback. A deploy runs the demo's
// tests, a build and a release phase for real, so its waits are bounded generously: on a
// loaded 2-core machine one takes a minute.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Heroku from '@heroku-cli/schema';
import { spawnDeck, type PtyDeck } from '../helpers/pty-deck.js';
import { findEngine, stopEngine } from '../../src/engine/engine-control.js';
import { createHerokuApi } from '../../src/services/heroku/heroku-api.js';

let work: string;
let demo: string;
let deck: PtyDeck;
const DEPLOY_MS = 90_000;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-e2e-actions-'));
  demo = path.join(work, 'demo');
  deck = spawnDeck(['demo', '--dir', demo], { cwd: work, cols: 170, rows: 50 });
  await deck.waitForScreen(/staging\s+v1 [0-9a-f]{7}/, DEPLOY_MS);
}, 2 * DEPLOY_MS);
afterAll(async () => {
  deck?.kill();
  await stopEngine(demo);
  await rm(work, { recursive: true, force: true });
});

const row = (screen: string, name: string) =>
  screen.split('\n').find((l) => l.includes(` ${name} `) || l.includes(`› ${name}`)) ?? '';

/** The environment's row shows the release and the message line says the deploy is done. */
const deployed = (name: string, version: number) => (screen: string) =>
  new RegExp(`v${version} [0-9a-f]{7}`).test(row(screen, name)) &&
  screen.includes(`${name}: ✓ deploy done (v${version})`);

describe('one-key actions in a real terminal', () => {
  it(
    'deploys a ticket branch to a box through the test gate and the ticket shows it is on that box',
    async () => {
      deck.write('2');
      deck.write('kk'); // staging is selected at start; box-1 is two rows up
      await deck.waitForScreen('› box-1');
      deck.write('d');
      await deck.waitForScreen('Deploy to box-1: which branch?');
      deck.write('j\r'); // the first ticket branch: bc-102-product-search
      await deck.waitForScreen(deployed('box-1', 1), DEPLOY_MS);
      // where a ticket's code lives is worked out on the next refresh of the environments
      const located = await deck.waitForScreen(/BC-102 .* on box-1 /, 30_000);
      expect(row(located, 'BC-102')).toContain('on box-1');
    },
    2 * DEPLOY_MS,
  );

  it(
    'a ticket branch with a failing test is stopped by the gate, with the reason on screen',
    async () => {
      deck.write('j');
      await deck.waitForScreen('› box-2');
      deck.write('d');
      await deck.waitForScreen('Deploy to box-2: which branch?');
      deck.write('jjj\r'); // bc-104-stock-levels, whose new test fails
      // the reason under the list for the selected environment, or in its note when the
      // pane has no room to spare for that line
      const failed = await deck.waitForScreen(
        /box-2: ✗ deploy failed: stopped by the test gate: tests failed \(exit status 1\)|✗ deploy failed: stopped by the test gate/,
        DEPLOY_MS,
      );
      expect(row(failed, 'box-2')).toMatch(/box-2\s+no release/);
    },
    2 * DEPLOY_MS,
  );

  it('scales staging web to 2 from the scale dialog, confirming with y', async () => {
    deck.write('j');
    await deck.waitForScreen('› staging');
    deck.write('s');
    await deck.waitForScreen('Scale staging');
    deck.write('2\r');
    await deck.waitForScreen('scale staging to web=2 worker=1?');
    deck.write('y');
    await deck.waitForScreen(/staging\s+v1 .*web=2 worker=1\s+3 up/, 60_000);
  }, 90_000);

  it('tails staging and filters the logs to the lines that match', async () => {
    const engine = (await findEngine(demo))!;
    const api = createHerokuApi({ url: engine.url, token: engine.token });
    const staging = (await api.client.get('/apps/brightcart-staging')) as Heroku.App;
    for (const page of ['products', 'products/linen-apron', 'nope'])
      await (await fetch(`${staging.web_url}${page}`)).text();
    await deck.waitForScreen('path="/products/linen-apron"');
    deck.write('3');
    deck.write('/');
    deck.write('linen\r');
    const filtered = await deck.waitForScreen(/filter: \/linen\//);
    // the Logs pane is the left part of the bottom row (up to the Alerts pane's frame); a cut line (…) may hide its match
    const logLines = filtered
      .split('\n')
      .map((l) => l.split(/[│┃][│┃]/)[0]!)
      .filter((l) => /\d\d:\d\d:\d\d\.\d{3} /.test(l));
    expect(logLines.some((l) => l.includes('GET /products/linen-apron'))).toBe(true);
    expect(logLines.filter((l) => !l.toLowerCase().includes('linen') && !l.includes('…'))).toEqual([]);
    deck.write('\u001b'); // clear the filter
    await deck.waitForScreen('path="/nope"');
  }, 90_000);

  it(
    'rolls a box back to its earlier release',
    async () => {
      deck.write('2');
      deck.write('kk');
      await deck.waitForScreen('› box-1');
      deck.write('d');
      await deck.waitForScreen('Deploy to box-1: which branch?');
      deck.write('\r'); // main
      await deck.waitForScreen(deployed('box-1', 2), DEPLOY_MS);
      deck.write('R');
      await deck.waitForScreen(/› v1 /);
      deck.write('\r');
      // the outcome under the list, or in box-1's note when every environment has a note and the pane has no room
      await deck.waitForScreen(
        (screen) => /v3 [0-9a-f]{7}/.test(row(screen, 'box-1')) && screen.includes('✓ rollback done (v3)'),
        DEPLOY_MS,
      );
    },
    3 * DEPLOY_MS,
  );
});
