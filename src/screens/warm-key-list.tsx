// The key list drawn once off screen, a little after the deck opens: the first time it is
// opened it would otherwise pay for compiling the code that draws it and for measuring every
// line of it (measured in a flood: ~45 ms of CPU the first time, ~12 ms later), over the 50 ms
// a key may take. Drawing it to a string fills the same caches and warms the same code.
import { useEffect } from 'react';
import { renderToString } from 'ink';
import { DeckProvider, useDeckCommands, useDeckStore, useTheme } from './deck-context.js';
import { HelpOverlay } from './Overlays.js';
import type { PaneBox } from './present/deck-layout.js';

const WARM_AFTER_MS = 2000;

/** Draws the key list off screen once, `WARM_AFTER_MS` after mounting, unless a view is open then. */
export function useWarmKeyList(box: PaneBox, columns: number, enabled: boolean): void {
  const store = useDeckStore();
  const theme = useTheme();
  const commands = useDeckCommands();
  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => {
      // An open view owns the overlay's scroll position, which the key list would settle on its own end.
      if (store.getState().overlay.kind !== 'none') return;
      renderToString(
        <DeckProvider store={store} theme={theme} commands={commands}>
          <HelpOverlay box={box} />
        </DeckProvider>,
        { columns },
      );
    }, WARM_AFTER_MS);
    timer.unref();
    return () => clearTimeout(timer);
    // Once, with the first layout: later sizes draw with the same code.
  }, [enabled]);
}
