// The Tickets pane's own commands (beyond moving and opening, which every list has).
import { mergeBlocker } from '../../domain/merge-blocker.js';
import type { PullRequest } from '../../domain/pull-request.js';
import type { DeckState } from '../../store/deck-state.js';
import type { DeckStore } from '../../store/create-deck-store.js';
import { newTicketBlocked } from '../../store/new-ticket-slice.js';
import { readOnlyReason } from '../../store/read-only.js';
import { ticketRows, type TicketRow } from '../present/ticket-rows.js';
import type { Command } from './command.js';

let lastRows: { inputs: readonly unknown[]; rows: TicketRow[] } | undefined;

/**
 * The Tickets pane's rows for this state. The footer asks for them on every store change
 * (the clock ticks each second) to tell which keys work; the store keeps each input the
 * same object while it is unchanged, so the rows of the last call are reused until one moves.
 */
function currentTicketRows(state: DeckState): TicketRow[] {
  const inputs = [
    state.tickets,
    state.ticketProblems,
    state.branches,
    state.ticketLocations,
    state.environments,
    state.pullRequests,
  ];
  if (lastRows && inputs.every((input, i) => input === lastRows!.inputs[i])) return lastRows.rows;
  const rows = ticketRows(
    state.tickets,
    state.ticketProblems,
    state.branches,
    state.ticketLocations,
    state.environments.map((e) => e.name),
    state.pullRequests,
  );
  lastRows = { inputs, rows };
  return rows;
}

/** The row the Tickets pane has selected, with its pull requests. */
export function selectedTicketRow(state: DeckState): TicketRow | undefined {
  const rows = currentTicketRows(state);
  return rows[Math.min(state.selection.tickets, rows.length - 1)];
}

type MergeTarget =
  | { pr: PullRequest; ticket: string; title: string }
  | { branch: string; ticket: string; title: string }
  | { reason: string };

/** What `M` would merge: the one open pull request (GitHub), else the ticket's branch (local git); or why nothing. */
export function pullRequestToMerge(state: DeckState): MergeTarget {
  const row = selectedTicketRow(state);
  if (row?.kind !== 'ticket') return { reason: 'no ticket selected' };
  const locked = readOnlyReason(state.readOnly);
  if (locked) return { reason: locked };
  if (!state.githubEnabled) {
    const { branch, id, title } = row.ticket;
    if (!branch) return { reason: `${id} names no branch to merge` };
    const status = state.branches[branch];
    if (!status) return { reason: `reading ${branch} from git…` };
    if (!status.exists) return { reason: `branch ${branch} does not exist` };
    if (status.merged) return { reason: `${branch} is already merged into ${state.mainBranch}` };
    if (status.ahead === 0) return { reason: `${branch} has no commits to merge` };
    return { branch, ticket: id, title };
  }
  const id = row.ticket.id;
  if (state.githubProblem && state.pullRequests.length === 0) return { reason: state.githubProblem };
  const open = row.pullRequests.filter((p) => p.state === 'open');
  if (open.length === 0) {
    const merged = row.pullRequests.find((p) => p.state === 'merged');
    return { reason: merged ? `#${merged.number} is already merged` : `no open pull request for ${id}` };
  }
  if (open.length > 1)
    return {
      reason: `${id} has ${open.length} open pull requests (${open.map((p) => `#${p.number}`).join(', ')}): merge one on GitHub`,
    };
  const blocker = mergeBlocker(open[0]!);
  return blocker ? { reason: `#${open[0]!.number}: ${blocker}` } : { pr: open[0]!, ticket: id, title: open[0]!.title };
}

/** `n` and `:new`: the editor opens a draft; the ticket it becomes is selected in the Tickets pane. */
export async function newTicketAndSelect(store: DeckStore): Promise<void> {
  const outcome = await store.getState().newTicket();
  if (!outcome.ok) return;
  const s = store.getState();
  const rows = ticketRows(
    s.tickets,
    s.ticketProblems,
    s.branches,
    s.ticketLocations,
    s.environments.map((e) => e.name),
    s.pullRequests,
  );
  const index = rows.findIndex((r) => r.kind === 'ticket' && r.ticket.id === outcome.ticket.id);
  if (index < 0) return;
  if (s.overlay.kind !== 'none') s.closeOverlay();
  s.focusPane('tickets');
  s.moveSelection(index - s.selection.tickets, rows.length);
}

export const TICKET_COMMANDS: readonly Command[] = [
  {
    id: 'ticket.new',
    title: 'new',
    description:
      'create a ticket: $VISUAL or $EDITOR (else vi) opens a template with title, complexity and acceptance criteria; saving writes a markdown ticket (or a GitHub issue); an empty title cancels (recorded in the audit log)',
    keys: ['n'],
    scope: 'tickets',
    footer: true,
    disabledReason: newTicketBlocked,
    run({ store }) {
      void newTicketAndSelect(store);
    },
  },
  {
    id: 'ticket.merge',
    title: 'merge',
    description:
      "merge the ticket's open pull request on GitHub when it is approved with passing checks; without GitHub, its branch into the main branch locally (asks y/n; recorded in the audit log)",
    keys: ['M'],
    scope: 'tickets',
    footer: true,
    disabledReason(state) {
      const found = pullRequestToMerge(state);
      return 'reason' in found ? found.reason : undefined;
    },
    run({ store }) {
      const found = pullRequestToMerge(store.getState());
      if ('reason' in found) return;
      store.getState().openDialog({
        kind: 'confirm-merge',
        ticket: found.ticket,
        title: found.title,
        ...('pr' in found ? { pullRequest: found.pr.number } : { branch: found.branch }),
      });
    },
  },
];
