// Records to GitHub's response shapes, typed with @octokit/openapi-types (GitHub's own
// OpenAPI description), so the server cannot drift from what the real API sends.
import type { components } from '@octokit/openapi-types';
import type {
  CheckRunRecord,
  CommitRecord,
  DeploymentRecord,
  DeploymentStatusRecord,
  IssueRecord,
  ReleaseRecord,
  ReviewRecord,
  StatusRecord,
  World,
} from './world.js';

type Schemas = components['schemas'];

export interface Urls {
  /** The API root, e.g. http://127.0.0.1:4000 (or …/api/v3). */
  api: string;
  /** The web root the html_url fields point at. */
  web: string;
}

export function userJson(world: World, urls: Urls, login: string): Schemas['simple-user'] {
  const user = world.user(login);
  const api = `${urls.api}/users/${login}`;
  return {
    login,
    id: user.id,
    node_id: `U_${user.id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    site_admin: false,
    user_view_type: 'public',
  };
}

export function publicUserJson(world: World, urls: Urls, login: string): Schemas['public-user'] {
  return {
    ...userJson(world, urls, login),
    name: login,
    company: null,
    blog: null,
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 1,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
}

export function repositoryJson(world: World, urls: Urls): Schemas['repository'] {
  const full = `${world.owner}/${world.name}`;
  const api = `${urls.api}/repos/${full}`;
  const host = new URL(urls.web).host;
  return {
    id: world.repoId,
    node_id: `R_${world.repoId}`,
    name: world.name,
    full_name: full,
    license: null,
    forks: 0,
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    owner: userJson(world, urls, world.owner),
    private: true,
    html_url: `${urls.web}/${full}`,
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${full}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${full}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${urls.web}/${full}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: `${urls.web}/${full}`,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 1024,
    default_branch: world.defaultBranch,
    open_issues_count: [...world.issues.values()].filter((i) => i.state === 'open').length,
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    visibility: 'private',
    pushed_at: world.pushedAt,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    allow_merge_commit: world.allowed.merge,
    allow_squash_merge: world.allowed.squash,
    allow_rebase_merge: world.allowed.rebase,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    open_issues: [...world.issues.values()].filter((i) => i.state === 'open').length,
    watchers: 0,
  };
}

export function fullRepositoryJson(world: World, urls: Urls): Schemas['full-repository'] {
  const repo = repositoryJson(world, urls);
  return {
    ...repo,
    has_discussions: false,
    pushed_at: world.pushedAt,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    subscribers_count: 1,
    network_count: 0,
  };
}

function labelJson(world: World, urls: Urls, name: string): Schemas['label'] {
  const id = 3000 + [...name].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 1_000_000, 7);
  return {
    id,
    node_id: `LA_${id}`,
    url: `${urls.api}/repos/${world.owner}/${world.name}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: 'ededed',
    default: false,
  };
}

export function issueJson(world: World, urls: Urls, issue: IssueRecord): Schemas['issue'] {
  const api = `${urls.api}/repos/${world.owner}/${world.name}`;
  const web = `${urls.web}/${world.owner}/${world.name}`;
  const json: Schemas['issue'] = {
    id: issue.id,
    node_id: `I_${issue.id}`,
    url: `${api}/issues/${issue.number}`,
    repository_url: api,
    labels_url: `${api}/issues/${issue.number}/labels{/name}`,
    comments_url: `${api}/issues/${issue.number}/comments`,
    events_url: `${api}/issues/${issue.number}/events`,
    html_url: `${web}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: userJson(world, urls, issue.author),
    labels: issue.labels.map((name) => labelJson(world, urls, name)),
    assignee: issue.assignees[0] ? userJson(world, urls, issue.assignees[0]) : null,
    assignees: issue.assignees.map((login) => userJson(world, urls, login)),
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: 0,
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    author_association: 'MEMBER',
    timeline_url: `${api}/issues/${issue.number}/timeline`,
  };
  if (issue.pull) {
    json.pull_request = {
      url: `${api}/pulls/${issue.number}`,
      html_url: `${web}/pull/${issue.number}`,
      diff_url: `${web}/pull/${issue.number}.diff`,
      patch_url: `${web}/pull/${issue.number}.patch`,
      merged_at: issue.pull.mergedAt,
    };
    json.draft = issue.pull.draft;
  }
  return json;
}

function team(world: World, urls: Urls, slug: string, index: number): Schemas['team'] {
  const id = 8000 + index;
  return {
    id,
    node_id: `T_${id}`,
    name: slug,
    slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    url: `${urls.api}/organizations/1/team/${id}`,
    html_url: `${urls.web}/orgs/${world.owner}/teams/${slug}`,
    members_url: `${urls.api}/organizations/1/team/${id}/members{/member}`,
    repositories_url: `${urls.api}/organizations/1/team/${id}/repos`,
    type: 'organization',
    parent: null,
  };
}

export function pullSimpleJson(world: World, urls: Urls, issue: IssueRecord): Schemas['pull-request-simple'] {
  const pull = issue.pull!;
  const api = `${urls.api}/repos/${world.owner}/${world.name}`;
  const web = `${urls.web}/${world.owner}/${world.name}`;
  const repo = repositoryJson(world, urls);
  const link = (href: string) => ({ href });
  const baseSha = world.branches.get(pull.baseRef) ?? '';
  return {
    url: `${api}/pulls/${issue.number}`,
    id: issue.id,
    node_id: `PR_${issue.id}`,
    html_url: `${web}/pull/${issue.number}`,
    diff_url: `${web}/pull/${issue.number}.diff`,
    patch_url: `${web}/pull/${issue.number}.patch`,
    issue_url: `${api}/issues/${issue.number}`,
    commits_url: `${api}/pulls/${issue.number}/commits`,
    review_comments_url: `${api}/pulls/${issue.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${issue.number}/comments`,
    statuses_url: `${api}/statuses/${pull.headSha}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: userJson(world, urls, issue.author),
    body: issue.body,
    labels: issue.labels.map((name) => ({ ...labelJson(world, urls, name), description: '' })),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: issue.assignees[0] ? userJson(world, urls, issue.assignees[0]) : null,
    assignees: issue.assignees.map((login) => userJson(world, urls, login)),
    requested_reviewers: pull.requestedReviewers.map((login) => userJson(world, urls, login)),
    requested_teams: pull.requestedTeams.map((slug, i) => team(world, urls, slug, i)),
    head: {
      label: `${world.owner}:${pull.headRef}`,
      ref: pull.headRef,
      repo,
      sha: pull.headSha,
      user: userJson(world, urls, world.owner),
    },
    base: {
      label: `${world.owner}:${pull.baseRef}`,
      ref: pull.baseRef,
      repo,
      sha: baseSha,
      user: userJson(world, urls, world.owner),
    },
    _links: {
      self: link(`${api}/pulls/${issue.number}`),
      html: link(`${web}/pull/${issue.number}`),
      issue: link(`${api}/issues/${issue.number}`),
      comments: link(`${api}/issues/${issue.number}/comments`),
      review_comments: link(`${api}/pulls/${issue.number}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${api}/pulls/${issue.number}/commits`),
      statuses: link(`${api}/statuses/${pull.headSha}`),
    },
    author_association: 'MEMBER',
    auto_merge: null,
    draft: pull.draft,
  };
}

export function pullJson(world: World, urls: Urls, issue: IssueRecord): Schemas['pull-request'] {
  const simple = pullSimpleJson(world, urls, issue);
  const pull = issue.pull!;
  const user = simple.user ?? userJson(world, urls, issue.author);
  return {
    ...simple,
    state: issue.state,
    user,
    labels: issue.labels.map((name) => labelJson(world, urls, name)),
    requested_teams: pull.requestedTeams.map((slug, i) => {
      const { parent: _parent, ...rest } = team(world, urls, slug, i);
      return rest;
    }),
    head: { ...simple.head, user: simple.head.user ?? user },
    base: { ...simple.base, user: simple.base.user ?? user },
    merged: pull.merged,
    mergeable: issue.state === 'open' ? pull.mergeable : null,
    rebaseable: issue.state === 'open' ? pull.mergeable : null,
    mergeable_state:
      issue.state !== 'open' ? 'unknown' : pull.mergeable === null ? 'unknown' : pull.mergeable ? 'clean' : 'dirty',
    merged_by: pull.mergedBy ? userJson(world, urls, pull.mergedBy) : null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: pull.commits.length,
    additions: 10 * pull.commits.length,
    deletions: 2 * pull.commits.length,
    changed_files: pull.commits.length,
  };
}

export function reviewJson(
  world: World,
  urls: Urls,
  number: number,
  review: ReviewRecord,
): Schemas['pull-request-review'] {
  const web = `${urls.web}/${world.owner}/${world.name}/pull/${number}`;
  return {
    id: review.id,
    node_id: `PRR_${review.id}`,
    user: userJson(world, urls, review.user),
    body: review.body,
    state: review.state,
    html_url: `${web}#pullrequestreview-${review.id}`,
    pull_request_url: `${urls.api}/repos/${world.owner}/${world.name}/pulls/${number}`,
    _links: {
      html: { href: `${web}#pullrequestreview-${review.id}` },
      pull_request: { href: `${urls.api}/repos/${world.owner}/${world.name}/pulls/${number}` },
    },
    ...(review.state === 'PENDING' ? {} : { submitted_at: review.submittedAt }),
    commit_id: review.commitId,
    author_association: 'MEMBER',
  };
}

export function checkRunJson(world: World, urls: Urls, run: CheckRunRecord): Schemas['check-run'] {
  const api = `${urls.api}/repos/${world.owner}/${world.name}`;
  return {
    id: run.id,
    head_sha: run.sha,
    node_id: `CR_${run.id}`,
    external_id: String(run.id),
    url: `${api}/check-runs/${run.id}`,
    html_url: `${urls.web}/${world.owner}/${world.name}/runs/${run.id}`,
    details_url: `${urls.web}/${world.owner}/${world.name}/actions/runs/${run.suiteId}/job/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.conclusion === 'failure' ? `${run.name} failed` : null,
      summary: null,
      text: null,
      annotations_count: 0,
      annotations_url: `${api}/check-runs/${run.id}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.suiteId },
    app: null,
    pull_requests: [],
  };
}

export function combinedStatusJson(
  world: World,
  urls: Urls,
  sha: string,
  statuses: StatusRecord[],
): Schemas['combined-commit-status'] {
  const api = `${urls.api}/repos/${world.owner}/${world.name}`;
  const states = statuses.map((s) => s.state);
  // GitHub: failure if any context errored or failed, pending if any is pending or there are none.
  const state = states.some((s) => s === 'error' || s === 'failure')
    ? 'failure'
    : states.length === 0 || states.includes('pending')
      ? 'pending'
      : 'success';
  const repo = repositoryJson(world, urls);
  return {
    state,
    statuses: statuses.map((s) => ({
      description: s.description,
      id: s.id,
      node_id: `SC_${s.id}`,
      state: s.state,
      context: s.context,
      target_url: s.targetUrl,
      avatar_url: null,
      url: `${api}/statuses/${sha}`,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    })),
    sha,
    total_count: statuses.length,
    repository: { ...repo, permissions: undefined, license: null },
    commit_url: `${api}/commits/${sha}`,
    url: `${api}/commits/${sha}/status`,
  };
}

export function commitJson(world: World, urls: Urls, commit: CommitRecord): Schemas['commit'] {
  const api = `${urls.api}/repos/${world.owner}/${world.name}`;
  const web = `${urls.web}/${world.owner}/${world.name}`;
  const person = { name: commit.author, email: `${commit.author}@example.com`, date: commit.date };
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: `C_${commit.sha.slice(0, 12)}`,
    html_url: `${web}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: person,
      committer: person,
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.sha.split('').reverse().join(''), url: `${api}/git/trees/${commit.sha}` },
    },
    author: userJson(world, urls, commit.author),
    committer: userJson(world, urls, commit.author),
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${web}/commit/${sha}` })),
  };
}

export function comparisonJson(
  world: World,
  urls: Urls,
  c: {
    base: CommitRecord;
    head: CommitRecord;
    mergeBase: CommitRecord;
    ahead: CommitRecord[];
    behindBy: number;
    page: CommitRecord[];
  },
): Schemas['commit-comparison'] {
  const web = `${urls.web}/${world.owner}/${world.name}`;
  const spec = `${c.base.sha.slice(0, 12)}...${c.head.sha.slice(0, 12)}`;
  const aheadBy = c.ahead.length;
  return {
    url: `${urls.api}/repos/${world.owner}/${world.name}/compare/${c.base.sha}...${c.head.sha}`,
    html_url: `${web}/compare/${spec}`,
    permalink_url: `${web}/compare/${world.owner}:${c.base.sha}...${world.owner}:${c.head.sha}`,
    diff_url: `${web}/compare/${spec}.diff`,
    patch_url: `${web}/compare/${spec}.patch`,
    base_commit: commitJson(world, urls, c.base),
    merge_base_commit: commitJson(world, urls, c.mergeBase),
    status:
      aheadBy === 0 && c.behindBy === 0
        ? 'identical'
        : aheadBy === 0
          ? 'behind'
          : c.behindBy === 0
            ? 'ahead'
            : 'diverged',
    ahead_by: aheadBy,
    behind_by: c.behindBy,
    total_commits: aheadBy,
    commits: c.page.map((commit) => commitJson(world, urls, commit)),
    files: [],
  };
}

export function releaseJson(world: World, urls: Urls, release: ReleaseRecord): Schemas['release'] {
  const api = `${urls.api}/repos/${world.owner}/${world.name}`;
  const web = `${urls.web}/${world.owner}/${world.name}`;
  return {
    url: `${api}/releases/${release.id}`,
    html_url: `${web}/releases/tag/${encodeURIComponent(release.tagName)}`,
    assets_url: `${api}/releases/${release.id}/assets`,
    upload_url: `${api}/releases/${release.id}/assets{?name,label}`,
    tarball_url: `${api}/tarball/${release.tagName}`,
    zipball_url: `${api}/zipball/${release.tagName}`,
    id: release.id,
    node_id: `RE_${release.id}`,
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    immutable: false,
    created_at: release.createdAt,
    published_at: release.draft ? null : release.createdAt,
    updated_at: release.createdAt,
    author: userJson(world, urls, release.author),
    assets: [],
  };
}

export function deploymentJson(world: World, urls: Urls, d: DeploymentRecord): Schemas['deployment'] {
  const api = `${urls.api}/repos/${world.owner}/${world.name}`;
  return {
    url: `${api}/deployments/${d.id}`,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: userJson(world, urls, d.creator),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    statuses_url: `${api}/deployments/${d.id}/statuses`,
    repository_url: api,
    transient_environment: d.transient,
    production_environment: d.production,
    performed_via_github_app: null,
  };
}

export function deploymentStatusJson(
  world: World,
  urls: Urls,
  d: DeploymentRecord,
  s: DeploymentStatusRecord,
): Schemas['deployment-status'] {
  const api = `${urls.api}/repos/${world.owner}/${world.name}`;
  return {
    url: `${api}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: `DES_${s.id}`,
    state: s.state,
    creator: userJson(world, urls, s.creator),
    description: s.description,
    environment: s.environment,
    target_url: s.targetUrl,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: `${api}/deployments/${d.id}`,
    repository_url: api,
    environment_url: s.environmentUrl,
    log_url: s.logUrl,
    performed_via_github_app: null,
  };
}

export { pageOf as pageOfItems } from './paging.js';
