// GitHub for the deck, as one service: tickets from issues, pull requests with review and
// checks, merging, what ships between two commits, deployments and releases, plus the
// connection's status line and the rate budget for the header. The connection (repo,
// token, client) is made on first use, so the deck can draw before GitHub answers; a
// missing token or repo is a status line, not a crash.
import type { GitHubConfig } from '../../config/schema.js';
import type { PullRequest } from '../../domain/pull-request.js';
import type { Ticket } from '../../domain/ticket.js';
import type { TicketSource } from '../ports.js';
import {
  createDeployments,
  type DeploymentActivity,
  type FinishDeployment,
  type StartDeployment,
} from './deployments.js';
import { apiUrlFor, findRepo, webHostFor } from './find-repo.js';
import { findGitHubToken, tokenAdvice, type TokenSource } from './find-token.js';
import { createGitHubClient, type GitHubClient, type GitHubClientOptions, type RequestStats } from './github-client.js';
import { describeGitHubError, GitHubProblem } from './github-errors.js';
import { createIssueTickets, type NewTicket } from './github-tickets.js';
import { DEFAULT_COMPLEXITY_LABELS } from './issue-ticket.js';
import { allowedMergeMethod, mergeBlocker, type MergeMethod } from './merge-readiness.js';
import { GITHUB_POLL_SCHEDULE, type GitHubPollSchedule } from './poll-schedule.js';
import { pullRequestsOfTicket } from './pull-request-links.js';
import { createPullRequestTracker, type PullRequestTracker } from './pull-request-tracker.js';
import type { RateBudget } from './rate-budget.js';
import { createReleases, type CreateRelease, type ReleaseEntry, type ReleaseOutcome } from './releases.js';
import { repoSlug, type RepoRef } from './repo-ref.js';
import { createShipments, type Shipment } from './shipment.js';

export interface GitHubServiceOptions {
  /** The project folder: its `origin` remote names the repo when github.repo is not set. */
  root: string;
  github?: GitHubConfig;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  schedule?: Partial<GitHubPollSchedule>;
  client?: Pick<GitHubClientOptions, 'readTimeoutMs' | 'writeTimeoutMs' | 'secondMs' | 'maxWaitSeconds'>;
  /** How long `gh auth token` may take (default 5 s). */
  ghTimeoutMs?: number;
  /** How long a missing token or repo is remembered before looking again (default 60 s). */
  retryConnectMs?: number;
}

export type GitHubStatus =
  | { state: 'connecting' }
  | { state: 'ok'; repo: string; tokenSource: TokenSource }
  | {
      state: 'no-token' | 'no-repo' | 'bad-token' | 'rate-limited' | 'unreachable' | 'server';
      message: string;
    };

export type TicketRef = Pick<Ticket, 'id'> & Partial<Pick<Ticket, 'number' | 'branch'>>;

export type MergeOutcome =
  | { ok: true; pullRequest: number; method: MergeMethod; sha: string }
  | { ok: false; reason: string; pullRequest?: number };

/** What the deck gets from GitHub. Every method connects on first use. */
export interface GitHubService {
  readonly name: 'github';
  /** The poll schedule the budget was measured with (bench/github-budget.mjs). */
  readonly schedule: GitHubPollSchedule;
  status(): GitHubStatus;
  /** One line for the header and `status` when GitHub is not usable (no token, rejected, ...); undefined while all is well. */
  statusLine(): string | undefined;
  /** The REST budget as GitHub's last answer reported it, for the header. */
  budget(): RateBudget | undefined;
  /** Requests sent and answered 304, since start. */
  stats(): RequestStats;
  /** Finds the repo and token and reads the repository once; resolves with the status. */
  connect(): Promise<GitHubStatus>;
  repo(): Promise<RepoRef>;
  /** The login the token belongs to (to tell someone else's deployment from ours). */
  whoAmI(): Promise<string>;
  /** Issues as tickets (`load` is one poll: call it every schedule.ticketsMs); `create` opens an issue. */
  tickets: TicketSource & { create(input: NewTicket): Promise<Ticket> };
  /** One poll of the pull requests (call it every schedule.pullRequestsMs): open ones detailed, recent closed ones listed. */
  pullRequests(): Promise<PullRequest[]>;
  /** The ticket's pull requests from the last poll (polls once when there was none), newest first. */
  pullRequestsFor(ticket: TicketRef): Promise<PullRequest[]>;
  /** One pull request with its review and checks read now (merged ones too). */
  pullRequest(number: number): Promise<PullRequest>;
  /** Merges the ticket's open pull request (or the one named) when approved with passing checks. */
  merge(target: TicketRef | { pullRequest: number }): Promise<MergeOutcome>;
  /** What ships from `base` to `head` (commit shas, branches or tags). */
  compare(base: string, head: string): Promise<Shipment>;
  deployments: {
    /** Records a deployment (auto_merge off, no required contexts) and sets it in_progress. */
    start(input: StartDeployment): Promise<DeploymentActivity>;
    finish(id: number, outcome: FinishDeployment): Promise<void>;
    /** The environment's newest deployment with its latest status; `inProgress` means someone is deploying. */
    latest(environment: string): Promise<DeploymentActivity | undefined>;
    recent(environment: string, count?: number): Promise<DeploymentActivity[]>;
  };
  releases: {
    /** Tags `github.releaseTag` on the commit; a tag that exists already is reported (`alreadyExists`), not retried. */
    create(input: CreateRelease): Promise<ReleaseOutcome>;
    recent(count?: number): Promise<ReleaseEntry[]>;
  };
}

interface Connection {
  client: GitHubClient;
  repo: RepoRef;
  tokenSource: TokenSource;
  pulls: PullRequestTracker;
  tickets: ReturnType<typeof createIssueTickets>;
  shipments: ReturnType<typeof createShipments>;
  deployments: ReturnType<typeof createDeployments>;
  releases: ReturnType<typeof createReleases>;
  me?: string;
}

export function createGitHubService(opts: GitHubServiceOptions): GitHubService {
  const env = opts.env ?? process.env;
  const now = opts.now ?? Date.now;
  const schedule: GitHubPollSchedule = { ...GITHUB_POLL_SCHEDULE, ...opts.schedule };
  const config = opts.github;
  const labels = config?.labels.complexity ?? DEFAULT_COMPLEXITY_LABELS;
  let status: GitHubStatus = { state: 'connecting' };
  let connecting: Promise<Connection> | undefined;
  let failedAt = 0;
  let connectProblem: GitHubProblem | undefined;
  let current: Connection | undefined;

  async function open(): Promise<Connection> {
    const found = await findRepo({ root: opts.root, configured: config?.repo });
    if (!found.ok) throw new GitHubProblem('no-repo', found.problem);
    const baseUrl = apiUrlFor(env, found.repo);
    const token = await findGitHubToken({ env, host: webHostFor(baseUrl, found.repo), timeoutMs: opts.ghTimeoutMs });
    if (!token) throw new GitHubProblem('no-token', `no GitHub token: ${tokenAdvice()}`);
    const client = createGitHubClient({ ...opts.client, baseUrl, token: token.token, now });
    const { octokit } = client;
    const repo = found.repo;
    const pulls = createPullRequestTracker({ octokit, repo, schedule, now });
    return {
      client,
      repo,
      tokenSource: token.source,
      pulls,
      tickets: createIssueTickets({ octokit, repo, labels, closedDays: schedule.closedIssueDays, now }),
      shipments: createShipments({ octokit, repo, pulls }),
      deployments: createDeployments({ octokit, repo }),
      releases: createReleases({
        octokit,
        repo,
        tagTemplate: config?.releaseTag ?? 'production-v{version}',
        baseUrl,
        now,
      }),
    };
  }

  function connection(): Promise<Connection> {
    if (!connecting && connectProblem && now() - failedAt < (opts.retryConnectMs ?? 60_000)) {
      return Promise.reject(connectProblem);
    }
    connecting ??= open().then(
      (c) => {
        current = c;
        connectProblem = undefined;
        return c;
      },
      (error: unknown) => {
        connecting = undefined;
        failedAt = now();
        const problem =
          error instanceof GitHubProblem && (error.kind === 'no-token' || error.kind === 'no-repo')
            ? error
            : new GitHubProblem('no-repo', `cannot find the GitHub repository: ${String(error)}`);
        connectProblem = problem;
        status = { state: problem.kind as 'no-token' | 'no-repo', message: problem.message };
        throw problem;
      },
    );
    return connecting;
  }

  /** Runs a request on the connection; connection-level trouble becomes the status line. */
  async function using<T>(fn: (c: Connection) => Promise<T>): Promise<T> {
    const c = await connection();
    try {
      const value = await fn(c);
      status = { state: 'ok', repo: repoSlug(c.repo), tokenSource: c.tokenSource };
      return value;
    } catch (error) {
      const problem = describeGitHubError(error, { tokenSource: c.tokenSource, baseUrl: c.client.baseUrl });
      if (problem.kind === 'request') {
        status = { state: 'ok', repo: repoSlug(c.repo), tokenSource: c.tokenSource };
      } else {
        status = { state: problem.kind, message: problem.message };
        // gh may have a fresh token after "gh auth login": look again next time.
        if (problem.kind === 'bad-token' && c.tokenSource === 'gh auth token') connecting = undefined;
      }
      throw problem;
    }
  }

  async function pullRequests(): Promise<PullRequest[]> {
    return using((c) => c.pulls.refresh());
  }

  async function pullRequestsFor(ticket: TicketRef): Promise<PullRequest[]> {
    const all = current?.pulls.current() ?? (await pullRequests());
    return pullRequestsOfTicket(ticket, all);
  }

  async function merge(target: TicketRef | { pullRequest: number }): Promise<MergeOutcome> {
    let number: number;
    if ('pullRequest' in target) number = target.pullRequest;
    else {
      const open = (await pullRequestsFor(target)).filter((p) => p.state === 'open');
      if (open.length === 0) return { ok: false, reason: `no open pull request for ${target.id}` };
      if (open.length > 1) {
        const list = open.map((p) => `#${p.number}`).join(', ');
        return {
          ok: false,
          reason: `${target.id} has ${open.length} open pull requests (${list}): merge one by number`,
        };
      }
      number = open[0]!.number;
    }
    return using(async (c) => {
      const pr = await c.pulls.detail(number);
      const blocker = mergeBlocker(pr);
      if (blocker) return { ok: false, reason: blocker, pullRequest: number };
      const { data: settings } = await c.client.octokit.request('GET /repos/{owner}/{repo}', {
        owner: c.repo.owner,
        repo: c.repo.name,
      });
      const method = allowedMergeMethod(settings);
      if (!method) return { ok: false, reason: 'the repository allows no merge method', pullRequest: number };
      try {
        const { data } = await c.client.octokit.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', {
          owner: c.repo.owner,
          repo: c.repo.name,
          pull_number: number,
          merge_method: method,
          sha: pr.headSha,
        });
        return { ok: true, pullRequest: number, method, sha: data.sha };
      } catch (error) {
        // Refused, timed out or failed: reported, never sent again. Token and rate-limit
        // trouble goes to the status line as for any request.
        const problem = describeGitHubError(error, { tokenSource: c.tokenSource, baseUrl: c.client.baseUrl });
        if (problem.kind === 'bad-token' || problem.kind === 'rate-limited') throw error;
        return { ok: false, reason: `#${number} not merged: ${problem.message}`, pullRequest: number };
      }
    });
  }

  const tickets: TicketSource & { create(input: NewTicket): Promise<Ticket> } = {
    name: 'github',
    load: () => using((c) => c.tickets.load()),
    create: (input) => using((c) => c.tickets.create(input)),
  };

  return {
    name: 'github',
    schedule,
    status: () => status,
    statusLine: () => ('message' in status ? status.message : undefined),
    budget: () => current?.client.budget(),
    stats: () => current?.client.stats() ?? { sent: 0, notModified: 0 },
    async connect() {
      await using((c) =>
        c.client.octokit.request('GET /repos/{owner}/{repo}', { owner: c.repo.owner, repo: c.repo.name }),
      ).catch((error: unknown) => {
        if (error instanceof GitHubProblem && error.status === 404 && current) {
          status = {
            state: 'no-repo',
            message: `GitHub repository ${repoSlug(current.repo)} not found, or the token from ${current.tokenSource} cannot see it`,
          };
        }
      });
      return status;
    },
    repo: async () => (await connection()).repo,
    whoAmI: () =>
      using(async (c) => {
        c.me ??= (await c.client.octokit.request('GET /user')).data.login;
        return c.me;
      }),
    tickets,
    pullRequests,
    pullRequestsFor,
    pullRequest: (number) => using((c) => c.pulls.detail(number)),
    merge,
    compare: (base, head) => using((c) => c.shipments.compare(base, head)),
    deployments: {
      start: (input) => using((c) => c.deployments.start(input)),
      finish: (id, outcome) => using((c) => c.deployments.finish(id, outcome)),
      latest: (environment) => using((c) => c.deployments.latest(environment)),
      recent: (environment, count) => using((c) => c.deployments.recent(environment, count)),
    },
    releases: {
      create: (input) => using((c) => c.releases.create(input)),
      recent: (count) => using((c) => c.releases.recent(count)),
    },
  };
}
