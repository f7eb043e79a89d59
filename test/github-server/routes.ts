// The REST endpoints dynodeck uses (and their near neighbours), as a route table.
// Handlers check their input like GitHub, change the world, and return typed bodies.
import type { components } from '@octokit/openapi-types';
import { GitHubError, missingField, notFound, validationFailed } from './errors.js';
import * as json from './serialize.js';
import type { DeploymentState, IssueRecord, MergeMethod, World } from './world.js';

export interface Ctx {
  params: Record<string, string>;
  /** The request URL with the server's own origin (for link headers). */
  url: URL;
  body: Record<string, unknown>;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  /** GitHub's name for it, e.g. "GET /repos/{owner}/{repo}/issues": requests are counted by it. */
  name: string;
  regex: RegExp;
  handle(ctx: Ctx): Reply;
}

const DEPLOYMENT_STATES: readonly DeploymentState[] = [
  'error',
  'failure',
  'inactive',
  'pending',
  'success',
  'queued',
  'in_progress',
];

export function createRoutes(world: World, urls: () => json.Urls): Route[] {
  const routes: Route[] = [];
  const on = (method: string, name: string, handle: (ctx: Ctx) => Reply) => {
    const source = name
      .replace(/[.]/g, '\\.')
      .replace(/\{(\w+)\+\}/g, (_, param: string) => `(?<${param}>.+)`)
      .replace(/\{(\w+)\}/g, (_, param: string) => `(?<${param}>[^/]+)`);
    routes.push({ method, name: `${method} ${name}`, regex: new RegExp(`^${source}$`), handle });
  };
  const u = () => urls();
  const repoCheck = (ctx: Ctx) => {
    if (
      ctx.params.owner?.toLowerCase() !== world.owner.toLowerCase() ||
      ctx.params.repo?.toLowerCase() !== world.name.toLowerCase()
    )
      throw notFound();
  };
  const list = <T>(ctx: Ctx, items: readonly T[], toJson: (item: T) => unknown, perPage = 30): Reply => {
    const page = json.pageOfItems(items, ctx.url, perPage);
    return { body: page.items.map(toJson), headers: linkHeader(page.link) };
  };
  const pullOf = (ctx: Ctx): IssueRecord => {
    repoCheck(ctx);
    const issue = world.issues.get(Number(ctx.params.number));
    if (!issue?.pull) throw notFound();
    return issue;
  };

  on('GET', '/user', () => ({ body: json.publicUserJson(world, u(), world.tokenUser) }));
  on('GET', '/repos/{owner}/{repo}', (ctx) => {
    repoCheck(ctx);
    return { body: json.fullRepositoryJson(world, u()) };
  });

  // Issues (pull requests included, as on GitHub)
  on('GET', '/repos/{owner}/{repo}/issues', (ctx) => {
    repoCheck(ctx);
    const q = ctx.url.searchParams;
    const state = q.get('state') ?? 'open';
    const since = q.get('since') ? Date.parse(q.get('since')!) : undefined;
    const labels = (q.get('labels') ?? '').split(',').filter(Boolean);
    const sort = q.get('sort') ?? 'created';
    const asc = q.get('direction') === 'asc';
    const items = [...world.issues.values()]
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => since === undefined || Date.parse(i.updatedAt) >= since)
      .filter((i) => labels.every((l) => i.labels.includes(l)))
      .sort((a, b) => {
        const key = (i: IssueRecord) => (sort === 'updated' ? Date.parse(i.updatedAt) : Date.parse(i.createdAt));
        const d = key(a) - key(b) || a.number - b.number;
        return asc ? d : -d;
      });
    return list(ctx, items, (i) => json.issueJson(world, u(), i));
  });
  on('GET', '/repos/{owner}/{repo}/issues/{number}', (ctx) => {
    repoCheck(ctx);
    const issue = world.issues.get(Number(ctx.params.number));
    if (!issue) throw notFound();
    return { body: json.issueJson(world, u(), issue) };
  });
  on('POST', '/repos/{owner}/{repo}/issues', (ctx) => {
    repoCheck(ctx);
    const { title, body, labels, assignees } = ctx.body;
    if (typeof title !== 'string' && typeof title !== 'number') throw missingField('Issue', 'title');
    if (String(title).trim() === '')
      throw validationFailed([{ resource: 'Issue', field: 'title', code: 'missing_field' }]);
    const issue = world.addIssue({
      title: String(title),
      body: typeof body === 'string' ? body : undefined,
      labels: Array.isArray(labels)
        ? labels.map((l) => String(typeof l === 'object' && l ? (l as { name?: string }).name : l))
        : [],
      assignee: Array.isArray(assignees) && typeof assignees[0] === 'string' ? assignees[0] : undefined,
      author: world.tokenUser,
    });
    return {
      status: 201,
      body: json.issueJson(world, u(), issue),
      headers: { location: `${u().api}/repos/${world.owner}/${world.name}/issues/${issue.number}` },
    };
  });

  // Pull requests
  on('GET', '/repos/{owner}/{repo}/pulls', (ctx) => {
    repoCheck(ctx);
    const q = ctx.url.searchParams;
    const state = q.get('state') ?? 'open';
    const sort = q.get('sort') ?? 'created';
    // GitHub: descending by default when sorting by creation, ascending otherwise.
    const asc = (q.get('direction') ?? (sort === 'created' ? 'desc' : 'asc')) === 'asc';
    const head = q.get('head');
    const base = q.get('base');
    const items = [...world.issues.values()]
      .filter((i) => i.pull && (state === 'all' || i.state === state))
      .filter((i) => !head || `${world.owner}:${i.pull!.headRef}` === head)
      .filter((i) => !base || i.pull!.baseRef === base)
      .sort((a, b) => {
        const key = (i: IssueRecord) => (sort === 'updated' ? Date.parse(i.updatedAt) : Date.parse(i.createdAt));
        const d = key(a) - key(b) || a.number - b.number;
        return asc ? d : -d;
      });
    return list(ctx, items, (i) => json.pullSimpleJson(world, u(), i));
  });
  on('GET', '/repos/{owner}/{repo}/pulls/{number}', (ctx) => ({ body: json.pullJson(world, u(), pullOf(ctx)) }));
  on('GET', '/repos/{owner}/{repo}/pulls/{number}/reviews', (ctx) => {
    const issue = pullOf(ctx);
    return list(ctx, issue.pull!.reviews, (r) => json.reviewJson(world, u(), issue.number, r));
  });
  on('PUT', '/repos/{owner}/{repo}/pulls/{number}/merge', (ctx) => {
    const issue = pullOf(ctx);
    const pull = issue.pull!;
    const method = (ctx.body.merge_method ?? 'merge') as MergeMethod;
    if (!['merge', 'squash', 'rebase'].includes(method)) {
      throw validationFailed([{ resource: 'PullRequest', field: 'merge_method', code: 'invalid' }]);
    }
    if (issue.state !== 'open') throw new GitHubError(405, 'Pull Request is not mergeable');
    if (!world.allowed[method]) {
      const words = { merge: 'Merge commits', squash: 'Squash merges', rebase: 'Rebase merges' } as const;
      throw new GitHubError(405, `${words[method]} are not allowed on this repository.`);
    }
    if (pull.draft) throw new GitHubError(405, 'Draft pull requests cannot be merged.');
    if (typeof ctx.body.sha === 'string' && ctx.body.sha !== pull.headSha) {
      throw new GitHubError(409, 'Head branch was modified. Review and try the merge again.');
    }
    if (pull.mergeable === false) throw new GitHubError(405, 'Pull Request is not mergeable');
    const title = typeof ctx.body.commit_title === 'string' ? ctx.body.commit_title : undefined;
    const sha = world.merge(issue.number, method, world.tokenUser, title);
    return { body: { sha, merged: true, message: 'Pull Request successfully merged' } };
  });

  // Checks and statuses
  on('GET', '/repos/{owner}/{repo}/commits/{ref+}/check-runs', (ctx) => {
    repoCheck(ctx);
    const sha = world.resolve(ctx.params.ref!);
    if (!sha) throw new GitHubError(422, `No commit found for SHA: ${ctx.params.ref}`);
    const q = ctx.url.searchParams;
    let runs = world.checkRuns.filter((r) => r.sha === sha && (!q.get('check_name') || r.name === q.get('check_name')));
    if ((q.get('filter') ?? 'latest') === 'latest') {
      const latest = new Map<string, (typeof runs)[number]>();
      for (const r of runs) latest.set(r.name, r);
      runs = [...latest.values()];
    }
    runs = [...runs].reverse();
    const page = json.pageOfItems(runs, ctx.url, 30);
    const body: { total_count: number; check_runs: components['schemas']['check-run'][] } = {
      total_count: runs.length,
      check_runs: page.items.map((r) => json.checkRunJson(world, u(), r)),
    };
    return { body, headers: linkHeader(page.link) };
  });
  on('GET', '/repos/{owner}/{repo}/commits/{ref+}/status', (ctx) => {
    repoCheck(ctx);
    const sha = world.resolve(ctx.params.ref!);
    if (!sha) throw new GitHubError(422, `No commit found for SHA: ${ctx.params.ref}`);
    const statuses = world.latestStatuses(sha);
    const page = json.pageOfItems(statuses, ctx.url, 100);
    return {
      body: {
        ...json.combinedStatusJson(world, u(), sha, statuses),
        statuses: json.combinedStatusJson(world, u(), sha, page.items).statuses,
      },
    };
  });
  on('GET', '/repos/{owner}/{repo}/commits/{sha}/pulls', (ctx) => {
    repoCheck(ctx);
    const sha = world.resolve(ctx.params.sha!);
    if (!sha) throw new GitHubError(422, `No commit found for SHA: ${ctx.params.sha}`);
    const pulls = [...world.issues.values()].filter((i) => i.pull);
    // GitHub: the merged pull request that brought the commit in; for a commit not on the
    // default branch, the open ones that contain it.
    const merged = pulls.filter(
      (i) => i.pull!.merged && (i.pull!.mergeCommitSha === sha || i.pull!.commits.includes(sha)),
    );
    const onDefault = world.ancestors(world.branches.get(world.defaultBranch)!).has(sha);
    const found =
      merged.length > 0 || onDefault
        ? merged
        : pulls.filter((i) => i.state === 'open' && i.pull!.commits.includes(sha));
    return list(ctx, found, (i) => json.pullSimpleJson(world, u(), i));
  });

  // Compare
  on('GET', '/repos/{owner}/{repo}/compare/{basehead+}', (ctx) => {
    repoCheck(ctx);
    const [baseRef = '', headRef = ''] = ctx.params.basehead!.split('...');
    const base = world.resolve(baseRef);
    const head = world.resolve(headRef);
    if (!base || !head) throw notFound();
    const fromBase = world.ancestors(base);
    const fromHead = world.ancestors(head);
    const ahead = topological(world, head).filter((sha) => !fromBase.has(sha));
    const behindBy = [...fromBase].filter((sha) => !fromHead.has(sha)).length;
    const mergeBase =
      topological(world, head)
        .reverse()
        .find((sha) => fromBase.has(sha)) ?? base;
    const records = ahead.map((sha) => world.commits.get(sha)!);
    const paged = ctx.url.searchParams.has('per_page') || ctx.url.searchParams.has('page');
    const page = paged ? json.pageOfItems(records, ctx.url, 250) : { items: records.slice(0, 250) };
    const body = json.comparisonJson(world, u(), {
      base: world.commits.get(base)!,
      head: world.commits.get(head)!,
      mergeBase: world.commits.get(mergeBase)!,
      ahead: records,
      behindBy,
      page: page.items,
    });
    return { body, headers: linkHeader('link' in page ? page.link : undefined) };
  });

  // Releases
  on('GET', '/repos/{owner}/{repo}/releases', (ctx) => {
    repoCheck(ctx);
    return list(ctx, [...world.releases].reverse(), (r) => json.releaseJson(world, u(), r));
  });
  on('POST', '/repos/{owner}/{repo}/releases', (ctx) => {
    repoCheck(ctx);
    const { tag_name: tag, target_commitish: target, name, body } = ctx.body;
    if (typeof tag !== 'string' || tag === '') throw missingField('Release', 'tag_name');
    if (world.releases.some((r) => r.tagName === tag)) {
      throw validationFailed(
        [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
        'https://docs.github.com/rest/releases/releases#create-a-release',
      );
    }
    const commitish = typeof target === 'string' && target !== '' ? target : world.defaultBranch;
    if (!world.resolve(commitish)) {
      throw validationFailed([{ resource: 'Release', code: 'invalid', field: 'target_commitish' }]);
    }
    const release = world.addRelease(tag, commitish, {
      name: typeof name === 'string' ? name : undefined,
      body: typeof body === 'string' ? body : undefined,
    });
    return { status: 201, body: json.releaseJson(world, u(), release) };
  });

  // Deployments
  on('GET', '/repos/{owner}/{repo}/deployments', (ctx) => {
    repoCheck(ctx);
    const q = ctx.url.searchParams;
    const items = [...world.deployments]
      .reverse()
      .filter((d) => !q.get('environment') || d.environment === q.get('environment'))
      .filter((d) => !q.get('sha') || d.sha === q.get('sha'))
      .filter((d) => !q.get('ref') || d.ref === q.get('ref'))
      .filter((d) => !q.get('task') || d.task === q.get('task'));
    return list(ctx, items, (d) => json.deploymentJson(world, u(), d));
  });
  on('POST', '/repos/{owner}/{repo}/deployments', (ctx) => {
    repoCheck(ctx);
    const b = ctx.body;
    if (typeof b.ref !== 'string' || b.ref === '') throw missingField('Deployment', 'ref');
    const sha = world.resolve(b.ref);
    if (!sha) throw new GitHubError(422, `No ref found for: ${b.ref}`);
    const isBranch = world.branches.has(b.ref) && b.ref !== world.defaultBranch;
    const mainTip = world.branches.get(world.defaultBranch)!;
    // auto_merge defaults to true: a branch behind the default branch gets it merged in,
    // and the answer is 202 with no deployment.
    if (b.auto_merge !== false && isBranch && !world.ancestors(sha).has(mainTip)) {
      world.addCommit({
        message: `Merge ${world.defaultBranch} into ${b.ref}`,
        branch: b.ref,
        parents: [sha, mainTip],
      });
      return { status: 202, body: { message: `Auto-merged ${world.defaultBranch} into ${b.ref} on deployment.` } };
    }
    // required_contexts defaults to every context: each must have succeeded.
    if (!Array.isArray(b.required_contexts)) {
      const failing = world.latestStatuses(sha).filter((s) => s.state !== 'success');
      if (failing.length > 0) {
        throw new GitHubError(409, `Conflict: Commit status checks failed for ${b.ref}.`);
      }
    }
    const deployment = world.addDeployment({
      ref: b.ref,
      environment: typeof b.environment === 'string' ? b.environment : 'production',
      description: typeof b.description === 'string' ? b.description : null,
      task: typeof b.task === 'string' ? b.task : 'deploy',
      payload: (b.payload as Record<string, unknown> | string | undefined) ?? {},
      transient: b.transient_environment === true,
      production: typeof b.production_environment === 'boolean' ? b.production_environment : undefined,
      creator: world.tokenUser,
    });
    return { status: 201, body: json.deploymentJson(world, u(), deployment) };
  });
  const deploymentOf = (ctx: Ctx) => {
    repoCheck(ctx);
    const d = world.deployments.find((x) => x.id === Number(ctx.params.id));
    if (!d) throw notFound();
    return d;
  };
  on('GET', '/repos/{owner}/{repo}/deployments/{id}/statuses', (ctx) => {
    const d = deploymentOf(ctx);
    return list(ctx, [...d.statuses].reverse(), (s) => json.deploymentStatusJson(world, u(), d, s));
  });
  on('POST', '/repos/{owner}/{repo}/deployments/{id}/statuses', (ctx) => {
    const d = deploymentOf(ctx);
    const b = ctx.body;
    if (typeof b.state !== 'string') throw missingField('DeploymentStatus', 'state');
    if (!DEPLOYMENT_STATES.includes(b.state as DeploymentState)) {
      throw validationFailed([{ resource: 'DeploymentStatus', field: 'state', code: 'invalid' }]);
    }
    if (typeof b.description === 'string' && b.description.length > 140) {
      throw validationFailed([
        {
          resource: 'DeploymentStatus',
          field: 'description',
          code: 'custom',
          message: 'description is too long (maximum is 140 characters)',
        },
      ]);
    }
    const status = world.addDeploymentStatus(d, b.state as DeploymentState, {
      creator: world.tokenUser,
      description: typeof b.description === 'string' ? b.description : '',
      logUrl: typeof b.log_url === 'string' ? b.log_url : typeof b.target_url === 'string' ? b.target_url : '',
      environmentUrl: typeof b.environment_url === 'string' ? b.environment_url : '',
      autoInactive: b.auto_inactive !== false,
    });
    return { status: 201, body: json.deploymentStatusJson(world, u(), d, status) };
  });

  return routes;
}

function linkHeader(link: string | undefined): Record<string, string> {
  return link ? { link } : {};
}

/** Commits reachable from head, parents before children (oldest first, as compare lists them). */
function topological(world: World, head: string): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (sha: string) => {
    const stack: Array<{ sha: string; done: boolean }> = [{ sha, done: false }];
    while (stack.length > 0) {
      const top = stack.pop()!;
      if (top.done) {
        order.push(top.sha);
        continue;
      }
      if (seen.has(top.sha)) continue;
      seen.add(top.sha);
      stack.push({ sha: top.sha, done: true });
      for (const parent of [...(world.commits.get(top.sha)?.parents ?? [])].reverse()) {
        if (!seen.has(parent)) stack.push({ sha: parent, done: false });
      }
    }
  };
  visit(head);
  return order;
}
