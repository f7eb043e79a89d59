// The `:` line keeps what is typed in view; Tab's choices (or a refusal) get the room left,
// from their start, cut with an ellipsis.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { renderDeck } from '../helpers/render-deck.js';
import { waitForFrame } from '../helpers/wait-for-frame.js';

afterEach(() => cleanup());

describe('the : line', () => {
  it('shows the colon, what is typed and the start of a long list of choices', async () => {
    const deck = await renderDeck({});
    await waitForFrame(deck.lastFrame, '1 Tickets');
    const width = deck.stdout.columns;
    const hint = Array.from({ length: 60 }, (_, i) => `choice-${i}`).join('  ');
    deck.store.setState({ commandLine: { value: 'sel', hint } });
    const frame = await waitForFrame(deck.lastFrame, ':sel');
    const bottom = frame.split('\n').at(-1)!;
    expect(bottom.startsWith(':sel   choice-0  choice-1  ')).toBe(true);
    expect(bottom.endsWith('…')).toBe(true);
    expect([...bottom].length).toBeLessThanOrEqual(width);
  });
});
