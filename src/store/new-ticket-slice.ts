// `n` in the Tickets pane: the user's editor opens a draft (title, complexity, acceptance
// criteria), and what they save becomes a markdown ticket or a GitHub issue. An empty title
// cancels; anything else that stops it (the editor failed, a field is wrong, GitHub said
// no) keeps the draft, says where it is, and `n` opens it again. Recorded in the audit log.
import type { StateCreator } from 'zustand/vanilla';
import type { Ticket } from '../domain/ticket.js';
import type { TicketSourceKind } from '../domain/ticket-draft.js';
import type { AuditLog } from '../services/audit/audit-log.js';
import type { DraftFile } from '../services/tickets/draft-file.js';
import type { DraftEditor, TicketCreator } from '../services/ports.js';
import type { DeckState } from './deck-state.js';
import { readOnlyReason } from './read-only.js';

export type NewTicketOutcome =
  { ok: true; ticket: Ticket } | { ok: false; reason: string; cancelled?: true; draftKept?: true };

export interface NewTicketSlice {
  /** Where a new ticket goes (undefined: tickets cannot be created from here, see `newTicketUnavailable`). */
  ticketCreation?: TicketSourceKind;
  newTicketUnavailable?: string;
  /** The user's editor has the terminal. */
  editingTicket: boolean;
  /** Opens the editor on the draft and files what is saved; the message line says what happened. */
  newTicket(opts?: { via?: 'deck' | 'cli' }): Promise<NewTicketOutcome>;
}

export interface NewTicketDeps {
  creator?: TicketCreator;
  editor?: DraftEditor;
  draft?: DraftFile;
  audit: AuditLog;
}

/** Why `n` cannot create a ticket now, in the user's words; undefined when it can. */
export function newTicketBlocked(state: DeckState): string | undefined {
  if (state.newTicketUnavailable) return state.newTicketUnavailable;
  const locked = readOnlyReason(state.readOnly);
  if (locked) return locked;
  if (state.editingTicket) return 'the editor is open';
  if (state.ticketCreation === 'github' && state.githubProblem) return state.githubProblem;
  return undefined;
}

export const createNewTicketSlice =
  (deps: NewTicketDeps): StateCreator<DeckState, [], [], NewTicketSlice> =>
  (set, get) => {
    const { creator, editor, draft } = deps;
    const unavailable = !creator
      ? 'the ticket source cannot create tickets'
      : !editor || !draft
        ? 'no terminal to open an editor in'
        : undefined;

    async function file(via: 'deck' | 'cli'): Promise<NewTicketOutcome> {
      const before = await draft!.read();
      if (!before) await draft!.write(await creator!.template());
      const written = before ?? (await draft!.read());
      const kept = `n opens the draft again (kept in ${draft!.shown})`;
      const keep = (reason: string, tone: 'warning' | 'error' = 'error'): NewTicketOutcome => {
        get().showMessage(`${reason}; ${kept}`, tone);
        return { ok: false, reason, draftKept: true };
      };

      const edited = await editor!.edit(draft!.path);
      if (!edited.ok) return keep(`${edited.reason}: nothing created`);
      const saved = await draft!.read();
      if (!saved) {
        get().showMessage('new ticket cancelled: the draft file was removed');
        return { ok: false, reason: 'cancelled', cancelled: true };
      }
      const reading = creator!.read(saved.text);
      if (reading.kind === 'empty') {
        await draft!.remove();
        get().showMessage('new ticket cancelled: the title was empty');
        return { ok: false, reason: 'cancelled', cancelled: true };
      }
      if (reading.kind === 'invalid') return keep(`ticket not created: ${reading.message}`);
      if (before && saved.text === before.text && saved.mtimeMs === written?.mtimeMs)
        return keep('the draft was not saved: nothing created', 'warning');

      get().showMessage(creator!.kind === 'github' ? 'creating the GitHub issue…' : 'writing the ticket…');
      await deps.audit.write({ what: 'create-ticket', target: 'new ticket', result: 'started', detail: { via } });
      let ticket: Ticket;
      try {
        ticket = await creator!.create(reading.draft);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await deps.audit.write({
          what: 'create-ticket',
          target: 'new ticket',
          result: 'failed',
          detail: { via, reason },
        });
        return keep(`ticket not created: ${reason}`);
      }
      await deps.audit.write({ what: 'create-ticket', target: ticket.id, result: 'succeeded', detail: { via } });
      await draft!.remove();
      await get()
        .refreshTickets()
        .catch(() => undefined);
      // GitHub's issue list can lag a moment behind the issue just made: show it meanwhile.
      if (!get().tickets.some((t) => t.id === ticket.id)) set({ tickets: [...get().tickets, ticket] });
      get().showMessage(`${ticket.id} created: ${ticket.url ?? ticket.file}`);
      return { ok: true, ticket };
    }

    return {
      ticketCreation: unavailable ? undefined : creator!.kind,
      newTicketUnavailable: unavailable,
      editingTicket: false,
      async newTicket(opts = {}) {
        const blocked = newTicketBlocked(get());
        if (blocked) {
          get().showMessage(`new ticket: ${blocked}`, 'warning');
          return { ok: false, reason: blocked };
        }
        set({ editingTicket: true });
        try {
          return await file(opts.via ?? 'deck');
        } catch (error) {
          const reason = `new ticket: ${error instanceof Error ? error.message : String(error)}`;
          get().showMessage(reason, 'error');
          return { ok: false, reason };
        } finally {
          set({ editingTicket: false });
        }
      },
    };
  };
