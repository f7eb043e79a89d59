// Keeps the store fresh while the deck runs: one poller per source, a file watcher
// that pokes the tickets poller, and a slow ticker for ages shown on screen.
import type { Clock, TicketSource } from '../services/ports.js';
import type { DeckStore } from './create-deck-store.js';
import { createPoller } from './poller.js';
import { GITHUB_SOURCE } from './github-slice.js';

export interface PollIntervals {
  ticketsMs: number;
  gitMs: number;
  environmentsMs?: number;
  /** GitHub's pull requests (with review and checks); no poll when GitHub is not configured. */
  pullRequestsMs?: number;
}

export function startPollers(
  store: DeckStore,
  deps: {
    clock: Clock;
    tickets: TicketSource;
    codeHostName: string;
    platformName?: string;
    intervals: PollIntervals;
    /** Works out where tickets' code lives once environments or branches changed. */
    locateTickets?: () => Promise<void>;
  },
): () => void {
  const { clock, intervals } = deps;
  const state = store.getState();
  state.registerSource(deps.tickets.name, intervals.ticketsMs);
  state.registerSource(deps.codeHostName, intervals.gitMs);

  // The environments are read once git has answered: on a 2-core machine the first full
  // frame (tickets with their stages) comes first, the platform's many calls after it.
  let environmentsStarted = false;
  const startEnvironments = () => {
    if (environmentsStarted) return;
    environmentsStarted = true;
    environments?.start();
  };
  const git = createPoller({
    intervalMs: intervals.gitMs,
    clock,
    run: async () => {
      try {
        await store.getState().refreshBranches();
        await deps.locateTickets?.().catch(() => undefined);
      } finally {
        startEnvironments();
      }
    },
  });
  let gitStarted = false;
  const tickets = createPoller({
    intervalMs: intervals.ticketsMs,
    clock,
    run: async () => {
      const before = store.getState().tickets;
      try {
        await store.getState().refreshTickets();
      } finally {
        // Git is asked about the branches the tickets name, so it starts once they are read;
        // new or renamed branches should not wait for the next git poll.
        if (!gitStarted) {
          gitStarted = true;
          git.start();
        } else if (store.getState().tickets !== before) git.poke(0);
      }
    },
  });
  const stopWatching = deps.tickets.watch?.(() => tickets.poke()) ?? (() => {});
  const environments =
    deps.platformName === undefined
      ? undefined
      : createPoller({
          // Heroku's budget (4,500 calls an hour, refilled slowly) sets the pace: the less
          // is left, the slower the environments are read.
          intervalMs: () => budgetInterval(intervals.environmentsMs ?? 5000, store.getState().rateLimitRemaining),
          clock,
          run: async () => {
            await store.getState().refreshEnvironments();
            store.getState().resumePendingReleases();
            await deps.locateTickets?.().catch(() => undefined);
          },
        });
  if (deps.platformName !== undefined) state.registerSource(deps.platformName, intervals.environmentsMs ?? 5000);

  const pullRequests =
    intervals.pullRequestsMs === undefined || !state.githubEnabled
      ? undefined
      : createPoller({
          intervalMs: intervals.pullRequestsMs,
          clock,
          run: () => store.getState().refreshPullRequests(),
        });
  if (pullRequests) state.registerSource(GITHUB_SOURCE, intervals.pullRequestsMs!);

  let ticker: unknown;
  const tick = () => {
    store.getState().tick();
    ticker = clock.setTimeout(tick, 1000);
  };
  ticker = clock.setTimeout(tick, 1000);

  tickets.start();
  pullRequests?.start();
  // Should git never answer, the environments still come, a little later.
  const fallback = clock.setTimeout(startEnvironments, 2000);
  return () => {
    clock.clearTimeout(fallback);
    stopWatching();
    tickets.stop();
    git.stop();
    environments?.stop();
    pullRequests?.stop();
    clock.clearTimeout(ticker);
  };
}

/** The environments poll interval for the API budget left: normal above half, then 2x, 4x, and once a minute near empty. */
export function budgetInterval(baseMs: number, remaining: number | undefined, capacity = 4500): number {
  if (remaining === undefined) return baseMs;
  const share = remaining / capacity;
  if (share > 0.5) return baseMs;
  if (share > 0.2) return baseMs * 2;
  if (share > 0.05) return baseMs * 4;
  return Math.max(baseMs * 12, 60_000);
}
