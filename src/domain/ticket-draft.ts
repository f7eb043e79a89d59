// A ticket the user wrote in their editor, before a ticket source files it (and gives it an id).
import type { Complexity, Criterion } from './ticket.js';

export interface TicketDraft {
  title: string;
  complexity: Complexity;
  assignee?: string;
  /** Markdown tickets: the git branch that will carry the work (one named after the ticket when left out). */
  branch?: string;
  /** The markdown below the header as written (comments and empty "- [ ]" lines left out). */
  body: string;
  /** The "Acceptance criteria" items found in the body. */
  criteria: Criterion[];
}

/** Where tickets come from, as far as creating one goes. */
export type TicketSourceKind = 'markdown' | 'github';

/** What a saved draft says: the ticket, an empty title (the user cancelled), or what is wrong with it. */
export type DraftReading =
  { kind: 'ticket'; draft: TicketDraft } | { kind: 'empty' } | { kind: 'invalid'; message: string };
