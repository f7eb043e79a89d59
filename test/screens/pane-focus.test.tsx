// A regression seen in a real terminal: after a focus change a pane's content moved down a row.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { makeTicket, memoryTicketSource, renderDeck } from '../helpers/render-deck.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';

afterEach(() => cleanup());

/** The panes (the footer, which names the focused pane's keys, left out) with every frame drawn light. */
const unfocused = (frame: string) =>
  frame
    .split('\n')
    .slice(0, -1)
    .join('\n')
    .replace(/[┏┓]/g, (c) => (c === '┏' ? '╭' : '╮'))
    .replace(/[━┃┗┛]/g, (c) => ({ '━': '─', '┃': '│', '┗': '╰', '┛': '╯' })[c]!);

describe('pane frames', () => {
  it('focus going round every pane redraws each one whole: only the focused frame differs', async () => {
    const { lastFrame, stdin, store } = await renderDeck({
      tickets: memoryTicketSource([makeTicket('A-1'), makeTicket('A-2', { title: 'Second ticket' })]),
    });
    const first = await waitForFrame(lastFrame, 'Second ticket');
    for (const [key, pane] of [
      ['2', 'environments'],
      ['3', 'logs'],
      ['4', 'alerts'],
      ['1', 'tickets'],
    ] as const) {
      stdin.write(key);
      await waitFor(() => store.getState().focus === pane, `focus on ${pane}`);
      const heavy = new RegExp(`┏━ ${key} `);
      const frame = await waitForFrame(lastFrame, heavy);
      // One heavy frame, the focused pane's; the panes otherwise exactly as first drawn.
      expect(frame.match(/┏/g)).toHaveLength(1);
      expect(unfocused(frame)).toBe(unfocused(first));
    }
  });

  it('moving focus away and back keeps the first row of content right under the title', async () => {
    const { lastFrame, stdin, store } = await renderDeck({ tickets: memoryTicketSource([makeTicket('A-1')]) });
    await waitForFrame(lastFrame, 'A-1');
    const rowAfterTitle = () => {
      const lines = (lastFrame() ?? '').split('\n');
      const title = lines.findIndex((l) => l.includes('1 Tickets'));
      return lines[title + 1] ?? '';
    };
    expect(rowAfterTitle()).toContain('ID');
    stdin.write('2');
    await waitFor(() => store.getState().focus === 'environments', 'focus to move');
    await waitForFrame(lastFrame, '╭─ 1 Tickets');
    expect(rowAfterTitle()).toContain('ID');
    stdin.write('1');
    await waitForFrame(lastFrame, '┏━ 1 Tickets');
    expect(rowAfterTitle()).toContain('ID');
  });
});
