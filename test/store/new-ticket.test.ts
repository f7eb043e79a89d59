// `n` in the Tickets pane, below the screen: the command runs the user's editor (a real
// program, through sh, as $EDITOR is run) on the draft, and the store files what was saved
// as a markdown ticket or a GitHub issue, or keeps the draft and says why.
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeckStore, refreshAll, type DeckServices, type DeckStore } from '../../src/store/create-deck-store.js';
import { createMarkdownTicketSource } from '../../src/services/tickets/markdown-ticket-source.js';
import { createMarkdownTicketCreator } from '../../src/services/tickets/markdown-ticket-creator.js';
import { createIssueTicketCreator } from '../../src/services/github/issue-ticket-creator.js';
import { createDraftFile } from '../../src/services/tickets/draft-file.js';
import { runEditor } from '../../src/terminal/run-editor.js';
import { createCommandTable } from '../../src/screens/commands/command-table.js';
import { disabledReason } from '../../src/screens/commands/disabled-reason.js';
import { runLine } from '../../src/screens/commands/run-line.js';
import type { CommandContext } from '../../src/screens/commands/command.js';
import type { AuditEntry } from '../../src/services/audit/audit-log.js';
import type { TicketCreator } from '../../src/services/ports.js';
import { issuesAsTickets } from '../../src/cli/build-services.js';
import { memoryCodeHost } from '../helpers/render-deck.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { waitFor } from '../helpers/wait-for-frame.js';
import { serviceFor, startServer } from '../services/github/helpers.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-new-ticket-'));
  await mkdir(path.join(root, 'tickets'));
  await writeFile(
    path.join(root, 'tickets', 'BC-101-price.md'),
    '---\nid: BC-101\ntitle: Prices\ncomplexity: trivial\n---\n',
  );
  await writeFile(
    path.join(root, 'tickets', 'BC-108-orders.md'),
    '---\nid: BC-108\ntitle: Orders\ncomplexity: complex\n---\n',
  );
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** An editor: a shell script that edits the file it is given with sed, as a user would by hand. */
async function editorScript(name: string, sedProgram: string, then = ''): Promise<string> {
  const file = path.join(root, `${name}.sh`);
  await writeFile(file, `#!/bin/sh\nsed -i -e '${sedProgram}' "$1"\n${then}\n`);
  await chmod(file, 0o755);
  return file;
}

const FILL =
  's/^title: $/title: Export orders: as CSV/; s/^- \\[ \\] $/- [ ] Orders download as CSV\\n- [ ] Totals in cents/';

async function deckWith(opts: {
  editor: string;
  creator?: TicketCreator;
  readOnly?: boolean;
  github?: DeckServices['github'];
}) {
  const audit: AuditEntry[] = [];
  const env = { PATH: process.env.PATH ?? '', EDITOR: opts.editor };
  const tickets = createMarkdownTicketSource({ root, dir: 'tickets' });
  const store: DeckStore = createDeckStore({
    project: 'shop',
    root,
    clock: createFakeClock(),
    readOnly: opts.readOnly ? { all: true, environments: [] } : undefined,
    services: {
      tickets,
      code: memoryCodeHost(),
      audit: { write: async (e) => void audit.push(e) },
      ticketCreator: opts.creator ?? createMarkdownTicketCreator({ root, dir: 'tickets', project: 'shop' }),
      editor: { edit: (file) => runEditor(file, env) },
      ticketDraft: createDraftFile(root),
      github: opts.github,
    },
  });
  await refreshAll(store);
  const table = createCommandTable();
  const ctx: CommandContext = { store, pageSize: 10, split: {} as CommandContext['split'], table, quit: () => {} };
  const press = async () => {
    const before = store.getState().message;
    table.byId('ticket.new')!.run(ctx);
    await waitFor(
      () =>
        !store.getState().editingTicket &&
        store.getState().message !== before &&
        !/…$/.test(store.getState().message?.text ?? ''),
      'the new ticket to be settled',
    );
    return store.getState().message!;
  };
  return { store, audit, press, ctx, table };
}

const draftPath = () => path.join(root, '.dynodeck', 'new-ticket.md');

describe('n: a new markdown ticket', () => {
  it('writes the next id with a file name from the title, shows it selected, and records it', async () => {
    const deck = await deckWith({ editor: await editorScript('fill', FILL) });
    const message = await deck.press();
    expect(message.text).toBe('BC-109 created: tickets/BC-109-export-orders-as-csv.md');
    const text = await readFile(path.join(root, 'tickets', 'BC-109-export-orders-as-csv.md'), 'utf8');
    expect(text).toBe(
      '---\nid: BC-109\ntitle: "Export orders: as CSV"\ncomplexity: standard\nbranch: bc-109-export-orders-as-csv\n---\n' +
        '## Acceptance criteria\n- [ ] Orders download as CSV\n- [ ] Totals in cents\n',
    );
    const s = deck.store.getState();
    expect(s.tickets.map((t) => t.id)).toEqual(['BC-101', 'BC-108', 'BC-109']);
    expect(s.focus).toBe('tickets');
    expect(s.selection.tickets).toBe(2);
    expect(await readdir(path.join(root, '.dynodeck'))).toEqual([]);
    expect(deck.audit).toEqual([
      { what: 'create-ticket', target: 'new ticket', result: 'started', detail: { via: 'deck' } },
      { what: 'create-ticket', target: 'BC-109', result: 'succeeded', detail: { via: 'deck' } },
    ]);
  });

  it('an empty title cancels: nothing is written and the draft is gone', async () => {
    const deck = await deckWith({ editor: 'true' });
    const message = await deck.press();
    expect(message.text).toBe('new ticket cancelled: the title was empty');
    expect(await readdir(path.join(root, 'tickets'))).toHaveLength(2);
    await expect(readFile(draftPath())).rejects.toThrow(/ENOENT/);
    expect(deck.audit).toEqual([]);
  });

  it('an editor that cannot start, or fails, keeps the draft and says where it is', async () => {
    const missing = await deckWith({ editor: 'no-such-editor-here --wait' });
    expect((await missing.press()).text).toBe(
      'the editor "no-such-editor-here --wait" was not found (set $VISUAL or $EDITOR): nothing created; n opens the draft again (kept in .dynodeck/new-ticket.md)',
    );
    const failing = await deckWith({ editor: await editorScript('fail', FILL, 'exit 3') });
    expect((await failing.press()).text).toMatch(
      /^the editor ".*fail.sh" exited with 3: nothing created; n opens the draft again/,
    );
    expect(await readFile(draftPath(), 'utf8')).toContain('## Acceptance criteria');
  });

  it('names a wrong complexity and keeps the draft; n opens it again with what was typed', async () => {
    const first = await deckWith({
      editor: await editorScript('bad', `${FILL}; s/^complexity: standard$/complexity: hard/`),
    });
    expect((await first.press()).text).toBe(
      'ticket not created: complexity "hard" in the draft is not one of trivial, standard, complex; n opens the draft again (kept in .dynodeck/new-ticket.md)',
    );
    expect(await readdir(path.join(root, 'tickets'))).toHaveLength(2);

    const second = await deckWith({ editor: await editorScript('fix', 's/^complexity: hard$/complexity: complex/') });
    expect((await second.press()).text).toBe('BC-109 created: tickets/BC-109-export-orders-as-csv.md');
    const text = await readFile(path.join(root, 'tickets', 'BC-109-export-orders-as-csv.md'), 'utf8');
    expect(text).toContain('complexity: complex');
    expect(text).toContain('- [ ] Totals in cents');
  });

  it('a kept draft the editor leaves unsaved is not filed', async () => {
    await deckWith({ editor: 'true' }); // make .dynodeck
    await mkdir(path.dirname(draftPath()), { recursive: true });
    await writeFile(draftPath(), '---\ntitle: Kept\ncomplexity: trivial\n---\n');
    const deck = await deckWith({ editor: 'true' });
    expect((await deck.press()).text).toBe(
      'the draft was not saved: nothing created; n opens the draft again (kept in .dynodeck/new-ticket.md)',
    );
    expect(await readdir(path.join(root, 'tickets'))).toHaveLength(2);
  });

  it('is disabled on a read-only deck, with the reason, and :new says the same', async () => {
    const deck = await deckWith({ editor: 'true', readOnly: true });
    const command = deck.table.byId('ticket.new')!;
    expect(command.keys).toEqual(['n']);
    expect(disabledReason(command, deck.store.getState())).toBe('read-only deck');
    expect(runLine('new', deck.ctx)).toBe('new ticket: read-only deck');
  });
});

describe('n: a new GitHub issue', () => {
  it('creates the issue with the complexity label and the criteria in its body, and shows it', async () => {
    const server = await startServer({ issues: [{ title: 'Older' }] });
    const github = await serviceFor(server);
    const deck = await deckWith({
      editor: await editorScript('fill', `${FILL}; s/^complexity: standard$/complexity: trivial/`),
      creator: createIssueTicketCreator(github),
    });
    deck.store.setState({ tickets: (await issuesAsTickets(github).load()).tickets });
    const message = await deck.press();
    expect(message.text).toMatch(/^#2 created: http.*\/acme\/shop\/issues\/2$/);
    const issue = server.world.issue(2);
    expect(issue.title).toBe('Export orders: as CSV');
    expect(issue.labels).toEqual(['complexity: trivial']);
    expect(issue.body).toBe('## Acceptance criteria\n- [ ] Orders download as CSV\n- [ ] Totals in cents');
    expect(server.requests.log.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([201]);
    expect(deck.store.getState().tickets.map((t) => t.id)).toContain('#2');
  });

  it('is disabled without a GitHub token, naming the variable to set', async () => {
    const server = await startServer();
    const github = await serviceFor(server, { env: { PATH: '/nonexistent', GITHUB_API_URL: server.url } });
    const deck = await deckWith({ editor: 'true', creator: createIssueTicketCreator(github), github });
    expect(disabledReason(deck.table.byId('ticket.new')!, deck.store.getState())).toMatch(
      /^no GitHub token: .*GITHUB_TOKEN/,
    );
  });

  it('a refused token is said in the message line, and the draft is kept', async () => {
    const server = await startServer();
    const github = await serviceFor(server, {
      env: { PATH: process.env.PATH, GITHUB_TOKEN: 'not-the-token', GITHUB_API_URL: server.url },
    });
    const deck = await deckWith({
      editor: await editorScript('fill', FILL),
      creator: createIssueTicketCreator(github),
    });
    const message = await deck.press();
    expect(message.tone).toBe('error');
    expect(message.text).toMatch(
      /^ticket not created: GitHub rejected the token from GITHUB_TOKEN \(401 Bad credentials\)/,
    );
    expect(message.text).not.toContain('not-the-token');
    expect(message.text).toMatch(/n opens the draft again \(kept in \.dynodeck\/new-ticket\.md\)/);
    expect(server.world.issues.size).toBe(0);
    expect(deck.audit.map((e) => e.result)).toEqual(['started', 'failed']);
  });

  it('a create that gets no answer is not sent again, and says to check GitHub', async () => {
    const server = await startServer();
    const github = await serviceFor(server, {
      client: { secondMs: 20, readTimeoutMs: 5000, writeTimeoutMs: 300 },
    });
    server.hangNext(/\/issues$/);
    const deck = await deckWith({
      editor: await editorScript('fill', FILL),
      creator: createIssueTicketCreator(github),
    });
    const message = await deck.press();
    expect(message.text).toMatch(/ticket not created: .*not sent again.*check on GitHub/);
    expect(server.requests.log.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});
