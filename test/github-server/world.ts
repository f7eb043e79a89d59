// The repository the GitHub-like server serves: issues (pull requests are issues too),
// pull requests with their reviews, commits and branches, check runs, commit statuses,
// releases and deployments. Tests arrange and change it through these methods; the
// routes change it the way GitHub does.
import { createHash } from 'node:crypto';
import type { GitHubTestServerOptions, SeedIssue, SeedPull } from './options.js';
import type {
  UserRecord,
  ReviewRecord,
  PullRecord,
  IssueRecord,
  CommitRecord,
  CheckRunRecord,
  StatusRecord,
  ReleaseRecord,
  DeploymentState,
  DeploymentStatusRecord,
  DeploymentRecord,
  MergeMethod,
} from './records.js';

export type {
  UserRecord,
  ReviewRecord,
  PullRecord,
  IssueRecord,
  CommitRecord,
  CheckRunRecord,
  StatusRecord,
  ReleaseRecord,
  DeploymentState,
  DeploymentStatusRecord,
  DeploymentRecord,
  MergeMethod,
} from './records.js';

export class World {
  readonly owner: string;
  readonly name: string;
  readonly repoId = 700_001;
  defaultBranch: string;
  allowed: Record<MergeMethod, boolean>;
  readonly users = new Map<string, UserRecord>();
  readonly issues = new Map<number, IssueRecord>();
  readonly commits = new Map<string, CommitRecord>();
  readonly branches = new Map<string, string>();
  readonly checkRuns: CheckRunRecord[] = [];
  readonly statuses: StatusRecord[] = [];
  readonly releases: ReleaseRecord[] = [];
  readonly deployments: DeploymentRecord[] = [];
  readonly tokenUser: string;
  readonly now: () => number;
  /** When a branch last moved (the repository's pushed_at). */
  pushedAt = '';
  private nextId = 1000;
  private nextNumber = 1;
  private commitSeq = 0;

  constructor(opts: GitHubTestServerOptions) {
    this.owner = opts.owner ?? 'acme';
    this.name = opts.repo ?? 'shop';
    this.defaultBranch = opts.defaultBranch ?? 'main';
    this.now = opts.now ?? Date.now;
    this.tokenUser = opts.user ?? 'deck-user';
    this.allowed = {
      merge: opts.mergeMethods?.merge ?? true,
      squash: opts.mergeMethods?.squash ?? true,
      rebase: opts.mergeMethods?.rebase ?? true,
    };
    this.user(this.tokenUser);
    this.addCommit({ message: 'Initial commit', branch: this.defaultBranch, parents: [] });
    for (const issue of opts.issues ?? []) this.addIssue(issue);
    for (const pull of opts.pulls ?? []) this.addPull(pull);
  }

  time(): string {
    return new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  id(): number {
    return this.nextId++;
  }

  user(login: string): UserRecord {
    let user = this.users.get(login);
    if (!user) {
      user = { login, id: 5000 + this.users.size, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
      this.users.set(login, user);
    }
    return user;
  }

  // Issues
  addIssue(seed: SeedIssue): IssueRecord {
    const at = seed.createdAt ?? this.time();
    const issue: IssueRecord = {
      number: this.nextNumber++,
      id: this.id(),
      title: seed.title,
      body: seed.body ?? null,
      state: seed.state ?? 'open',
      stateReason: seed.state === 'closed' ? 'completed' : null,
      labels: seed.labels ?? [],
      assignees: seed.assignee ? [seed.assignee] : [],
      author: seed.author ?? this.tokenUser,
      createdAt: at,
      updatedAt: seed.closedAt ?? at,
      closedAt: seed.state === 'closed' ? (seed.closedAt ?? at) : null,
    };
    this.user(issue.author);
    for (const login of issue.assignees) this.user(login);
    this.issues.set(issue.number, issue);
    return issue;
  }

  issue(number: number): IssueRecord {
    const issue = this.issues.get(number);
    if (!issue) throw new Error(`no issue #${number}`);
    return issue;
  }

  editIssue(number: number, change: Partial<Pick<IssueRecord, 'title' | 'body' | 'labels' | 'assignees'>>): void {
    Object.assign(this.issue(number), change);
    this.touch(number);
  }

  closeIssue(number: number, reason: 'completed' | 'not_planned' = 'completed'): void {
    const issue = this.issue(number);
    issue.state = 'closed';
    issue.stateReason = reason;
    issue.closedAt = this.time();
    this.touch(number);
  }

  touch(number: number): void {
    this.issue(number).updatedAt = this.time();
  }

  // Commits and branches
  addCommit(opts: { message: string; branch?: string; parents?: string[]; author?: string }): string {
    const parents =
      opts.parents ?? (opts.branch && this.branches.has(opts.branch) ? [this.branches.get(opts.branch)!] : []);
    const sha = createHash('sha1')
      .update(`${++this.commitSeq}\0${opts.message}\0${parents.join(',')}`)
      .digest('hex');
    this.commits.set(sha, {
      sha,
      message: opts.message,
      author: opts.author ?? this.tokenUser,
      date: this.time(),
      parents,
    });
    if (opts.branch) {
      this.branches.set(opts.branch, sha);
      this.pushedAt = this.time();
    }
    return sha;
  }

  /** A full sha for a sha (or unique prefix of 7+), a branch or a release tag; undefined when unknown. */
  resolve(ref: string): string | undefined {
    if (this.branches.has(ref)) return this.branches.get(ref);
    const tag = this.releases.find((r) => r.tagName === ref);
    if (tag) return this.resolve(tag.targetCommitish);
    if (/^[0-9a-f]{7,40}$/.test(ref)) {
      const found = [...this.commits.keys()].filter((sha) => sha.startsWith(ref));
      if (found.length === 1) return found[0];
    }
    return undefined;
  }

  /** Every commit reachable from sha (itself included). */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(this.commits.get(next)?.parents ?? []));
    }
    return seen;
  }

  // Pull requests
  addPull(seed: SeedPull): IssueRecord {
    const base = seed.base ?? this.defaultBranch;
    const baseTip = this.branches.get(base);
    if (!baseTip) throw new Error(`no branch ${base}`);
    if (!this.branches.has(seed.head)) this.branches.set(seed.head, baseTip);
    const commits: string[] = [];
    for (let i = 0; i < (seed.commits ?? 1); i++) {
      commits.push(this.addCommit({ message: `${seed.title} (${i + 1})`, branch: seed.head, author: seed.author }));
    }
    const issue = this.addIssue({ title: seed.title, body: seed.body, author: seed.author, labels: seed.labels });
    issue.pull = {
      headRef: seed.head,
      headSha: this.branches.get(seed.head)!,
      baseRef: base,
      draft: seed.draft ?? false,
      merged: false,
      mergedAt: null,
      mergeCommitSha: null,
      mergedBy: null,
      mergeable: seed.mergeable === undefined ? true : seed.mergeable,
      requestedReviewers: [...(seed.requestedReviewers ?? [])],
      requestedTeams: [...(seed.requestedTeams ?? [])],
      commits,
      reviews: [],
    };
    for (const login of issue.pull.requestedReviewers) this.user(login);
    return issue;
  }

  pull(number: number): { issue: IssueRecord; pull: PullRecord } {
    const issue = this.issue(number);
    if (!issue.pull) throw new Error(`#${number} is not a pull request`);
    return { issue, pull: issue.pull };
  }

  /** A review is submitted: the reviewer is no longer requested, the pull request is updated. */
  review(number: number, login: string, state: ReviewRecord['state'], body = ''): ReviewRecord {
    const { pull } = this.pull(number);
    const review: ReviewRecord = {
      id: this.id(),
      user: login,
      state,
      body,
      submittedAt: this.time(),
      commitId: pull.headSha,
    };
    this.user(login);
    pull.reviews.push(review);
    if (state !== 'PENDING') pull.requestedReviewers = pull.requestedReviewers.filter((r) => r !== login);
    this.touch(number);
    return review;
  }

  /** Dismisses the reviewer's latest approval or change request (its state becomes DISMISSED). */
  dismiss(number: number, login: string): void {
    const { pull } = this.pull(number);
    const review = [...pull.reviews]
      .reverse()
      .find((r) => r.user === login && (r.state === 'APPROVED' || r.state === 'CHANGES_REQUESTED'));
    if (!review) throw new Error(`${login} has no review to dismiss on #${number}`);
    review.state = 'DISMISSED';
    this.touch(number);
  }

  requestReview(number: number, login: string): void {
    const { pull } = this.pull(number);
    this.user(login);
    if (!pull.requestedReviewers.includes(login)) pull.requestedReviewers.push(login);
    this.touch(number);
  }

  /** A new commit on the head branch: a new head sha, mergeability to be worked out again. */
  push(number: number, message = 'More work'): string {
    const { pull } = this.pull(number);
    const sha = this.addCommit({ message, branch: pull.headRef });
    pull.commits.push(sha);
    pull.headSha = sha;
    this.touch(number);
    return sha;
  }

  merge(number: number, method: MergeMethod, by: string, title?: string): string {
    const { issue, pull } = this.pull(number);
    const baseTip = this.branches.get(pull.baseRef)!;
    let sha: string;
    if (method === 'merge') {
      sha = this.addCommit({
        message: title ?? `Merge pull request #${number} from ${pull.headRef}`,
        parents: [baseTip, pull.headSha],
        author: by,
      });
    } else if (method === 'squash') {
      sha = this.addCommit({ message: title ?? `${issue.title} (#${number})`, parents: [baseTip], author: by });
    } else {
      sha = baseTip;
      for (const commit of pull.commits) {
        sha = this.addCommit({ message: this.commits.get(commit)?.message ?? 'rebased', parents: [sha], author: by });
      }
    }
    this.branches.set(pull.baseRef, sha);
    this.pushedAt = this.time();
    pull.merged = true;
    pull.mergedAt = this.time();
    pull.mergeCommitSha = sha;
    pull.mergedBy = by;
    issue.state = 'closed';
    issue.closedAt = pull.mergedAt;
    this.touch(number);
    // Merging into the default branch closes the issues the pull request closes.
    if (pull.baseRef === this.defaultBranch) {
      const text = `${issue.title}\n${issue.body ?? ''}`;
      for (const m of text.matchAll(
        /\b(?:close|closes|closed|fix|fixes|fixed|resolve|resolves|resolved):?\s+#(\d+)\b/gi,
      )) {
        const target = this.issues.get(Number(m[1]));
        if (target && !target.pull && target.state === 'open') this.closeIssue(target.number);
      }
    }
    return sha;
  }

  // Checks
  addCheckRun(
    sha: string,
    name: string,
    result: { status?: CheckRunRecord['status']; conclusion?: CheckRunRecord['conclusion'] } = {},
  ): CheckRunRecord {
    const status = result.status ?? (result.conclusion ? 'completed' : 'queued');
    const run: CheckRunRecord = {
      id: this.id(),
      sha,
      name,
      status,
      conclusion: status === 'completed' ? (result.conclusion ?? 'success') : null,
      startedAt: this.time(),
      completedAt: status === 'completed' ? this.time() : null,
      suiteId: 9000 + this.checkRuns.length,
    };
    this.checkRuns.push(run);
    return run;
  }

  completeCheckRun(id: number, conclusion: NonNullable<CheckRunRecord['conclusion']>): void {
    const run = this.checkRuns.find((r) => r.id === id);
    if (!run) throw new Error(`no check run ${id}`);
    run.status = 'completed';
    run.conclusion = conclusion;
    run.completedAt = this.time();
  }

  /** "Re-run": a new run of the same name (GitHub keeps the old one; `filter=latest` hides it). */
  rerunCheck(sha: string, name: string, conclusion?: NonNullable<CheckRunRecord['conclusion']>): CheckRunRecord {
    return this.addCheckRun(sha, name, conclusion ? { conclusion } : { status: 'queued' });
  }

  setStatus(sha: string, context: string, state: StatusRecord['state'], description: string | null = null): void {
    this.statuses.push({
      id: this.id(),
      sha,
      context,
      state,
      description,
      targetUrl: null,
      creator: this.tokenUser,
      createdAt: this.time(),
      updatedAt: this.time(),
    });
  }

  /** The latest status per context for a commit, newest first. */
  latestStatuses(sha: string): StatusRecord[] {
    const latest = new Map<string, StatusRecord>();
    for (const s of this.statuses) if (s.sha === sha) latest.set(s.context, s);
    return [...latest.values()].reverse();
  }

  // Releases and deployments
  addRelease(tagName: string, target: string, opts: { name?: string; body?: string; author?: string } = {}) {
    const release: ReleaseRecord = {
      id: this.id(),
      tagName,
      targetCommitish: target,
      name: opts.name ?? tagName,
      body: opts.body ?? null,
      draft: false,
      prerelease: false,
      author: opts.author ?? this.tokenUser,
      createdAt: this.time(),
    };
    this.releases.push(release);
    return release;
  }

  addDeployment(opts: {
    ref: string;
    environment: string;
    creator?: string;
    description?: string | null;
    task?: string;
    payload?: Record<string, unknown> | string;
    transient?: boolean;
    production?: boolean;
  }): DeploymentRecord {
    const sha = this.resolve(opts.ref);
    if (!sha) throw new Error(`no ref ${opts.ref}`);
    const deployment: DeploymentRecord = {
      id: this.id(),
      sha,
      ref: opts.ref,
      task: opts.task ?? 'deploy',
      environment: opts.environment,
      description: opts.description ?? null,
      creator: opts.creator ?? this.tokenUser,
      payload: opts.payload ?? {},
      transient: opts.transient ?? false,
      production: opts.production ?? opts.environment === 'production',
      createdAt: this.time(),
      updatedAt: this.time(),
      statuses: [],
    };
    this.user(deployment.creator);
    this.deployments.push(deployment);
    return deployment;
  }

  addDeploymentStatus(
    deployment: DeploymentRecord,
    state: DeploymentState,
    opts: {
      creator?: string;
      description?: string;
      logUrl?: string;
      environmentUrl?: string;
      autoInactive?: boolean;
    } = {},
  ): DeploymentStatusRecord {
    const status: DeploymentStatusRecord = {
      id: this.id(),
      state,
      creator: opts.creator ?? this.tokenUser,
      description: opts.description ?? '',
      environment: deployment.environment,
      targetUrl: opts.logUrl ?? '',
      logUrl: opts.logUrl ?? '',
      environmentUrl: opts.environmentUrl ?? '',
      createdAt: this.time(),
    };
    deployment.statuses.push(status);
    deployment.updatedAt = status.createdAt;
    // GitHub marks the environment's earlier deployments inactive once one succeeds.
    if (state === 'success' && opts.autoInactive !== false) {
      for (const other of this.deployments) {
        if (other === deployment || other.environment !== deployment.environment || other.transient) continue;
        const last = other.statuses.at(-1);
        if (last?.state === 'success') this.addDeploymentStatus(other, 'inactive', { autoInactive: false });
      }
    }
    return status;
  }
}
