// The one store of the deck. Services are injected so tests and the headless CLI
// build it the same way the TUI does, with nothing module-global.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Clock, CodeHost, TicketSource } from '../services/ports.js';
import type { DeckState } from './deck-state.js';
import { createSourcesSlice } from './sources-slice.js';
import { createTicketsSlice } from './tickets-slice.js';
import { createCodeSlice } from './code-slice.js';
import { createUiSlice } from './ui-slice.js';
import { createClockSlice } from './clock-slice.js';

export interface DeckServices {
  tickets: TicketSource;
  code: CodeHost;
}

export interface DeckStoreOptions {
  project: string;
  root: string;
  platform?: 'local';
  services: DeckServices;
  clock: Clock;
}

export type DeckStore = StoreApi<DeckState>;

export function createDeckStore(opts: DeckStoreOptions): DeckStore {
  const now = () => opts.clock.now();
  return createStore<DeckState>()((...a) => ({
    project: opts.project,
    root: opts.root,
    platform: opts.platform,
    ...createSourcesSlice(now)(...a),
    ...createTicketsSlice(opts.services.tickets)(...a),
    ...createCodeSlice(opts.services.code)(...a),
    ...createUiSlice(...a),
    ...createClockSlice(now)(...a),
  }));
}

/** One refresh of every source, for headless commands. Failures are recorded, not thrown. */
export async function refreshAll(store: DeckStore): Promise<void> {
  await store.getState().refreshTickets().catch(() => {});
  await store.getState().refreshBranches().catch(() => {});
}
