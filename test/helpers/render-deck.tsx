// Renders the deck with ink-testing-library over a store fed by in-memory sources.
import { render } from 'ink-testing-library';
import type { BranchStatus } from '../../src/domain/branch.js';
import type { Ticket, TicketProblem } from '../../src/domain/ticket.js';
import type { CodeHost, Platform, TicketSource } from '../../src/services/ports.js';
import type { AuditLog } from '../../src/services/audit/audit-log.js';
import { createDeckStore, refreshAll, type DeckServices, type DeckStore } from '../../src/store/create-deck-store.js';
import { DeckProvider } from '../../src/screens/deck-context.js';
import { App } from '../../src/screens/App.js';
import { createTheme } from '../../src/screens/theme.js';
import { createFakeClock } from './fake-clock.js';
import { herokuLogStreams } from '../../src/services/heroku/heroku-log-streams.js';
import { memoryPlatform } from './memory-platform.js';

export function makeTicket(id: string, extra: Partial<Ticket> = {}): Ticket {
  return {
    id,
    title: `Ticket ${id}`,
    complexity: 'standard',
    description: '',
    criteria: [],
    file: `tickets/${id}.md`,
    ...extra,
  };
}

export function memoryTicketSource(tickets: Ticket[], problems: TicketProblem[] = []): TicketSource {
  return { name: 'tickets', load: async () => ({ tickets, problems }) };
}

export function memoryCodeHost(branches: BranchStatus[] = []): CodeHost {
  return {
    name: 'git',
    mainBranch: 'main',
    branches: async (names) =>
      new Map(
        names.map((n) => [
          n,
          branches.find((b) => b.name === n) ?? { name: n, exists: false, ahead: 0, behind: 0, merged: false },
        ]),
      ),
  };
}

/** A store over empty in-memory tickets, code and platform, on a fake clock, after its first refresh (nothing rendered). */
export async function refreshedDeckStore() {
  const clock = createFakeClock();
  const store: DeckStore = createDeckStore({
    project: 'brightcart',
    root: '/tmp/brightcart',
    platform: 'local',
    services: { tickets: memoryTicketSource([]), code: memoryCodeHost(), platform: memoryPlatform() },
    clock,
  });
  await refreshAll(store);
  return { store, clock };
}

export async function renderDeck(
  opts: {
    tickets?: TicketSource;
    code?: CodeHost;
    color?: boolean;
    platform?: Platform;
    report?: DeckServices['report'];
    audit?: AuditLog;
    github?: DeckServices['github'];
    localMerge?: DeckServices['localMerge'];
    readOnly?: boolean;
  } = {},
) {
  const clock = createFakeClock();
  const platform = opts.platform;
  const logStreams = platform
    ? herokuLogStreams({ logSessionUrl: (env, o) => platform.logSessionUrl(env, o), clock })
    : undefined;
  const store: DeckStore = createDeckStore({
    project: 'brightcart',
    root: '/tmp/brightcart',
    platform: opts.platform ? 'local' : undefined,
    services: {
      tickets: opts.tickets ?? memoryTicketSource([]),
      code: opts.code ?? memoryCodeHost(),
      platform: opts.platform,
      logStreams,
      report: opts.report,
      audit: opts.audit,
      github: opts.github,
      localMerge: opts.localMerge,
    },
    readOnly: opts.readOnly ? { all: true, environments: [] } : undefined,
    clock,
  });
  await refreshAll(store);
  const app = render(
    <DeckProvider store={store} theme={createTheme(opts.color ?? false)}>
      <App />
    </DeckProvider>,
  );
  return { ...app, store, clock, logStreams };
}

export const keys = {
  tab: '\t',
  shiftTab: '\u001b[Z',
  enter: '\r',
  escape: '\u001b',
  down: '\u001b[B',
  up: '\u001b[A',
};
