// Issues, pull requests, reviews and checks in GitHub's response shapes, typed with
// @octokit/openapi-types (GitHub's own OpenAPI description), so the server cannot drift
// from what the real API sends.
import type { components } from '@octokit/openapi-types';
import { labelJson, repositoryJson, userJson, type Urls } from './serialize-repo.js';
import type { CheckRunRecord, IssueRecord, ReviewRecord, StatusRecord, World } from './world.js';

type Schemas = components['schemas'];

export * from './serialize-repo.js';
export * from './serialize-shipping.js';
export { pageOf as pageOfItems } from './paging.js';

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
