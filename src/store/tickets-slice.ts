// Tickets as read from the ticket source, with the files that could not be read.
import type { StateCreator } from 'zustand/vanilla';
import type { Ticket, TicketProblem } from '../domain/ticket.js';
import type { TicketSource } from '../services/ports.js';
import type { DeckState } from './deck-state.js';

export interface TicketsSlice {
  tickets: Ticket[];
  ticketProblems: TicketProblem[];
  /** Reads the tickets again; records success or failure on the "tickets" source. Rejects on failure. */
  refreshTickets(): Promise<void>;
}

export const createTicketsSlice =
  (source: TicketSource): StateCreator<DeckState, [], [], TicketsSlice> =>
  (set, get) => ({
    tickets: [],
    ticketProblems: [],
    async refreshTickets() {
      try {
        const { tickets, problems } = await source.load();
        const state = get();
        // Keep the old arrays when nothing changed so panes do not redraw.
        if (!sameJson(state.tickets, tickets) || !sameJson(state.ticketProblems, problems)) {
          set({ tickets, ticketProblems: problems });
        }
        state.sourceSucceeded(source.name);
      } catch (error) {
        get().sourceFailed(source.name, error);
        throw error;
      }
    },
  });

/** The same items (a source that re-read nothing hands back the very objects it parsed before), or the same words. */
function sameJson(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length === b.length && a.every((item, i) => item === b[i])) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
