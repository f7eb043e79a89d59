// The Logs pane tails whichever environment is selected. Moving through the list
// quickly must not open a session per row: the tail switches once the selection rests.
import type { Clock } from '../services/ports.js';
import type { DeckStore } from './create-deck-store.js';
import { selectedEnvironment } from './selectors.js';

export function followSelectionWithLogs(store: DeckStore, clock: Clock, settleMs = 300): () => void {
  let timer: unknown;
  let firstLoad = true;
  const unsubscribe = store.subscribe((state, previous) => {
    // On first sight, start on staging: the environment a team watches most.
    if (firstLoad && state.environments.length > 0 && previous.environments.length === 0) {
      firstLoad = false;
      const staging = state.environments.findIndex((e) => e.stage === 'staging');
      if (staging >= 0 && state.selection.environments === 0) {
        store.setState({ selection: { ...state.selection, environments: staging } });
        return;
      }
    }
    const env = selectedEnvironment(state)?.name;
    if (!env || env === state.logTarget) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = undefined;
      const now = selectedEnvironment(store.getState())?.name;
      if (now && now !== store.getState().logTarget) store.getState().tailLogs(now);
    }, settleMs);
  });
  return () => {
    unsubscribe();
    if (timer !== undefined) clock.clearTimeout(timer);
  };
}
