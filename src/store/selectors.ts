import type { DeckState } from './deck-state.js';
import type { PaneId } from './ui-slice.js';

/** How many selectable rows a pane has (panes that later issues fill have none yet). */
export function paneRowCount(state: DeckState, pane: PaneId): number {
  switch (pane) {
    case 'tickets':
      return state.tickets.length + state.ticketProblems.length;
    default:
      return 0;
  }
}
