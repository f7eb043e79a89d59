// The one store of the deck. Services are injected so tests and the headless CLI
// build it the same way the TUI does, with nothing module-global.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  Clock,
  CodeHost,
  DraftEditor,
  LogStreams,
  Platform,
  TicketCreator,
  TicketSource,
} from '../services/ports.js';
import type { DraftFile } from '../services/tickets/draft-file.js';
import { createNewTicketSlice } from './new-ticket-slice.js';
import type { AuditLog } from '../services/audit/audit-log.js';
import { createEnvironmentsSlice } from './environments-slice.js';
import { createActionsSlice, type GateRunner } from './actions-slice.js';
import { createDialogSlice, GATE_NONE } from './dialog-slice.js';
import { createLogsSlice } from './logs-slice.js';
import { createHealthSlice } from './health-slice.js';
import type { Shipment } from '../services/git/shipping.js';
import type { DeckState } from './deck-state.js';
import { createSourcesSlice } from './sources-slice.js';
import { createTicketsSlice } from './tickets-slice.js';
import { createCodeSlice } from './code-slice.js';
import { createUiSlice } from './ui-slice.js';
import { createClockSlice } from './clock-slice.js';
import { createCommandLineSlice, type CommandHistoryStore } from './command-line-slice.js';
import { createReportSlice, type ReportLoader } from './report-slice.js';
import { NOT_READ_ONLY, type ReadOnlySetting } from './read-only.js';
import { createGitHubSlice } from './github-slice.js';
import { busyEnvironmentOn, createGitHubLedger } from './github-ledger.js';
import { createPreflight } from './preflight.js';
import type { GitHubService } from '../services/github/index.js';

export interface DeckServices {
  tickets: TicketSource;
  code: CodeHost;
  platform?: Platform;
  /** Live logs per environment, one stream each, shared by the Logs pane and the health watcher. */
  logStreams?: LogStreams;
  gate?: { command?: string; run: GateRunner };
  audit?: AuditLog;
  /** Commits reachable from `to` and not from `from` (the preflight's list). */
  ships?: (opts: { repo: string; from?: string; to: string }) => Promise<Shipment>;
  /** Where the `:` line's history is kept. */
  commandHistory?: CommandHistoryStore;
  /** Reads the outcomes report (releases, git, alert history, audit log). */
  report?: ReportLoader;
  /** GitHub (github: in dynodeck.yml): pull requests, merging, compare, deployments and releases. */
  github?: GitHubService;
  /** Without GitHub: `M` merges a ticket's branch into the main branch of the local repository. */
  localMerge?: (branch: string, message: string) => Promise<{ ok: true; sha: string } | { ok: false; reason: string }>;
  /** `n` in the Tickets pane: where a new ticket goes, the editor that writes it, and where its draft is kept. */
  ticketCreator?: TicketCreator;
  editor?: DraftEditor;
  ticketDraft?: DraftFile;
}

export interface DeckStoreOptions {
  project: string;
  root: string;
  platform?: 'local' | 'heroku';
  readOnly?: ReadOnlySetting;
  services: DeckServices;
  clock: Clock;
}

export type DeckStore = StoreApi<DeckState>;

export function createDeckStore(opts: DeckStoreOptions): DeckStore {
  const now = () => opts.clock.now();
  return createStore<DeckState>()((...a) => {
    const get = a[1];
    const preflight = createPreflight({
      root: opts.root,
      ships: opts.services.ships,
      github: opts.services.github,
      gateCommand: opts.services.gate?.command,
      get,
    });
    return {
      project: opts.project,
      root: opts.root,
      platform: opts.platform,
      readOnly: opts.readOnly ?? NOT_READ_ONLY,
      ...createCommandLineSlice(opts.services.commandHistory)(...a),
      ...createReportSlice(opts.services.report)(...a),
      ...createSourcesSlice(now)(...a),
      ...createTicketsSlice(opts.services.tickets)(...a),
      ...createCodeSlice(opts.services.code)(...a),
      ...createUiSlice(...a),
      ...createClockSlice(now)(...a),
      ...createEnvironmentsSlice(opts.services.platform, now)(...a),
      ...createActionsSlice({
        platform: opts.services.platform,
        repo: opts.root,
        mainBranch: opts.services.code.mainBranch,
        testCommand: opts.services.gate?.command,
        runGate:
          opts.services.gate?.run ??
          (async () => ({ ok: false, reason: 'no test gate runner', tail: [], durationMs: 0 })),
        audit: opts.services.audit ?? { write: async () => undefined },
        ledger: opts.services.github ? createGitHubLedger(opts.services.github) : undefined,
        resolveCommit: async (ref) => (await opts.services.code.branches([ref])).get(ref)?.lastCommit?.sha,
      })(...a),
      ...createDialogSlice({
        preflight,
        gateDescription: opts.services.gate?.command ?? GATE_NONE,
        releases: opts.services.platform ? (env, count) => opts.services.platform!.releases(env, count) : undefined,
        configVarNames: opts.services.platform ? (env) => opts.services.platform!.configVarNames(env) : undefined,
        busyEnvironment: opts.services.github ? busyEnvironmentOn(opts.services.github) : undefined,
        githubReleases: opts.services.github ? (count) => opts.services.github!.releases.recent(count) : undefined,
        githubDeployments: opts.services.github
          ? (env, count) => opts.services.github!.deployments.recent(env, count)
          : undefined,
      })(...a),
      ...createHealthSlice(...a),
      ...createGitHubSlice({
        github: opts.services.github,
        audit: opts.services.audit ?? { write: async () => undefined },
        localMerge: opts.services.localMerge,
      })(...a),
      ...createLogsSlice({ clock: opts.clock, logStreams: opts.services.logStreams })(...a),
      ...createNewTicketSlice({
        creator: opts.services.ticketCreator,
        editor: opts.services.editor,
        draft: opts.services.ticketDraft,
        audit: opts.services.audit ?? { write: async () => undefined },
      })(...a),
    };
  });
}

/** One refresh of every source, for headless commands. Failures are recorded, not thrown. */
export async function refreshAll(store: DeckStore): Promise<void> {
  await Promise.all([
    store
      .getState()
      .refreshTickets()
      .catch(() => {}),
    store
      .getState()
      .refreshPullRequests()
      .catch(() => {}),
    store
      .getState()
      .refreshEnvironments()
      .catch(() => {}),
  ]);
  await store
    .getState()
    .refreshBranches()
    .catch(() => {});
}
