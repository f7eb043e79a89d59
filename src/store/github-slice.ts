// What GitHub says about the tickets' code: the pull requests (with review and checks) from
// the last poll, the connection's trouble in one line (no token, rejected…), the REST
// budget left for the header, and merging a ticket's pull request.
import type { StateCreator } from 'zustand/vanilla';
import type { PullRequest } from '../domain/pull-request.js';
import type { GitHubService, RateBudget } from '../services/github/index.js';
import type { AuditLog } from '../services/audit/audit-log.js';
import type { DeckState } from './deck-state.js';
import { readOnlyReason } from './read-only.js';

/** The name the pull-request poll is recorded under in the sources (header, `status`). */
export const GITHUB_SOURCE = 'github';

export type MergeResult =
  { ok: true; pullRequest?: number; method: string; sha: string } | { ok: false; reason: string };

export interface GitHubSlice {
  /** GitHub is configured (github: in dynodeck.yml, or tickets from GitHub issues). */
  githubEnabled: boolean;
  /** Open pull requests and recently closed ones, from the last poll. */
  pullRequests: PullRequest[];
  /** Why GitHub cannot be used now, naming what to set ("set GITHUB_TOKEN…"); undefined while all is well. */
  githubProblem?: string;
  /** The REST budget as GitHub's last answer reported it. */
  githubBudget?: RateBudget;
  /** One poll of the pull requests; records success or failure on the "github" source. Rejects on failure. */
  refreshPullRequests(): Promise<void>;
  /** Merges the ticket's open pull request (approved, checks passing), recorded in the audit log. */
  mergeTicket(ticketId: string, opts?: { via?: 'deck' | 'cli' }): Promise<MergeResult>;
}

export const createGitHubSlice =
  (deps: {
    github?: GitHubService;
    audit: AuditLog;
    /** Without GitHub: merges the branch into the main branch of the local repository (a merge commit). */
    localMerge?: (
      branch: string,
      message: string,
    ) => Promise<{ ok: true; sha: string } | { ok: false; reason: string }>;
  }): StateCreator<DeckState, [], [], GitHubSlice> =>
  (set, get) => {
    const { github } = deps;
    const noteConnection = () => {
      if (!github) return;
      const problem = github.statusLine();
      const budget = github.budget();
      const s = get();
      if (s.githubProblem !== problem) set({ githubProblem: problem });
      if (JSON.stringify(s.githubBudget) !== JSON.stringify(budget)) set({ githubBudget: budget });
    };
    return {
      githubEnabled: github !== undefined,
      pullRequests: [],
      githubProblem: undefined,
      githubBudget: undefined,
      async refreshPullRequests() {
        if (!github) return;
        try {
          const pulls = await github.pullRequests();
          if (JSON.stringify(pulls) !== JSON.stringify(get().pullRequests)) set({ pullRequests: pulls });
          get().sourceSucceeded(GITHUB_SOURCE);
        } catch (error) {
          get().sourceFailed(GITHUB_SOURCE, error);
          throw error;
        } finally {
          noteConnection();
        }
      },
      async mergeTicket(ticketId, opts = {}) {
        const via = opts.via ?? 'deck';
        const ticket = get().tickets.find((t) => t.id === ticketId);
        const refuse = async (reason: string): Promise<MergeResult> => {
          await deps.audit.write({ what: 'merge', target: ticketId, result: 'refused', detail: { via, reason } });
          return { ok: false, reason };
        };
        if (!ticket) return refuse(`no ticket ${ticketId}`);
        const locked = readOnlyReason(get().readOnly);
        if (locked) return refuse(locked);
        if (!github && !deps.localMerge)
          return refuse('GitHub is not configured (add a "github:" section to dynodeck.yml)');
        if (!github && !ticket.branch) return refuse(`${ticket.id} names no branch to merge`);
        await deps.audit.write({
          what: 'merge',
          target: ticket.id,
          result: 'started',
          detail: { via, ...(github ? {} : { ref: ticket.branch }) },
        });
        let result: MergeResult;
        try {
          if (github) result = await github.merge({ id: ticket.id, number: ticket.number, branch: ticket.branch });
          else {
            const local = await deps.localMerge!(
              ticket.branch!,
              `Merge branch '${ticket.branch}' (${ticket.id} ${ticket.title})`,
            );
            result = local.ok ? { ok: true, method: 'local merge commit', sha: local.sha } : local;
          }
        } catch (error) {
          result = { ok: false, reason: error instanceof Error ? error.message : String(error) };
        }
        noteConnection();
        await deps.audit.write({
          what: 'merge',
          target: ticket.id,
          result: result.ok ? 'succeeded' : 'failed',
          detail: result.ok
            ? {
                via,
                ...(result.pullRequest !== undefined ? { pullRequest: `#${result.pullRequest}` } : {}),
                method: result.method,
                sha: result.sha,
              }
            : { via, reason: result.reason },
        });
        // What the merge changed: the pull requests on GitHub, or the branches in local git.
        if (result.ok && github)
          void get()
            .refreshPullRequests()
            .catch(() => undefined);
        if (result.ok && !github)
          void get()
            .refreshBranches()
            .catch(() => undefined);
        return result;
      },
    };
  };
