// `n` in a real terminal: the deck hands the terminal to $EDITOR (a small script that reads
// the title typed at the keyboard, so it proves every key reaches the editor) and takes it
// back drawn: Ink's frame and the Logs pane's rows, which the row writer draws. The
// environments come from a Heroku-like server; its log tail keeps pushing lines while the
// editor is open, and none of them may be drawn over the editor.
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, spawnDeck, type PtyDeck } from '../helpers/pty-deck.js';
import { createHerokuTestServer, type HerokuTestServer } from '../heroku-server/index.js';
import { createGitHubTestServer, type GitHubTestServer } from '../github-server/index.js';
import { waitFor } from '../helpers/wait-for-frame.js';

let work: string;
let heroku: HerokuTestServer;
let running: PtyDeck | undefined;

// Reads the title from the keyboard, then fills the template the deck gave it ($1).
const EDITOR = `#!/bin/sh
printf 'EDITOR OPEN: title? '
IFS= read -r title
sed -i -e "s/^title: \\$/title: $title/" -e 's/^- \\[ \\] $/- [ ] Orders download as CSV\\n- [ ] Totals in cents/' "$1"
`;

beforeAll(async () => {
  if (!existsSync(path.join(path.dirname(CLI), '..', 'dist', 'dynodeck.js')))
    throw new Error('run "npm run build" before the end-to-end tests');
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-e2e-new-ticket-'));
  await writeFile(path.join(work, 'editor.sh'), EDITOR);
  await chmod(path.join(work, 'editor.sh'), 0o755);
  heroku = await createHerokuTestServer({
    stepMs: 10,
    pipeline: { name: 'shop' },
    apps: [{ name: 'shop-staging', stage: 'staging', releases: [{ commit: 'a'.repeat(40) }] }],
  });
});
afterEach(() => running?.kill());
afterAll(async () => {
  await heroku?.close();
  await rm(work, { recursive: true, force: true });
});

async function project(name: string, yml: string): Promise<string> {
  const dir = path.join(work, name);
  await mkdir(path.join(dir, 'tickets'), { recursive: true });
  await writeFile(path.join(dir, 'dynodeck.yml'), yml);
  await writeFile(path.join(dir, '.gitignore'), '.dynodeck/\n');
  const git = (...args: string[]) =>
    execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
    });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'start');
  return dir;
}

const deckEnv = (extra: Record<string, string> = {}) => ({
  EDITOR: path.join(work, 'editor.sh'),
  VISUAL: '',
  HEROKU_API_URL: heroku.url,
  HEROKU_API_KEY: heroku.token,
  ...extra,
});

describe('n in a real terminal', () => {
  it('hands the terminal to $EDITOR, files the markdown ticket, and comes back fully drawn with it selected', async () => {
    const dir = await project('markdown', 'project: shop\nplatform: { kind: heroku, pipeline: shop }\n');
    await writeFile(
      path.join(dir, 'tickets', 'BC-108-orders.md'),
      '---\nid: BC-108\ntitle: Keep order history\ncomplexity: complex\n---\n',
    );
    heroku.pushLog(
      'shop-staging',
      ...Array.from({ length: 5 }, (_, i) => `2026-12-02T10:00:0${i}+00:00 app[web.1]: before ${i}`),
    );
    const deck = (running = spawnDeck([], { cwd: dir, cols: 140, rows: 40, env: deckEnv() }));
    const first = await deck.waitForScreen(
      (s) => s.includes('BC-108') && s.includes('before 4') && s.includes('staging'),
    );
    // Heroku's RateLimit-Remaining, as the header shows it.
    expect(first.split('\n')[0]).toMatch(/API \d{1,2},\d{3} left · /);

    deck.write('n');
    const editing = await deck.waitForScreen('EDITOR OPEN: title?');
    expect(deck.isAlternateScreen()).toBe(false);
    expect(editing).not.toContain('1 Tickets');
    // The log tail goes on while the editor has the terminal; nothing may be drawn over it.
    await waitFor(() => heroku.openLogStreams() > 0 || undefined, 'the log tail to be open');
    heroku.pushLog('shop-staging', '2026-12-02T10:00:09+00:00 app[web.1]: while editing');
    // A negative: the line must not show while the editor is open. The deck publishes log lines
    // every 100 ms, so a deck that drew over the editor would show it well within this bound.
    await expect(deck.waitForScreen((s) => /while editing|Tickets|Logs/.test(s), 1500)).rejects.toThrow(
      /the screen to show/,
    );
    expect(deck.screen()).toContain('EDITOR OPEN: title?');

    deck.write('Export orders: as CSV\r');
    const back = await deck.waitForScreen(
      (s) => s.includes('BC-109 created: tickets/BC-109-export-orders-as-csv.md') && s.includes('while editing'),
    );
    expect(deck.isAlternateScreen()).toBe(true);
    for (const title of ['1 Tickets', '2 Environments', '3 Logs', '4 Alerts', 'Logs · staging'])
      expect(back).toContain(title);
    expect(back).toContain('before 4');
    expect(back).not.toContain('EDITOR OPEN');
    expect(back).toMatch(/› BC-109 Export orders: as CSV/);
    expect(await readFile(path.join(dir, 'tickets', 'BC-109-export-orders-as-csv.md'), 'utf8')).toBe(
      '---\nid: BC-109\ntitle: "Export orders: as CSV"\ncomplexity: standard\nbranch: bc-109-export-orders-as-csv\n---\n' +
        '## Acceptance criteria\n- [ ] Orders download as CSV\n- [ ] Totals in cents\n',
    );
    deck.write('q');
    expect(await deck.exited()).toBe(0);
  });

  it('an empty title cancels, says so, and leaves no draft', async () => {
    const dir = await project('cancel', 'project: shop\n');
    const deck = (running = spawnDeck([], { cwd: dir, cols: 120, rows: 36, env: deckEnv() }));
    await deck.waitForScreen('1 Tickets');
    deck.write('n');
    await deck.waitForScreen('EDITOR OPEN: title?');
    deck.write('\r');
    const back = await deck.waitForScreen('new ticket cancelled: the title was empty');
    expect(back).toContain('1 Tickets');
    expect(deck.isAlternateScreen()).toBe(true);
    expect(existsSync(path.join(dir, '.dynodeck', 'new-ticket.md'))).toBe(false);
    deck.write('q');
    expect(await deck.exited()).toBe(0);
  });

  it('Ctrl+C in the editor stops the editor, not the deck, and the draft is kept', async () => {
    const dir = await project('interrupt', 'project: shop\n');
    const deck = (running = spawnDeck([], { cwd: dir, cols: 140, rows: 36, env: deckEnv() }));
    await deck.waitForScreen('1 Tickets');
    deck.write('n');
    await deck.waitForScreen('EDITOR OPEN: title?');
    deck.write('\u0003');
    const back = await deck.waitForScreen(
      /the editor ".*editor\.sh" (exited with 130|was stopped by SIGINT): nothing created/,
    );
    expect(back).toContain('1 Tickets');
    expect(deck.isAlternateScreen()).toBe(true);
    expect(existsSync(path.join(dir, '.dynodeck', 'new-ticket.md'))).toBe(true);
    deck.write('q');
    expect(await deck.exited()).toBe(0);
  });

  it('with GitHub issues as tickets, creates the issue with its complexity label and shows it', async () => {
    let github: GitHubTestServer | undefined;
    try {
      github = await createGitHubTestServer({ issues: [{ title: 'Older issue' }] });
      const dir = await project('github', 'project: shop\ntickets: { source: github }\ngithub: { repo: acme/shop }\n');
      const deck = (running = spawnDeck([], {
        cwd: dir,
        cols: 140,
        rows: 36,
        env: deckEnv({ GITHUB_API_URL: github.url, GITHUB_TOKEN: github.token, GH_TOKEN: '' }),
      }));
      await deck.waitForScreen('Older issue');
      deck.write('n');
      await deck.waitForScreen('EDITOR OPEN: title?');
      deck.write('Export orders\r');
      const back = await deck.waitForScreen((s) => /#2 created: http\S*\/acme\/shop\/issues\/2/.test(s));
      expect(back).toMatch(/› #2 +Export orders/);
      const issue = github.world.issue(2);
      expect(issue.title).toBe('Export orders');
      expect(issue.labels).toEqual(['complexity: standard']);
      expect(issue.body).toBe('## Acceptance criteria\n- [ ] Orders download as CSV\n- [ ] Totals in cents');
      deck.write('q');
      expect(await deck.exited()).toBe(0);
    } finally {
      await github?.close();
    }
  });
});
