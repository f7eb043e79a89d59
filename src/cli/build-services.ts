// Picks the adapters the configuration asks for.
import { userInfo } from 'node:os';
import type { LoadedConfig } from '../config/load-config.js';
import type { DeckServices } from '../store/create-deck-store.js';
import { createMarkdownTicketSource } from '../services/tickets/markdown-ticket-source.js';
import { createGitCodeHost } from '../services/git/git-code-host.js';
import { connectPlatform } from './platform-connection.js';
import { runTestGate } from '../services/shell/test-gate.js';
import { createAuditLog } from '../services/audit/audit-log.js';
import { whatShips } from '../services/git/shipping.js';
import { mergeBranchLocally } from '../services/git/merge-branch.js';
import { printError } from './output.js';
import { herokuLogStreams } from '../services/heroku/heroku-log-streams.js';
import { systemClock } from '../services/ports.js';
import { createGitHubService, type GitHubService } from '../services/github/index.js';
import type { TicketCreator, TicketSource } from '../services/ports.js';
import { createMarkdownTicketCreator } from '../services/tickets/markdown-ticket-creator.js';
import { createIssueTicketCreator } from '../services/github/issue-ticket-creator.js';

/**
 * `startEngine`: actions and the deck start the local engine when it is not running; read-only
 * commands only look for it. `followEngine` (the deck): while the engine is away, reads wait for
 * it to come back, so panes and log tails reconnect as soon as it does.
 * `onAuditFailure`: where an audit entry that could not be written is reported (default: stderr, for the CLI).
 */
export function buildServices(
  loaded: LoadedConfig,
  opts: { startEngine?: boolean; followEngine?: boolean; onAuditFailure?: (message: string) => void } = {},
): DeckServices {
  const { config, root } = loaded;
  const platform = connectPlatform(loaded, { start: opts.startEngine ?? false, follow: opts.followEngine ?? false });
  const github = githubService(loaded);
  const issues = github && config.tickets.source === 'github';
  return {
    tickets: issues ? issuesAsTickets(github) : markdownTickets(loaded),
    ticketCreator: issues ? createIssueTicketCreator(github) : markdownTicketCreator(loaded),
    code: createGitCodeHost({ cwd: root, mainBranch: config.git.mainBranch }),
    platform,
    // One log session per environment, whoever listens (the Logs pane, the health watcher).
    logStreams: platform
      ? herokuLogStreams({ logSessionUrl: (env, o) => platform.logSessionUrl(env, o), clock: systemClock })
      : undefined,
    gate: { command: config.deploy.test, run: runTestGate },
    audit: createAuditLog({
      root,
      who: userInfo().username,
      onFailure: opts.onAuditFailure ?? ((message) => printError(`dynodeck: audit log: ${message}`)),
    }),
    ships: whatShips,
    ...(github
      ? { github }
      : {
          localMerge: (branch: string, message: string) =>
            mergeBranchLocally({ repo: root, branch, mainBranch: config.git.mainBranch, message }),
        }),
  };
}

/** GitHub is used when dynodeck.yml has a github: section or reads its tickets from GitHub issues. */
export function githubService(loaded: LoadedConfig): GitHubService | undefined {
  const { config, root } = loaded;
  if (!config.github && config.tickets.source !== 'github') return undefined;
  return createGitHubService({ root, github: config.github });
}

function markdownTickets(loaded: LoadedConfig): TicketSource {
  return createMarkdownTicketSource({ root: loaded.root, dir: loaded.config.tickets.dir });
}

function markdownTicketCreator(loaded: LoadedConfig): TicketCreator {
  return createMarkdownTicketCreator({
    root: loaded.root,
    dir: loaded.config.tickets.dir,
    project: loaded.config.project,
  });
}

/** The issues, under the name every ticket source has in the header and the sources ("tickets"). */
export function issuesAsTickets(github: GitHubService): TicketSource {
  return { name: 'tickets', load: () => github.tickets.load() };
}
