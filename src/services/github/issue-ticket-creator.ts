// New tickets as GitHub issues: the draft's title, its body as written (the "Acceptance
// criteria" list included) and the configured complexity label. The POST is sent once:
// the client never re-sends a write after a timeout, so a lost answer is reported, not doubled.
import type { Ticket } from '../../domain/ticket.js';
import type { TicketCreator } from '../ports.js';
import { draftTemplate, readDraft } from '../tickets/ticket-draft.js';
import type { NewTicket } from './github-tickets.js';

export function createIssueTicketCreator(github: {
  tickets: { create(input: NewTicket): Promise<Ticket> };
}): TicketCreator {
  return {
    kind: 'github',
    template: async () => draftTemplate('github'),
    read: (text) => readDraft(text, 'github'),
    create: (draft) =>
      github.tickets.create({
        title: draft.title,
        complexity: draft.complexity,
        ...(draft.body ? { body: draft.body } : {}),
      }),
  };
}
