// The `status --json` document: a stable, machine-readable snapshot of the deck.
import type { DeckState } from '../store/deck-state.js';
import { ticketRows } from '../screens/present/ticket-rows.js';

export interface StatusReport {
  project: string;
  root: string;
  tickets: Array<{
    id: string;
    title: string;
    complexity: string;
    assignee: string | null;
    criteria: { done: number; total: number };
    stage: string;
    branch: string | null;
    file: string;
  }>;
  ticketProblems: Array<{ file: string; message: string }>;
  sources: Array<{ name: string; state: 'ok' | 'error' | 'pending'; lastSuccess: string | null; error: string | null }>;
}

export function statusReport(state: DeckState): StatusReport {
  const rows = ticketRows(state.tickets, state.ticketProblems, state.branches);
  return {
    project: state.project,
    root: state.root,
    tickets: rows.flatMap((row) =>
      row.kind === 'ticket'
        ? [
            {
              id: row.ticket.id,
              title: row.ticket.title,
              complexity: row.ticket.complexity,
              assignee: row.ticket.assignee ?? null,
              criteria: row.criteria,
              stage: row.stage,
              branch: row.ticket.branch ?? null,
              file: row.ticket.file,
            },
          ]
        : [],
    ),
    ticketProblems: state.ticketProblems.map((p) => ({ file: p.file, message: p.message })),
    sources: Object.values(state.sources).map((s) => ({
      name: s.name,
      state: s.error ? 'error' : s.lastSuccess === undefined ? 'pending' : 'ok',
      lastSuccess: s.lastSuccess === undefined ? null : new Date(s.lastSuccess).toISOString(),
      error: s.error ?? null,
    })),
  };
}
