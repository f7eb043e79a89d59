import { describe, expect, it } from 'vitest';
import { createDeckStore } from '../../../src/store/create-deck-store.js';
import { selectedTicketRow } from '../../../src/screens/commands/ticket-commands.js';
import { createFakeClock } from '../../helpers/fake-clock.js';
import { makeTicket, memoryCodeHost, memoryTicketSource } from '../../helpers/render-deck.js';

function deckStore() {
  return createDeckStore({
    project: 'brightcart',
    root: '/tmp/brightcart',
    services: { tickets: memoryTicketSource([]), code: memoryCodeHost() },
    clock: createFakeClock(),
  });
}

describe("the selected ticket's row, as the footer asks for it on every store change", () => {
  it('is worked out once while tickets, branches and environments stay the same, whatever else changes', () => {
    const store = deckStore();
    store.setState({ tickets: [makeTicket('BC-10'), makeTicket('BC-2'), makeTicket('BC-9')] });
    store.setState({ selection: { ...store.getState().selection, tickets: 1 } });
    const first = selectedTicketRow(store.getState());
    store.getState().tick();
    expect(selectedTicketRow(store.getState())).toBe(first);
    // Numeric order: BC-2, BC-9, BC-10.
    expect(first?.kind === 'ticket' && first.ticket.id).toBe('BC-9');
  });

  it('follows the tickets when they change, and the selection when it moves', () => {
    const store = deckStore();
    store.setState({ tickets: [makeTicket('BC-1'), makeTicket('BC-3')] });
    store.setState({ selection: { ...store.getState().selection, tickets: 1 } });
    expect(selectedTicketRow(store.getState())).toMatchObject({ ticket: { id: 'BC-3' } });
    store.setState({ tickets: [makeTicket('BC-1'), makeTicket('BC-2'), makeTicket('BC-3')] });
    expect(selectedTicketRow(store.getState())).toMatchObject({ ticket: { id: 'BC-2' } });
    store.setState({ selection: { ...store.getState().selection, tickets: 2 } });
    expect(selectedTicketRow(store.getState())).toMatchObject({ ticket: { id: 'BC-3' } });
  });
});
