import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { createDeckStore } from '../../src/store/create-deck-store.js';
import { DeckProvider } from '../../src/screens/deck-context.js';
import { createTheme } from '../../src/screens/theme.js';
import { useWarmKeyList } from '../../src/screens/warm-key-list.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { memoryCodeHost, memoryTicketSource } from '../helpers/render-deck.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const BOX = { width: 64, height: 20 };

function Warm(props: { enabled: boolean }) {
  useWarmKeyList(BOX, 80, props.enabled);
  return null;
}

function deckWith(enabled: boolean) {
  const store = createDeckStore({
    project: 'brightcart',
    root: '/tmp/brightcart',
    services: { tickets: memoryTicketSource([]), code: memoryCodeHost() },
    clock: createFakeClock(),
  });
  const changes: unknown[] = [];
  store.subscribe((state) => changes.push(state));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  render(
    <DeckProvider store={store} theme={createTheme(false)}>
      <Warm enabled={enabled} />
    </DeckProvider>,
  );
  return { store, changes };
}

describe('the key list drawn off screen after start', () => {
  it('is drawn once, changing nothing the deck shows', () => {
    const { changes } = deckWith(true);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(2000);
    expect(vi.getTimerCount()).toBe(0);
    expect(changes).toEqual([]);
  });

  it('is skipped while a view is open, whose scroll position the key list would otherwise move', () => {
    const { store } = deckWith(true);
    store.setState({ overlay: { kind: 'detail', pane: 'tickets', index: 0 }, overlayScroll: 500 });
    vi.advanceTimersByTime(2000);
    expect(store.getState().overlayScroll).toBe(500);
  });

  it('is not drawn where Ink alone draws the deck (tests, no terminal)', () => {
    deckWith(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
