// What each key action does to the store. The Ink input hook only translates keys
// into actions and calls this; tests call it directly too.
import type { DeckStore } from '../store/create-deck-store.js';
import { paneRowCount } from '../store/selectors.js';
import type { DeckAction } from './keymap.js';

export interface ActionContext {
  /** Rows a page-up/down moves. */
  pageSize: number;
  quit(): void;
}

export function applyAction(action: DeckAction, store: DeckStore, ctx: ActionContext): void {
  const state = store.getState();
  if (action === 'quit') return ctx.quit();
  if (action === 'help') return state.toggleHelp();

  if (state.overlay.kind !== 'none') {
    switch (action) {
      case 'back':
        return state.closeOverlay();
      case 'down':
        return state.scrollOverlay(1);
      case 'up':
        return state.scrollOverlay(-1);
      case 'page-down':
        return state.scrollOverlay(ctx.pageSize);
      case 'page-up':
        return state.scrollOverlay(-ctx.pageSize);
      case 'first':
        return state.scrollOverlay('first');
      case 'last':
        return state.scrollOverlay('last');
      default:
        return; // pane keys wait until the overlay is closed
    }
  }

  const count = paneRowCount(state, state.focus);
  switch (action) {
    case 'focus-next':
      return state.focusNext(1);
    case 'focus-prev':
      return state.focusNext(-1);
    case 'focus-tickets':
      return state.focusPane('tickets');
    case 'focus-environments':
      return state.focusPane('environments');
    case 'focus-logs':
      return state.focusPane('logs');
    case 'focus-alerts':
      return state.focusPane('alerts');
    case 'down':
      return state.moveSelection(1, count);
    case 'up':
      return state.moveSelection(-1, count);
    case 'page-down':
      return state.moveSelection(ctx.pageSize, count);
    case 'page-up':
      return state.moveSelection(-ctx.pageSize, count);
    case 'first':
      return state.moveSelection('first', count);
    case 'last':
      return state.moveSelection('last', count);
    case 'open':
      if (state.focus === 'environments') {
        const env = state.environments[state.selection.environments];
        if (env) void state.loadEnvironmentDetail(env.name);
      }
      return state.openDetail(count);
    case 'back':
    default:
      return; // pane-specific keys are handled by their pane before this
  }
}
