import type { DeckState } from './deck-state.js';
import type { PaneId } from './ui-slice.js';

/** How many selectable rows a pane has (panes that later issues fill have none yet). */
export function paneRowCount(state: DeckState, pane: PaneId): number {
  switch (pane) {
    case 'tickets':
      return state.tickets.length + state.ticketProblems.length;
    case 'environments':
      return state.environments.length;
    case 'alerts':
      return state.alerts.length;
    default:
      return 0;
  }
}

/** The environment the Environments pane has selected. */
export function selectedEnvironment(state: DeckState) {
  return state.environments[Math.min(state.selection.environments, state.environments.length - 1)];
}
