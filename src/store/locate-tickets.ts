// Works out, whenever the inputs change (tickets' branch tips, environments' release
// commits), which environments hold each ticket's work and what each environment has
// waiting to ship to the next stage.
import type { DeckStore } from './create-deck-store.js';
import type { ticketLocations } from '../services/git/ticket-locations.js';
import type { whatShips } from '../services/git/shipping.js';
import type { WaitingToShip } from './environments-slice.js';
import { nextEnvironment } from './actions-slice.js';
import type { commitLocations } from '../services/git/commit-locations.js';
import { pullRequestsOfTicket } from '../domain/ticket-pull-requests.js';

export function createTicketLocator(
  store: DeckStore,
  opts: {
    repo: string;
    mainBranch: string;
    locate: typeof ticketLocations;
    ships?: typeof whatShips;
    /** Places tickets without a branch by their merged pull request's commit (GitHub issues). */
    locateCommits?: typeof commitLocations;
  },
): () => Promise<void> {
  let lastKey = '';
  return async () => {
    const s = store.getState();
    const branches = s.tickets.flatMap((t) =>
      t.branch && s.branches[t.branch]?.exists ? [{ ticket: t.id, branch: t.branch }] : [],
    );
    const environments = s.environments.flatMap((e) =>
      e.release?.commit ? [{ name: e.name, commit: e.release.commit }] : [],
    );
    const tips = branches.map((b) => s.branches[b.branch]?.lastCommit?.sha ?? '');
    const merged = opts.locateCommits
      ? s.tickets.flatMap((t) => {
          if (t.branch && s.branches[t.branch]?.exists) return [];
          const sha = pullRequestsOfTicket(t, s.pullRequests).find((p) => p.state === 'merged')?.mergeCommitSha;
          return sha ? [{ ticket: t.id, sha }] : [];
        })
      : [];
    const key = JSON.stringify([branches, environments, tips, merged]);
    if (key === lastKey) return;
    const [byBranch, byCommit] = await Promise.all([
      opts.locate({ repo: opts.repo, mainBranch: opts.mainBranch, branches, environments }),
      merged.length && opts.locateCommits
        ? opts.locateCommits({ repo: opts.repo, commits: merged, environments })
        : new Map<string, string[]>(),
    ]);
    const found = { ...Object.fromEntries(byCommit), ...Object.fromEntries(byBranch) };
    store.getState().setTicketLocations(found);
    if (opts.ships) store.getState().setWaiting(await waitingToShip(store, found, opts.repo, opts.ships));
    lastKey = key;
  };
}

async function waitingToShip(
  store: DeckStore,
  locations: Record<string, string[]>,
  repo: string,
  ships: typeof whatShips,
): Promise<Record<string, WaitingToShip>> {
  const envs = store.getState().environments;
  const result: Record<string, WaitingToShip> = {};
  for (const env of envs) {
    const next = nextEnvironment(envs, env.name);
    if (!next || !env.release?.commit) continue;
    try {
      const shipment = await ships({ repo, from: next.release?.commit, to: env.release.commit });
      const tickets = Object.values(locations).filter(
        (where) => where.includes(env.name) && !where.includes(next.name),
      ).length;
      result[env.name] = {
        commits: shipment.commits.length,
        tickets,
        truncated: shipment.truncated || !next.release?.commit,
      };
    } catch {
      // a commit this clone lacks: say nothing rather than something wrong
    }
  }
  return result;
}
