// The Tickets pane's own commands (beyond moving and opening, which every list has).
import { mergeBlocker } from '../../domain/merge-blocker.js';
import type { PullRequest } from '../../domain/pull-request.js';
import type { DeckState } from '../../store/deck-state.js';
import { readOnlyReason } from '../../store/read-only.js';
import { ticketRows, type TicketRow } from '../present/ticket-rows.js';
import type { Command } from './command.js';

/** The row the Tickets pane has selected, with its pull requests. */
export function selectedTicketRow(state: DeckState): TicketRow | undefined {
  const rows = ticketRows(
    state.tickets,
    state.ticketProblems,
    state.branches,
    state.ticketLocations,
    state.environments.map((e) => e.name),
    state.pullRequests,
  );
  return rows[Math.min(state.selection.tickets, rows.length - 1)];
}

/** The one open pull request `M` would merge, or why there is none to merge. */
export function pullRequestToMerge(state: DeckState): { pr: PullRequest; ticket: string } | { reason: string } {
  const row = selectedTicketRow(state);
  if (row?.kind !== 'ticket') return { reason: 'no ticket selected' };
  const locked = readOnlyReason(state.readOnly);
  if (locked) return { reason: locked };
  if (!state.githubEnabled) return { reason: 'GitHub is not configured (add a "github:" section to dynodeck.yml)' };
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
  return blocker ? { reason: `#${open[0]!.number}: ${blocker}` } : { pr: open[0]!, ticket: id };
}

export const TICKET_COMMANDS: readonly Command[] = [
  {
    id: 'ticket.merge',
    title: 'merge',
    description:
      "merge the ticket's open pull request on GitHub when it is approved with passing checks (asks y/n; recorded in the audit log)",
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
      store
        .getState()
        .openDialog({
          kind: 'confirm-merge',
          ticket: found.ticket,
          pullRequest: found.pr.number,
          title: found.pr.title,
        });
    },
  },
];
