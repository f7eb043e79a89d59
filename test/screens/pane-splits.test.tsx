// `<` `>` move the split of the focused pane's row, `[` `]` the split between the rows, each by
// 5 % of the screen; a zoomed pane refuses them with the reason.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { renderDeck } from '../helpers/render-deck.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';

afterEach(() => cleanup());

/** Row and column where a pane's title (e.g. "2 Environments") starts. */
function titleAt(frame: string, title: string): { row: number; column: number } {
  const rows = frame.split('\n');
  const row = rows.findIndex((r) => r.includes(title));
  return { row, column: row < 0 ? -1 : rows[row]!.indexOf(title) };
}

describe('moving the splits', () => {
  it('> and < move the top row split, ] and [ the split between the rows, by 5 % each', async () => {
    const { lastFrame, stdin, stdout } = await renderDeck({});
    const width = stdout.columns;
    const first = await waitForFrame(lastFrame, '4 Alerts');
    const environments = titleAt(first, '2 Environments');
    const logs = titleAt(first, '3 Logs');

    stdin.write('>');
    const wider = await waitForFrame(lastFrame, (f) => titleAt(f, '2 Environments').column > environments.column);
    expect(titleAt(wider, '2 Environments').column - environments.column).toBe(Math.round(width * 0.05));
    expect(titleAt(wider, '3 Logs')).toEqual(logs);

    stdin.write('<');
    stdin.write('<');
    await waitForFrame(lastFrame, (f) => titleAt(f, '2 Environments').column < environments.column);

    stdin.write(']');
    const taller = await waitForFrame(lastFrame, (f) => titleAt(f, '3 Logs').row > logs.row);
    expect(titleAt(taller, '3 Logs').row).toBeGreaterThan(logs.row);
    stdin.write('[');
    stdin.write('[');
    await waitForFrame(lastFrame, (f) => titleAt(f, '3 Logs').row < logs.row);
  });

  it('a zoomed pane refuses them and says why', async () => {
    const { lastFrame, stdin, store } = await renderDeck({});
    await waitForFrame(lastFrame, '4 Alerts');
    stdin.write('z');
    await waitFor(() => store.getState().zoomed, 'the zoom');
    stdin.write('>');
    await waitForFrame(lastFrame, 'a zoomed pane has the whole screen (z goes back)');
  });
});
