// useDeckShown with inputs: a store change that leaves a view's inputs the same values costs
// the view nothing (no derive, no serialising); a changed input is derived and shown.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Text } from 'ink';
import { DeckProvider, useDeckShown } from '../../src/screens/deck-context.js';
import { createTheme } from '../../src/screens/theme.js';
import type { DeckState } from '../../src/store/deck-state.js';
import { refreshedDeckStore } from '../helpers/render-deck.js';
import { waitForFrame } from '../helpers/wait-for-frame.js';

afterEach(() => cleanup());

describe('useDeckShown with inputs', () => {
  it('is not derived again for store changes that leave its inputs the same, and is for one that changes them', async () => {
    const { store, clock } = await refreshedDeckStore();
    const derived = { count: 0 };
    const minute = (s: DeckState) => Math.floor(s.now / 60_000);
    function Minutes() {
      const shown = useDeckShown(
        (s) => {
          derived.count += 1;
          return { environments: s.environments.length, minute: minute(s) % 1000 };
        },
        (s) => [s.environments, minute(s)],
      );
      return <Text>{`environments ${shown.environments} minute ${shown.minute}`}</Text>;
    }
    const app = render(
      <DeckProvider store={store} theme={createTheme(false)}>
        <Minutes />
      </DeckProvider>,
    );
    await waitForFrame(app.lastFrame, 'environments');
    const before = derived.count;
    // Changes the view does not read: a source marked fresh, clock ticks within the same minute.
    store.getState().sourceSucceeded('tickets');
    store.getState().registerSource('git', 5_000);
    const toNextMinute = 60_000 - (clock.now() % 60_000);
    if (toNextMinute > 1) await clock.advance(toNextMinute - 1);
    store.getState().tick();
    expect(derived.count).toBe(before);
    await clock.advance(1);
    store.getState().tick();
    expect(derived.count).toBe(before + 1);
    await waitForFrame(app.lastFrame, `minute ${Math.floor(clock.now() / 60_000) % 1000}`);
  });
});
