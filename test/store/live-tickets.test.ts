import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeckStore } from '../../src/store/create-deck-store.js';
import { startPollers } from '../../src/store/start-pollers.js';
import { createMarkdownTicketSource } from '../../src/services/tickets/markdown-ticket-source.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { memoryCodeHost } from '../helpers/render-deck.js';
import { waitFor } from '../helpers/wait-for-frame.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-live-'));
  await mkdir(path.join(root, 'tickets'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const ticket = (title: string) => `---\nid: L-1\ntitle: ${title}\ncomplexity: trivial\nbranch: l-1\n---\n`;

describe('tickets while the deck runs', () => {
  it('an edit to a ticket file reaches the store and the branch it names is looked up', async () => {
    await writeFile(path.join(root, 'tickets', 'L-1.md'), ticket('First title'));
    const clock = createFakeClock();
    const tickets = createMarkdownTicketSource({ root, dir: 'tickets' });
    const asked: string[][] = [];
    const code = memoryCodeHost([{ name: 'l-2', exists: true, ahead: 1, behind: 0, merged: false }]);
    const spyCode = { ...code, branches: (names: readonly string[]) => (asked.push([...names]), code.branches(names)) };
    const store = createDeckStore({ project: 'p', root, services: { tickets, code: spyCode }, clock });
    const stop = startPollers(store, {
      clock,
      tickets,
      codeHostName: 'git',
      intervals: { ticketsMs: 2000, gitMs: 5000 },
    });

    const poll = (done: () => boolean, what: string) =>
      waitFor(async () => {
        if (done()) return true;
        await clock.advance(500);
        return false;
      }, what);
    await poll(() => store.getState().tickets[0]?.title === 'First title', 'the first title');
    await writeFile(path.join(root, 'tickets', 'L-1.md'), ticket('Second title').replace('l-1', 'l-2'));
    await poll(() => store.getState().tickets[0]?.title === 'Second title', 'the edited title');
    await poll(() => store.getState().branches['l-2']?.ahead === 1, 'the new branch looked up');
    expect(asked.at(-1)).toEqual(['l-2']);
    expect(store.getState().sources.tickets?.lastSuccess).toBeDefined();
    stop();
  });
});
