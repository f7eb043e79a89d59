import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { keys, makeTicket, memoryCodeHost, memoryTicketSource, renderDeck } from '../helpers/render-deck.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';

afterEach(() => cleanup());

const tickets = [
  makeTicket('BC-101', {
    title: 'Checkout button stays disabled',
    complexity: 'trivial',
    assignee: 'maya',
    branch: 'bc-101',
    criteria: [
      { text: 'enabled again', done: true },
      { text: 'tested', done: false },
    ],
  }),
  makeTicket('BC-102', {
    title: 'Stock levels on product page',
    complexity: 'complex',
    branch: 'bc-102',
    description: 'Show how many are left.',
  }),
  makeTicket('BC-103', { title: 'Typo in footer' }),
];
const branches = [
  {
    name: 'bc-101',
    exists: true,
    ahead: 3,
    behind: 1,
    merged: false,
    lastCommit: {
      sha: 'abcdef1234567',
      subject: 'Enable button',
      author: 'maya',
      date: Date.UTC(2026, 10, 26, 8, 0, 0),
    },
  },
  { name: 'bc-102', exists: true, ahead: 0, behind: 0, merged: true },
];

describe('the deck', () => {
  it('shows the four panes, the project and each ticket with complexity, criteria progress and stage', async () => {
    const { lastFrame } = await renderDeck({ tickets: memoryTicketSource(tickets), code: memoryCodeHost(branches) });
    const frame = await waitForFrame(lastFrame, 'BC-103');
    for (const title of ['1 Tickets', '2 Environments', '3 Logs', '4 Alerts', 'brightcart'])
      expect(frame).toContain(title);
    const row101 = frame.split('\n').find((l) => l.includes('BC-101')) ?? '';
    expect(row101).toMatch(/triv.*1\/2.*in progress/);
    expect(frame.split('\n').find((l) => l.includes('BC-102'))).toMatch(/cplx.*merged/);
    expect(frame.split('\n').find((l) => l.includes('BC-103'))).toMatch(/std.*todo/);
  });

  it('a broken ticket file shows as a warning row naming the file', async () => {
    const { lastFrame } = await renderDeck({
      tickets: memoryTicketSource(tickets.slice(0, 1), [
        { file: 'tickets/BC-9.md', message: 'front matter: "title" is missing' },
      ]),
    });
    const frame = await waitForFrame(lastFrame, 'BC-9.md');
    expect(frame).toContain('⚠ tickets/BC-9.md: front matter: "title" is missing');
    expect(frame).toContain('1 broken');
  });

  it('Tab, Shift+Tab and the number keys move focus, shown in the footer', async () => {
    const { lastFrame, stdin, store } = await renderDeck();
    await waitForFrame(lastFrame, ' Tickets ');
    stdin.write(keys.tab);
    await waitForFrame(lastFrame, /\n Environments {2}[^\n]*$/);
    expect(store.getState().focus).toBe('environments');
    stdin.write('4');
    await waitFor(() => store.getState().focus === 'alerts', 'focus on alerts');
    stdin.write(keys.shiftTab);
    await waitFor(() => store.getState().focus === 'logs', 'focus on logs');
    await waitForFrame(lastFrame, /\n Logs {2}[^\n]*$/);
  });

  it('j, k, G and g move the selection; Enter opens the ticket with its criteria; Esc closes it', async () => {
    const { lastFrame, stdin, store } = await renderDeck({
      tickets: memoryTicketSource(tickets),
      code: memoryCodeHost(branches),
    });
    await waitForFrame(lastFrame, 'BC-103');
    stdin.write('j');
    await waitForFrame(lastFrame, '› BC-102');
    stdin.write('G');
    await waitForFrame(lastFrame, '› BC-103');
    stdin.write('g');
    await waitForFrame(lastFrame, '› BC-101');
    stdin.write(keys.enter);
    const detail = await waitForFrame(lastFrame, 'Acceptance criteria (1/2)');
    expect(detail).toContain('[x] enabled again');
    expect(detail).toContain('[ ] tested');
    expect(detail).toContain('3 ahead, 1 behind main');
    expect(detail).toContain('abcdef1 Enable button');
    stdin.write(keys.escape);
    await waitFor(() => store.getState().overlay.kind === 'none', 'the detail to close');
    await waitForFrame(lastFrame, '2 Environments');
  });

  it('? lists every key and Esc closes the list', async () => {
    const { lastFrame, stdin } = await renderDeck();
    await waitForFrame(lastFrame, '1 Tickets');
    stdin.write('?');
    const help = await waitForFrame(lastFrame, 'Everywhere');
    for (const label of ['Tab', 'Shift+Tab', 'quit', 'zoom']) expect(help).toContain(label);
    // The panes stay in view around the list.
    expect(help).toContain('2 Environments');
    stdin.write('G');
    const end = await waitForFrame(lastFrame, 'Esc or ? closes this list');
    expect(end).toContain(':deploy <environment>');
    stdin.write(keys.escape);
    await waitForFrame(lastFrame, '2 Environments');
  });

  it('panes without data yet say what will appear there', async () => {
    const { lastFrame } = await renderDeck();
    const frame = await waitForFrame(lastFrame, 'No platform configured');
    expect(frame).toContain('No log stream');
    expect(frame).toContain('No alerts are evaluated');
    expect(frame).toContain('No tickets yet');
  });

  it('a failing source is named in the header with its error', async () => {
    const failing = {
      name: 'git',
      mainBranch: 'main',
      branches: async () => {
        throw new Error('not a git repository: /tmp/x');
      },
    };
    const { lastFrame } = await renderDeck({ tickets: memoryTicketSource(tickets), code: failing });
    await waitForFrame(lastFrame, 'git: not a git repository: /tmp/x');
  });

  it('below 80x24 it says what size it needs, and lays out again when the terminal grows', async () => {
    const { lastFrame, stdout } = await renderDeck({ tickets: memoryTicketSource(tickets) });
    await waitForFrame(lastFrame, 'BC-101');
    const setSize = (columns: number, rows: number) => {
      Object.defineProperty(stdout, 'columns', { value: columns, configurable: true });
      Object.defineProperty(stdout, 'rows', { value: rows, configurable: true });
      stdout.emit('resize');
    };
    setSize(70, 30);
    await waitForFrame(lastFrame, 'needs a terminal of at least 80x24; this one is 70x30');
    setSize(130, 30);
    const frame = await waitForFrame(lastFrame, 'BC-101');
    expect(frame.split('\n')).toHaveLength(29);
    expect(Math.max(...frame.split('\n').map((l) => l.length))).toBe(130);
  });

  it('without colour the focused pane still stands out by its heavy frame', async () => {
    const { lastFrame } = await renderDeck({ color: false });
    const frame = await waitForFrame(lastFrame, '1 Tickets');
    expect(frame).not.toMatch(/\u001b\[3\dm/);
    expect(frame).toContain('┏━ 1 Tickets');
    expect(frame).toContain('╭─ 2 Environments');
  });

  it('a long list scrolls so the selected row stays visible', async () => {
    const many = Array.from({ length: 60 }, (_, i) => makeTicket(`T-${i + 1}`));
    const { lastFrame, stdin } = await renderDeck({ tickets: memoryTicketSource(many) });
    await waitForFrame(lastFrame, 'T-1 ');
    stdin.write('G');
    const bottom = await waitForFrame(lastFrame, '› T-60');
    expect(bottom).not.toMatch(/T-1 /);
    stdin.write('g');
    const top = await waitForFrame(lastFrame, '› T-1 ');
    expect(top).not.toContain('T-60');
  });
});
