// A regression seen in a real terminal: after a focus change a pane's content moved down a row.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { makeTicket, memoryTicketSource, renderDeck } from '../helpers/render-deck.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';

afterEach(() => cleanup());

describe('pane frames', () => {
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
