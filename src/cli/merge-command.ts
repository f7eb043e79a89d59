// `dynodeck merge <ticket>`: the deck's M without the deck. Merges the ticket's open pull
// request on GitHub when it is approved with passing checks (without GitHub: its branch
// into the main branch of the local repository); otherwise says what is missing. Exit codes: 0 merged, 1 not merged, 2 no such ticket or no GitHub.
import type { LoadedConfig } from '../config/load-config.js';
import { readOnlyReason, readOnlySetting } from '../store/read-only.js';
import { createDeckStore, refreshAll } from '../store/create-deck-store.js';
import { systemClock } from '../services/ports.js';
import { buildServices } from './build-services.js';
import { printError, printLine } from './output.js';

export async function mergeCommand(ticket: string, loaded: LoadedConfig): Promise<number> {
  const services = buildServices(loaded);
  if (!services.github && !services.localMerge) {
    printError('dynodeck: GitHub is not configured: add a "github:" section to dynodeck.yml');
    return 2;
  }
  const store = createDeckStore({
    project: loaded.config.project,
    root: loaded.root,
    readOnly: readOnlySetting(loaded.config.readOnly),
    services,
    clock: systemClock,
  });
  const locked = readOnlyReason(store.getState().readOnly);
  if (locked) {
    printError(`dynodeck: ${locked}; nothing was merged`);
    return 2;
  }
  await refreshAll(store);
  const state = store.getState();
  const wanted = ticket.replace(/^#/, '').toLowerCase();
  const found = state.tickets.find(
    (t) => t.id.toLowerCase() === ticket.toLowerCase() || t.id.replace(/^#/, '').toLowerCase() === wanted,
  );
  if (!found) {
    const why = state.sources.tickets?.error ?? state.githubProblem;
    printError(`dynodeck: no ticket "${ticket}"${why ? ` (${why})` : ''}`);
    return 2;
  }
  const result = await state.mergeTicket(found.id, { via: 'cli' });
  if (!result.ok) {
    printError(`dynodeck: ${found.id} not merged: ${result.reason}`);
    return 1;
  }
  printLine(
    result.pullRequest !== undefined
      ? `${found.id}: #${result.pullRequest} merged (${result.method}, ${result.sha.slice(0, 7)})`
      : `${found.id}: ${found.branch} merged into ${loaded.config.git.mainBranch} (${result.sha.slice(0, 7)})`,
  );
  return 0;
}
